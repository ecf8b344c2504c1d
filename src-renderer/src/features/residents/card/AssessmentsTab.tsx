import { FlagOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Alert, Form, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  abilityAssessmentReasonLabels,
  abilityLevelColors,
  abilityLevelLabels,
} from '../../../../../src-main/shared/assessment/ability';
import {
  type AbilityAssessmentRow,
  type ResidentDetail,
} from '../../../../../src-main/shared/contract/residents';
import { applyFieldErrors, useMutate, useProcedure } from '../../../api/hooks';
import { QueryView } from '../../../app/feedback';
import { useSignedInSession } from '../../../app/session';
import { useI18n, useLabel } from '../../../i18n';
import { abilityDefaults, AbilityFields, abilityInput, type AbilityFormValues } from '../AssessmentForms';
import { CareCategoryTag, validateOrScroll } from '../common';
import { LifecycleDialog, residentQueries } from '../LifecycleDialogs';
import { AbilityLevelChart } from '../AbilityLevelChart';
import { CareHistory } from '../CareHistory';
import { abilityReport } from '../../print/documents/ability-report';
import { PrintButton } from '../../print/PrintButton';
import { CategoryChangeCheck } from '../../staff/CategoryChangeCheck';
import { ActionButton } from '../../../app/permissions';
import { todayLocal } from '../../../lib/dates';

export function AssessmentsTab({ resident: r }: { resident: ResidentDetail }) {
  const { t } = useI18n();
  const label = useLabel();
  const history = useProcedure('assessments.history', { residentId: r.id });
  const [adding, setAdding] = useState(false);
  const [flagging, setFlagging] = useState(false);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <ActionButton
          procedure="assessments.recordAbility"
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setAdding(true)}
        >
          {t('新增能力评估', 'New ability assessment')}
        </ActionButton>
        <ActionButton procedure="assessments.flag" icon={<FlagOutlined />} onClick={() => setFlagging(true)}>
          {t('状况变化，需要重新评估', 'Condition changed')}
        </ActionButton>
        {r.reassessmentDueOn && (
          <Typography.Text type={r.reassessmentDueOn < todayLocal() ? 'danger' : 'secondary'}>
            {t(`下次常规评估：${r.reassessmentDueOn}`, `Next routine assessment: ${r.reassessmentDueOn}`)}
          </Typography.Text>
        )}
      </Space>
      {r.reassessmentFlag && (
        <Alert
          type="warning"
          showIcon
          title={t(`已标记需要重新评估：${r.reassessmentFlag}`, `Flagged: ${r.reassessmentFlag}`)}
        />
      )}
      <QueryView query={history}>
        {(h) => (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {h.ability.length > 0 && <AbilityLevelChart assessments={h.ability} />}
            <Table<AbilityAssessmentRow>
              rowKey="id"
              dataSource={h.ability}
              pagination={false}
              locale={{ emptyText: t('还没有能力评估 — 入住前须完成一次', 'No assessment yet') }}
              expandable={{
                expandedRowRender: (a) => (
                  <Space orientation="vertical">
                    <span>
                      {t('自理能力', 'Self-care')} {a.dimensionTotals.selfCare} ·{' '}
                      {t('基础运动能力', 'Mobility')} {a.dimensionTotals.mobility} · {t('精神状态', 'Mental')}{' '}
                      {a.dimensionTotals.mental} · {t('感知觉与社会参与', 'Perception & social')}{' '}
                      {a.dimensionTotals.perceptionSocial}
                    </span>
                    {a.adjustmentReasons.length > 0 && (
                      <span>
                        {t('等级调整：', 'Adjusted: ')}
                        {a.adjustmentReasons.join('；')}
                      </span>
                    )}
                    {a.note && <span>{a.note}</span>}
                  </Space>
                ),
              }}
              columns={[
                { title: t('评估日期', 'Date'), dataIndex: 'assessedOn' },
                {
                  title: t('原因', 'Reason'),
                  render: (_v, a) => label(abilityAssessmentReasonLabels[a.reason]),
                },
                { title: t('总分', 'Total'), dataIndex: 'total' },
                {
                  title: t('能力等级', 'Level'),
                  render: (_v, a) => (
                    <Space size={4}>
                      <Tag color={abilityLevelColors[a.level].color}>
                        {label(abilityLevelLabels[a.level])}
                      </Tag>
                      {a.level !== a.baseLevel && (
                        <Typography.Text type="secondary">{t('（已调整）', '(adjusted)')}</Typography.Text>
                      )}
                    </Space>
                  ),
                },
                {
                  title: t('护理类别', 'Category'),
                  render: (_v, a) => <CareCategoryTag category={a.careCategory} />,
                },
                { title: t('评估人员', 'Assessors'), render: (_v, a) => a.assessorNames.join('、') },
                {
                  title: t('报告', 'Report'),
                  render: (_v, a) => (
                    <span onClick={(e) => e.stopPropagation()}>
                      <PrintButton size="small" load={(ctx) => abilityReport(ctx, r.id, a.id)}>
                        {t('打印报告', 'Print report')}
                      </PrintButton>
                    </span>
                  ),
                },
              ]}
            />
          </Space>
        )}
      </QueryView>
      <CareHistory residentId={r.id} />
      {adding && <AbilityDialog resident={r} onClose={() => setAdding(false)} />}
      {flagging && <LifecycleDialog resident={r} action="flag" onClose={() => setFlagging(false)} />}
    </Space>
  );
}

function AbilityDialog({ resident, onClose }: { resident: ResidentDetail; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useSignedInSession().user;
  const [form] = Form.useForm<AbilityFormValues>();
  const record = useMutate('assessments.recordAbility', residentQueries);
  const [ratioCleared, setRatioCleared] = useState(true);
  async function submit() {
    const values = await validateOrScroll(form);
    if (!values) return;
    try {
      const row = await record.mutateAsync(abilityInput(resident.id, values));
      void message.success(
        t(`已保存：${abilityLevelLabels[row.level].zh}，总分 ${row.total}`, `Saved: total ${row.total}`),
      );
      onClose();
    } catch (error) {
      if (!applyFieldErrors(form, error)) void message.error((error as Error).message, 6);
    }
  }
  return (
    <Modal
      open
      width={1200}
      title={t(`能力评估（GB/T 42195-2022）：${resident.name}`, `Ability assessment: ${resident.name}`)}
      okText={t('保存评估', 'Save assessment')}
      cancelText={t('取消', 'Cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={record.isPending}
      okButtonProps={{ disabled: !ratioCleared }}
      maskClosable={false}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={abilityDefaults(me.id, resident.latestAbility ? 'routine' : 'initial')}
      >
        <AbilityFields form={form} residentId={resident.id} />
        <CategoryChangeCheck form={form} resident={resident} onCleared={setRatioCleared} />
      </Form>
    </Modal>
  );
}
