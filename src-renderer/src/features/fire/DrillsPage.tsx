import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import {
  planKeys,
  planLabels,
  type EmergencyPlan,
  type FireDrill,
  type PlanKey,
} from '../../../../src-main/shared/contract/fire';
import { applyFieldErrors, useMutate, useProcedure } from '../../api/hooks';
import { ActionButton } from '../../app/permissions';
import { useI18n, useLabel } from '../../i18n';
import { toDateString } from '../../lib/dates';
import { PrintButton } from '../print/PrintButton';
import { ExportExcelButton } from '../print/ExportExcelButton';
import { callOrThrow } from '../../api/client';
import { useFireRefresh, useRefreshFire } from './common';
import { drillLedger } from './documents';

/** 消防安全 → 演练与预案: emergency plans with their yearly review, and the drills held against them. */
export function DrillsPage() {
  useFireRefresh();
  const { t } = useI18n();
  const label = useLabel();
  const overview = useProcedure('fire.overview', {});
  const drills = useProcedure('fire.drills.list', {});
  const plans = useProcedure('fire.plans.list', {});
  const [recording, setRecording] = useState(false);
  const [editing, setEditing] = useState<EmergencyPlan | null>(null);
  const today = overview.data?.on;

  const drillColumns: ColumnsType<FireDrill> = [
    { title: t('日期', 'Date'), dataIndex: 'on', width: 110 },
    { title: t('预案', 'Plan'), dataIndex: 'plan', width: 110, render: (p: PlanKey) => label(planLabels[p]) },
    { title: t('情景', 'Scenario'), dataIndex: 'scenario' },
    {
      title: t('夜间', 'Night'),
      dataIndex: 'night',
      width: 70,
      render: (n: boolean) => (n ? <Tag color="purple">夜间</Tag> : ''),
    },
    { title: t('参加', 'People'), dataIndex: 'participants', width: 70 },
    {
      title: t('疏散/卧床', 'Evacuated'),
      width: 100,
      render: (_, d) => `${d.residentsEvacuated} / ${d.bedriddenEvacuated}`,
    },
    {
      title: t('用时', 'Time'),
      dataIndex: 'evacuationSeconds',
      width: 90,
      render: (s: number) => `${Math.floor(s / 60)}分${s % 60}秒`,
    },
    { title: t('存在问题', 'Problems'), dataIndex: 'problems' },
  ];
  const planColumns: ColumnsType<EmergencyPlan> = [
    { title: t('预案', 'Plan'), dataIndex: 'title' },
    { title: t('版本', 'Version'), dataIndex: 'version', width: 70 },
    {
      title: t('上次评审', 'Reviewed'),
      dataIndex: 'reviewedOn',
      width: 110,
      render: (d: string | null) => d ?? <Tag color="orange">未评审</Tag>,
    },
    {
      title: t('下次评审', 'Next review'),
      dataIndex: 'nextReviewOn',
      width: 110,
      render: (d: string | null) =>
        d ? <span style={today && d < today ? { color: '#cf1322' } : undefined}>{d}</span> : '—',
    },
    { title: t('演练次数', 'Drills'), dataIndex: 'drills', width: 90 },
    {
      title: t('上次演练', 'Last drill'),
      dataIndex: 'lastDrillOn',
      width: 110,
      render: (d: string | null) => d ?? '—',
    },
    {
      title: '',
      width: 110,
      render: (_, p) => (
        <ActionButton procedure="fire.plans.save" size="small" onClick={() => setEditing(p)}>
          {t('修订/评审', 'Revise')}
        </ActionButton>
      ),
    },
  ];

  const d = overview.data?.drills;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {d && (
        <Card size="small">
          <Space size={32} wrap>
            <span>
              上次消防演练：<b>{d.lastOn ?? '无记录'}</b>
            </span>
            <span>
              下次应于{' '}
              <b style={today && d.nextDueOn < today ? { color: '#cf1322' } : undefined}>{d.nextDueOn}</b> 前
            </span>
            <span>
              今年夜间演练：
              {d.nightDrillThisYear ? <Tag color="green">已进行</Tag> : <Tag color="orange">尚未进行</Tag>}
            </span>
          </Space>
        </Card>
      )}
      <Card
        size="small"
        title={t('演练记录', 'Drills')}
        extra={
          <Space>
            <ActionButton
              procedure="fire.drills.record"
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setRecording(true)}
            >
              {t('记录演练', 'Record a drill')}
            </ActionButton>
            <PrintButton load={() => drillLedger()}>{t('打印演练记录', 'Print')}</PrintButton>
            <ExportExcelButton
              procedure="fire.export"
              run={() => callOrThrow('fire.export', { ledger: 'drills' })}
            >
              {t('导出 Excel', 'Export to Excel')}
            </ExportExcelButton>
          </Space>
        }
      >
        <Table
          rowKey="id"
          size="small"
          columns={drillColumns}
          dataSource={drills.data ?? []}
          loading={drills.isPending}
          pagination={{ pageSize: 10 }}
        />
      </Card>
      <Card size="small" title={t('应急预案', 'Emergency plans')}>
        <Table
          rowKey="key"
          size="small"
          columns={planColumns}
          dataSource={plans.data ?? []}
          loading={plans.isPending}
          pagination={false}
          expandable={{
            expandedRowRender: (p) => (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{p.body}</Typography.Paragraph>
            ),
          }}
        />
      </Card>
      {recording && today && <DrillDialog today={today} onClose={() => setRecording(false)} />}
      {editing && today && <PlanDialog plan={editing} today={today} onClose={() => setEditing(null)} />}
    </Space>
  );
}

function DrillDialog({ today, onClose }: { today: string; onClose: () => void }) {
  const { t } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const refresh = useRefreshFire();
  const record = useMutate('fire.drills.record');
  async function submit() {
    const v = (await form.validateFields()) as Record<string, unknown>;
    try {
      await record.mutateAsync({
        on: toDateString(v.on as dayjs.Dayjs) ?? '',
        plan: v.plan as PlanKey,
        scenario: String(v.scenario ?? ''),
        night: v.night === true,
        participants: Number(v.participants),
        residentsEvacuated: Number(v.residentsEvacuated ?? 0),
        bedriddenEvacuated: Number(v.bedriddenEvacuated ?? 0),
        evacuationSeconds: Number(v.minutes ?? 0) * 60 + Number(v.seconds ?? 0),
        problems: String(v.problems ?? ''),
      });
      refresh();
      void message.success(t('已记录演练', 'Drill recorded'));
      onClose();
    } catch (error) {
      if (!applyFieldErrors(form, error)) void message.error((error as Error).message, 8);
    }
  }
  return (
    <Modal
      open
      title={t('记录演练', 'Record a drill')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={record.isPending}
      destroyOnHidden
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ on: dayjs(today), plan: 'fire', night: false, seconds: 0 }}
      >
        <Space>
          <Form.Item name="on" label={t('日期', 'Date')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="plan" label={t('预案', 'Plan')}>
            <Select
              style={{ width: 160 }}
              options={planKeys.map((k) => ({ value: k, label: label(planLabels[k]) }))}
            />
          </Form.Item>
          <Form.Item name="night" label={t('夜间演练', 'At night')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Form.Item
          name="scenario"
          label={t('演练情景', 'Scenario')}
          rules={[{ required: true, message: '请写明演练情景' }]}
        >
          <Input placeholder="如：夜间2号楼3层起火" />
        </Form.Item>
        <Space wrap>
          <Form.Item
            name="participants"
            label={t('参加人数', 'People')}
            rules={[{ required: true, message: '请填写参加人数' }]}
          >
            <InputNumber min={1} />
          </Form.Item>
          <Form.Item name="residentsEvacuated" label={t('疏散老人数', 'Residents evacuated')}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="bedriddenEvacuated" label={t('其中卧床老人', 'Bedridden')}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="minutes" label={t('疏散用时（分）', 'Minutes')}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="seconds" label={t('（秒）', 'Seconds')}>
            <InputNumber min={0} max={59} />
          </Form.Item>
        </Space>
        <Form.Item name="problems" label={t('存在问题及改进措施', 'Problems')}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function PlanDialog({ plan, today, onClose }: { plan: EmergencyPlan; today: string; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const refresh = useRefreshFire();
  const save = useMutate('fire.plans.save');
  async function submit() {
    const v = (await form.validateFields()) as Record<string, unknown>;
    try {
      await save.mutateAsync({
        key: plan.key,
        title: String(v.title ?? ''),
        body: String(v.body ?? ''),
        reviewedOn: toDateString(v.reviewedOn as dayjs.Dayjs) ?? '',
      });
      refresh();
      void message.success(t('已保存新版本', 'Saved'));
      onClose();
    } catch (error) {
      if (!applyFieldErrors(form, error)) void message.error((error as Error).message, 8);
    }
  }
  return (
    <Modal
      open
      title={t('修订/评审预案', 'Revise plan')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={720}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ title: plan.title, body: plan.body, reviewedOn: dayjs(today) }}
      >
        <Form.Item name="title" label={t('预案名称', 'Title')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="body" label={t('预案内容', 'Content')} rules={[{ required: true }]}>
          <Input.TextArea rows={12} />
        </Form.Item>
        <Form.Item name="reviewedOn" label={t('评审日期', 'Reviewed on')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}
