import { PlusOutlined } from '@ant-design/icons';
import { App, Empty, Form, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  nineRiskItems,
  nineRiskKeys,
  nineRiskLevelLabels,
} from '../../../../../src-main/shared/assessment/nine-risks';
import { type ResidentDetail } from '../../../../../src-main/shared/contract/residents';
import { applyFieldErrors, useMutate } from '../../../api/hooks';
import { useSignedInSession } from '../../../app/session';
import { useI18n, useLabel } from '../../../i18n';
import { riskDefaults, RiskFields, riskInput, type RiskFormValues } from '../AssessmentForms';
import { residentQueries } from '../LifecycleDialogs';
import { ActionButton } from '../../../app/permissions';

export function RisksTab({ resident: r }: { resident: ResidentDetail }) {
  const { t } = useI18n();
  const label = useLabel();
  const [adding, setAdding] = useState(false);
  const latest = r.latestRisks;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <ActionButton
          procedure="assessments.recordRisks"
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setAdding(true)}
        >
          {t('新增九防评估', 'New nine-risk assessment')}
        </ActionButton>
        {latest && (
          <Typography.Text type="secondary">
            {t(
              `最近评估：${latest.assessedOn}，评估人 ${latest.assessorNames.join('、')}`,
              `Last: ${latest.assessedOn}`,
            )}
            {latest.guardianInformed &&
              t(
                `；已于 ${latest.guardianInformed.informedOn} 告知${latest.guardianInformed.relation} ${latest.guardianInformed.name}`,
                `; guardian told on ${latest.guardianInformed.informedOn}`,
              )}
          </Typography.Text>
        )}
      </Space>
      {latest ? (
        <Table
          rowKey="key"
          pagination={false}
          dataSource={nineRiskKeys.map((key) => ({ key, ...latest.items[key] }))}
          columns={[
            { title: t('风险', 'Risk'), width: 150, render: (_v, row) => label(nineRiskItems[row.key]) },
            {
              title: t('等级', 'Level'),
              width: 100,
              render: (_v, row) => (
                <Tag color={nineRiskLevelLabels[row.level].color}>
                  {nineRiskLevelLabels[row.level].zhLong}
                </Tag>
              ),
            },
            {
              title: t('防护措施', 'Measures'),
              render: (_v, row) => (row.measures.length ? row.measures.join('；') : '—'),
            },
          ]}
        />
      ) : (
        <Empty description={t('还没有九防评估 — 入住前须完成一次', 'No nine-risk assessment yet')} />
      )}
      {adding && <RiskDialog resident={r} onClose={() => setAdding(false)} />}
    </Space>
  );
}

function RiskDialog({ resident, onClose }: { resident: ResidentDetail; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useSignedInSession().user;
  const [form] = Form.useForm<RiskFormValues>();
  const record = useMutate('assessments.recordRisks', residentQueries);
  const guardian = resident.contacts.find((c) => c.isGuardian);
  async function submit() {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    try {
      await record.mutateAsync(riskInput(resident.id, values));
      void message.success(t('九防评估已保存', 'Saved'));
      onClose();
    } catch (error) {
      if (!applyFieldErrors(form, error)) void message.error((error as Error).message, 6);
    }
  }
  const initial = riskDefaults(
    me.id,
    guardian ? { name: guardian.name, relation: guardian.relation } : undefined,
  );
  if (resident.latestRisks) {
    // Start from the last assessment: most risks change slowly, and the assessor confirms each.
    initial.items = Object.fromEntries(
      nineRiskKeys.map((k) => {
        const item = resident.latestRisks!.items[k];
        const standard = nineRiskItems[k].measures;
        return [
          k,
          {
            level: item.level,
            picked: item.measures.filter((m) => standard.includes(m)),
            custom: item.measures.filter((m) => !standard.includes(m)),
          },
        ];
      }),
    );
  }
  return (
    <Modal
      open
      width={1100}
      title={t(`九防风险评估（GB 38600）：${resident.name}`, `Nine-risk assessment: ${resident.name}`)}
      okText={t('保存评估', 'Save assessment')}
      cancelText={t('取消', 'Cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={record.isPending}
      maskClosable={false}
    >
      <Form form={form} layout="vertical" initialValues={initial}>
        <RiskFields form={form} />
      </Form>
    </Modal>
  );
}
