import { Card, Checkbox, Col, Form, InputNumber, Radio, Row, Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import {
  ratioCategoryLabels,
  staffRoleLabels,
  staffRoles,
  type StaffingConfig,
  type StaffingOverride,
} from '../../../../src-main/shared/contract/staff';
import { applyFieldErrors, useMutate, useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { ActionButton, useCan } from '../../app/permissions';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { PrintButton } from '../print/PrintButton';
import { ratioReport } from './print-documents';
import { RatioChart } from './RatioChart';
import { RatioSummary, ratioText } from './RatioSummary';

/** 人员 → 配比: today's caregiver ratio, the last 90 days, the rules, and a what-if. */
export function RatioPage() {
  const { t } = useI18n();
  const ratio = useProcedure('staffing.ratio', {});
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={t('护理员配比（今日）', 'Caregiver ratio today')}
        extra={
          <PrintButton size="large" load={ratioReport}>
            {t('打印人员配比情况表', 'Print ratio report')}
          </PrintButton>
        }
      >
        <QueryView query={ratio}>{(r) => <RatioSummary ratio={r} testId="ratio-today" />}</QueryView>
      </Card>
      <HistoryCard />
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <WhatIfCard />
        </Col>
        <Col xs={24} lg={12}>
          <ConfigCard />
        </Col>
      </Row>
      <OverridesCard />
    </Space>
  );
}

function HistoryCard() {
  const { t } = useI18n();
  const ratio = useProcedure('staffing.ratio', {});
  const today = ratio.data?.on;
  const history = useProcedure(
    'staffing.history',
    { from: dayjs(today).subtract(89, 'day').format('YYYY-MM-DD'), to: today ?? '' },
    { enabled: today !== undefined },
  );
  return (
    <Card title={t('近 90 天：需要与现有护理员', 'Last 90 days: required vs available')}>
      {history.data ? (
        <RatioChart days={history.data} />
      ) : (
        <Typography.Text type="secondary">…</Typography.Text>
      )}
    </Card>
  );
}

function WhatIfCard() {
  const { t } = useI18n();
  const [admit, setAdmit] = useState({ dependent: 0, partlyDependent: 0, selfCare: 0 });
  const result = useProcedure('staffing.whatIf', { admit });
  return (
    <Card title={t('假如再收住…', 'What if we admit…')}>
      <Space wrap size="large">
        {(['dependent', 'partlyDependent', 'selfCare'] as const).map((c) => (
          <Space key={c} orientation="vertical" size={2}>
            <span>{ratioCategoryLabels[c].zh}</span>
            <InputNumber
              size="large"
              min={0}
              max={500}
              value={admit[c]}
              data-testid={`whatif-${c}`}
              onChange={(v) => setAdmit({ ...admit, [c]: Number(v ?? 0) })}
            />
          </Space>
        ))}
      </Space>
      {result.data && (
        <Typography.Paragraph style={{ marginTop: 16, fontSize: 16 }} data-testid="whatif-result">
          <Typography.Text
            type={
              result.data.after.rosterEmpty ? 'secondary' : result.data.after.compliant ? 'success' : 'danger'
            }
            strong
          >
            {ratioText(result.data.after, '收住后')}
          </Typography.Text>
        </Typography.Paragraph>
      )}
    </Card>
  );
}

function ConfigCard() {
  const { t } = useI18n();
  const can = useCan();
  const config = useProcedure('staffing.getConfig', {});
  const save = useMutate('staffing.updateConfig', [
    'staffing.getConfig',
    'staffing.ratio',
    'staffing.kpis',
    'staffing.history',
    'staffing.whatIf',
    'alerts.list',
  ]);
  const [form] = Form.useForm<StaffingConfig>();
  const editable = can('staffing.updateConfig');
  return (
    <Card title={t('配比规则', 'Ratio rules')}>
      <QueryView query={config}>
        {(c) => (
          <Form
            form={form}
            layout="vertical"
            initialValues={c}
            disabled={!editable}
            onFinish={(values) =>
              void save.mutateAsync(values).catch((error: unknown) => applyFieldErrors(form, error))
            }
          >
            <Space wrap>
              {(['dependent', 'partlyDependent', 'selfCare'] as const).map((k) => (
                <Form.Item key={k} name={['perCaregiver', k]} label={`${ratioCategoryLabels[k].zh} 1 :`}>
                  <InputNumber min={1} max={100} size="large" />
                </Form.Item>
              ))}
            </Space>
            <Form.Item name="rounding" label={t('取整方式', 'Rounding')}>
              <Radio.Group>
                <Radio value="total">{t('合计后向上取整', 'Once, on the total')}</Radio>
                <Radio value="perCategory">{t('各类别分别向上取整', 'Per category')}</Radio>
              </Radio.Group>
            </Form.Item>
            <Form.Item name="countedRoles" label={t('计入配比的岗位', 'Roles counted')}>
              <Select
                mode="multiple"
                options={staffRoles.map((r) => ({ value: r, label: staffRoleLabels[r].zh }))}
              />
            </Form.Item>
            <Form.Item name="uncategorisedAs" label={t('未评估老人按', 'Not yet assessed count as')}>
              <Radio.Group>
                {(['dependent', 'partlyDependent', 'selfCare'] as const).map((k) => (
                  <Radio key={k} value={k}>
                    {ratioCategoryLabels[k].zh}
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item name="excludeOnLeave" valuePropName="checked">
              <Checkbox>{t('请假、住院的老人不计入', 'Leave out residents away on leave')}</Checkbox>
            </Form.Item>
            <Typography.Paragraph type="secondary">
              {t(
                '修改后的规则从今天起执行，之前的日子仍按当时的规则计算。',
                'Changes apply from today; earlier days keep the rules then in force.',
              )}
            </Typography.Paragraph>
            {editable && (
              <ActionButton
                procedure="staffing.updateConfig"
                type="primary"
                size="large"
                htmlType="submit"
                loading={save.isPending}
              >
                {t('保存规则', 'Save rules')}
              </ActionButton>
            )}
            {!editable && (
              <Typography.Text type="secondary">
                {t('只有管理员可以修改配比规则', 'Administrators only')}
              </Typography.Text>
            )}
          </Form>
        )}
      </QueryView>
    </Card>
  );
}

const overrideActions: Record<StaffingOverride['action'], string> = {
  admission: '入住',
  recategorise: '护理类别变更',
  staffEnd: '员工离职',
  other: '其他',
};

/** 超配比仍办理: who went ahead although the ratio broke, why, and what the check said then. */
function OverridesCard() {
  const { t } = useI18n();
  const can = useCan();
  const allowed = can('staffing.overrides');
  const list = useProcedure('staffing.overrides', {}, { enabled: allowed });
  if (!allowed) return null;
  return (
    <Card title={t('超配比仍办理的记录', 'Gone ahead despite the ratio')}>
      <QueryView query={list}>
        {(rows) => (
          <Table
            rowKey="id"
            size="middle"
            data-testid="ratio-overrides"
            dataSource={rows}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            locale={{ emptyText: t('没有超配比办理的记录', 'None') }}
            columns={[
              {
                title: t('时间', 'When'),
                dataIndex: 'at',
                width: 170,
                render: (at: string) => formatDateTime(at),
              },
              { title: t('办理人', 'By'), dataIndex: 'userName', width: 110 },
              {
                title: t('事项', 'Action'),
                key: 'action',
                width: 200,
                render: (_: unknown, o: StaffingOverride) =>
                  `${overrideActions[o.action]}${o.subject ? `：${o.subject}` : ''}`,
              },
              {
                title: t('当时配比', 'Ratio then'),
                key: 'ratio',
                width: 200,
                render: (_: unknown, o: StaffingOverride) =>
                  t(
                    `需 ${o.required} 人，现有 ${o.available} 人`,
                    `${o.required} required, ${o.available} available`,
                  ),
              },
              { title: t('理由', 'Reason'), dataIndex: 'reason' },
            ]}
          />
        )}
      </QueryView>
    </Card>
  );
}
