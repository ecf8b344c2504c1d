import { PlusOutlined } from '@ant-design/icons';
import { Alert, Form, Input, Radio, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  incidentKindLabels,
  incidentKinds,
  type IncidentKind,
  type IncidentRow,
  type ResidentDetail,
} from '../../../../src-main/shared/contract/residents';
import { useMutate, useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { useSession } from '../../app/session';
import { useI18n, useLabel } from '../../i18n';
import { toDateString, serverDay } from '../../lib/dates';
import { formatDateTime } from '../../lib/format';
import { DateField } from './common';
import { FormDialog, residentQueries, whoAndWhere } from './LifecycleDialogs';
import { ActionButton } from '../../app/permissions';

/** GB/T 42195-2022 counts care-risk events in the 30 days before an assessment. */
const WINDOW_DAYS = 30;

/** The statuses the core accepts events for (a late report after discharge included). */
const recordable = ['waiting', 'reserved', 'admitted', 'onLeave', 'discharged'];

/** 事件 tab: 照护风险事件 (falls, choking, self-harm, wandering), which can raise the ability level. */
export function IncidentsTab({ resident: r }: { resident: ResidentDetail }) {
  const { t } = useI18n();
  const label = useLabel();
  const { can } = useSession();
  const list = useProcedure('incidents.list', { residentId: r.id });
  const config = useProcedure('residents.getConfig', {});
  const [adding, setAdding] = useState(false);
  const threshold = config.data?.careRiskEventThreshold ?? 2;
  const since = serverDay().subtract(WINDOW_DAYS, 'day').format('YYYY-MM-DD');
  const recent = (list.data ?? []).filter((i) => i.occurredOn > since).length;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Alert
        type="info"
        showIcon
        title={t('照护风险事件会影响能力等级', 'Care-risk events can raise the ability level')}
        description={t(
          `跌倒、噎食、自伤/自杀、走失都要在这里登记。按 GB/T 42195-2022，近 ${WINDOW_DAYS} 天内发生 ${threshold} 次及以上的，下次能力评估时能力等级上调一级（最高到完全失能），护理类别和护理等级可能随之提高。达到次数时老人会被列入待评估名单。`,
          `Record falls, choking, self-harm and wandering here. ${threshold} or more in ${WINDOW_DAYS} days raise the level by one at the next assessment.`,
        )}
      />
      {r.reassessmentFlag && (
        <Alert
          type="warning"
          showIcon
          title={t(`已标记需要重新评估：${r.reassessmentFlag}`, `Flagged: ${r.reassessmentFlag}`)}
        />
      )}
      <Space wrap size="large">
        {can('incidents.write') && recordable.includes(r.status) && (
          <ActionButton
            procedure="incidents.record"
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
          >
            {t('登记照护风险事件', 'Record an incident')}
          </ActionButton>
        )}
        {list.data && (
          <Typography.Text data-testid="incidents-recent">
            {t(`近 ${WINDOW_DAYS} 天内：`, `Last ${WINDOW_DAYS} days: `)}
            <Tag color={recent >= threshold ? 'red' : recent > 0 ? 'orange' : 'default'}>
              {t(`${recent} 次`, `${recent}`)}
            </Tag>
            {recent >= threshold
              ? t('已达到上调能力等级的次数', 'enough to raise the level')
              : t(`（${threshold} 次起上调能力等级）`, `(${threshold} raise the level)`)}
          </Typography.Text>
        )}
      </Space>
      <QueryView query={list}>
        {(rows) => (
          <Table<IncidentRow>
            rowKey="id"
            dataSource={rows}
            pagination={rows.length > 20 ? { pageSize: 20 } : false}
            locale={{
              emptyText: t('没有登记过照护风险事件', 'No incidents recorded'),
            }}
            columns={[
              { title: t('发生日期', 'Date'), dataIndex: 'occurredOn', width: 120 },
              {
                title: t('事件', 'Kind'),
                width: 120,
                render: (_v, i) => <Tag color="volcano">{label(incidentKindLabels[i.kind])}</Tag>,
              },
              {
                title: t('经过与处理', 'What happened'),
                render: (_v, i) => i.note || '—',
              },
              {
                title: t('登记', 'Recorded'),
                width: 220,
                render: (_v, i) => (
                  <Typography.Text type="secondary">
                    {formatDateTime(i.recordedAt)} {i.recordedBy ?? ''}
                  </Typography.Text>
                ),
              },
            ]}
          />
        )}
      </QueryView>
      {adding && <IncidentDialog resident={r} onClose={() => setAdding(false)} />}
    </Space>
  );
}

function IncidentDialog({ resident, onClose }: { resident: ResidentDetail; onClose: () => void }) {
  const { t } = useI18n();
  const label = useLabel();
  const m = useMutate('incidents.record', [...residentQueries, 'incidents.list']);
  return (
    <FormDialog<{ kind: IncidentKind; occurredOn: Dayjs; note?: string }>
      title={t(`登记照护风险事件：${whoAndWhere(resident)}`, `Record an incident: ${resident.name}`)}
      okText={t('登记', 'Record')}
      initialValues={{ occurredOn: serverDay() }}
      pending={m.isPending}
      onClose={onClose}
      onSubmit={async (v) => {
        const row = await m.mutateAsync({
          residentId: resident.id,
          kind: v.kind,
          occurredOn: toDateString(v.occurredOn)!,
          ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        });
        return t(
          `已登记：${resident.name} ${row.occurredOn} ${incidentKindLabels[row.kind].zh}`,
          `Recorded: ${incidentKindLabels[row.kind].en} on ${row.occurredOn}`,
        );
      }}
    >
      <Form.Item
        name="kind"
        label={t('事件类型', 'Kind')}
        rules={[{ required: true, message: t('请选择事件类型', 'Choose the kind') }]}
      >
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={incidentKinds.map((k) => ({ value: k, label: label(incidentKindLabels[k]) }))}
        />
      </Form.Item>
      <DateField
        name="occurredOn"
        label={t('发生日期', 'Date')}
        message={t('请选择发生日期', 'Choose the date')}
      />
      <Form.Item name="note" label={t('经过与处理（地点、伤情、采取的措施）', 'What happened')}>
        <Input.TextArea
          rows={3}
          maxLength={1000}
          placeholder={t(
            '如：夜间如厕时在卫生间滑倒，左膝擦伤，已消毒包扎并通知家属',
            'e.g. slipped at night',
          )}
        />
      </Form.Item>
    </FormDialog>
  );
}
