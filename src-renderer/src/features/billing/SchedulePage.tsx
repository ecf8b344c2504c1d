import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  DatePicker,
} from 'antd';
import { useState } from 'react';
import type { FeeItemRow } from '../../../../src-main/shared/contract/billing';
import {
  feeKindLabels,
  feeKinds,
  feeUnitLabels,
  feeUnits,
  type AppliesTo,
  type BillingConfig,
} from '../../../../src-main/shared/contract/billing/types';
import { applyFieldErrors, useMutate, useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { ActionButton } from '../../app/permissions';
import { fenOf, Money } from './common';

function appliesText(a: AppliesTo): string {
  if ('roomClass' in a) return `房型：${a.roomClass}`;
  if ('careGrade' in a) return `护理等级：${a.careGrade}`;
  return '所有在住老人';
}

/** 收费 → 标准: fee items with dated prices, and the billing rules (pro-rating, leave, prepaid limits). */
export function SchedulePage() {
  const items = useProcedure('billing.items.list', {});
  const config = useProcedure('billing.getConfig', {});
  const [editing, setEditing] = useState<FeeItemRow | 'new' | null>(null);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space>
        <Typography.Title level={4} style={{ margin: 0 }}>
          收费标准
        </Typography.Title>
        <ActionButton
          procedure="billing.items.save"
          type="primary"
          size="large"
          onClick={() => setEditing('new')}
        >
          新增收费项目
        </ActionButton>
      </Space>
      <Table<FeeItemRow>
        rowKey="id"
        loading={items.isLoading}
        dataSource={items.data ?? []}
        pagination={false}
        locale={{ emptyText: '还没有收费项目 — 先按房型设床位费、按护理等级设护理费，再设伙食费。' }}
        columns={[
          { title: '编码', dataIndex: 'code' },
          { title: '名称', dataIndex: 'name' },
          { title: '类别', dataIndex: 'kind', render: (k: FeeItemRow['kind']) => feeKindLabels[k] },
          { title: '适用', dataIndex: 'appliesTo', render: appliesText },
          {
            title: '现行价格',
            dataIndex: 'amountFen',
            align: 'right',
            render: (f: number, r) => (
              <span>
                <Money fen={f} /> / {feeUnitLabels[r.unit].replace('每', '')}
              </span>
            ),
          },
          {
            title: '调价记录',
            dataIndex: 'prices',
            render: (p: FeeItemRow['prices']) =>
              p.map((x) => `${x.from || '起始'}：${(x.amountFen / 100).toFixed(2)}`).join('；'),
          },
          {
            title: '状态',
            dataIndex: 'active',
            render: (a: boolean) => (a ? <Tag color="green">在用</Tag> : <Tag>停用</Tag>),
          },
          {
            title: '',
            key: 'edit',
            render: (_, r) => (
              <ActionButton procedure="billing.items.save" onClick={() => setEditing(r)}>
                修改/调价
              </ActionButton>
            ),
          },
        ]}
      />
      <QueryView query={config}>{(c) => <ConfigCard config={c} />}</QueryView>
      {editing && <ItemDialog item={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

function ItemDialog({ item, onClose }: { item: FeeItemRow | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const save = useMutate('billing.items.save', ['billing.items.list', 'billing.runs.preview']);
  const applies = item?.appliesTo ?? { all: true as const };
  const initial = {
    code: item?.code,
    name: item?.name,
    kind: item?.kind ?? 'bed',
    unit: item?.unit ?? 'month',
    amount: item ? (item.amountFen / 100).toFixed(2) : '',
    appliesKind: 'roomClass' in applies ? 'roomClass' : 'careGrade' in applies ? 'careGrade' : 'all',
    appliesValue:
      'roomClass' in applies ? applies.roomClass : 'careGrade' in applies ? applies.careGrade : '',
  };
  return (
    <Modal
      open
      title={item ? `修改 ${item.name}` : '新增收费项目'}
      okText="保存"
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      width={560}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={async (v: typeof initial & { effectiveFrom?: { format(f: string): string } }) => {
          const appliesTo: AppliesTo =
            v.appliesKind === 'roomClass'
              ? { roomClass: v.appliesValue }
              : v.appliesKind === 'careGrade'
                ? { careGrade: v.appliesValue }
                : { all: true };
          try {
            await save.mutateAsync({
              code: v.code ?? '',
              name: v.name ?? '',
              kind: v.kind,
              unit: v.unit,
              amountFen: fenOf(v.amount) ?? -1,
              appliesTo,
              ...(v.effectiveFrom ? { effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD') } : {}),
            });
            void message.success('已保存');
            onClose();
          } catch (error) {
            if (!applyFieldErrors(form, error)) void message.error((error as Error).message, 8);
          }
        }}
      >
        <Space>
          <Form.Item name="code" label="编码" rules={[{ required: true, message: '请填写编码，例如 BED2' }]}>
            <Input disabled={item !== null} />
          </Form.Item>
          <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
            <Input />
          </Form.Item>
        </Space>
        <Form.Item name="kind" label="类别">
          <Radio.Group
            optionType="button"
            options={feeKinds.map((k) => ({ value: k, label: feeKindLabels[k] }))}
          />
        </Form.Item>
        <Space>
          <Form.Item name="amount" label="价格（元）" rules={[{ required: true, message: '请填写价格' }]}>
            <Input inputMode="decimal" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="unit" label="计价单位">
            <Select
              style={{ width: 120 }}
              options={feeUnits.map((u) => ({ value: u, label: feeUnitLabels[u] }))}
            />
          </Form.Item>
          {item && (
            <Form.Item name="effectiveFrom" label="新价格起始日（默认本月 1 日）">
              <DatePicker />
            </Form.Item>
          )}
        </Space>
        <Space>
          <Form.Item name="appliesKind" label="适用于">
            <Select
              style={{ width: 140 }}
              options={[
                { value: 'roomClass', label: '某房型' },
                { value: 'careGrade', label: '某护理等级' },
                { value: 'all', label: '所有老人' },
              ]}
            />
          </Form.Item>
          <Form.Item name="appliesValue" label="房型或护理等级（如 双人间、一级）">
            <Input />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function ConfigCard({ config }: { config: BillingConfig }) {
  const { message } = App.useApp();
  const update = useMutate('billing.updateConfig', ['billing.getConfig', 'billing.runs.preview']);
  const [form] = Form.useForm<BillingConfig>();
  return (
    <Card title="计费规则">
      <Form
        form={form}
        layout="vertical"
        initialValues={config}
        onFinish={async (v) => {
          try {
            await update.mutateAsync(v);
            void message.success('计费规则已保存，之后的预览和出账按新规则计算。');
          } catch (error) {
            if (!applyFieldErrors(form, error)) void message.error((error as Error).message, 8);
          }
        }}
      >
        <Form.Item name="proRate" label="不足整月按日折算">
          <Radio.Group
            options={[
              { value: 'daysInMonth', label: '月费 ÷ 当月天数' },
              { value: 'thirtyDays', label: '月费 ÷ 30' },
            ]}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="leaveThresholdDays" label="请假超过几天（整天）减免">
            <InputNumber min={0} max={60} />
          </Form.Item>
          <Form.Item name="leaveReducedKinds" label="请假减免的费用">
            <Select
              mode="multiple"
              style={{ width: 240 }}
              options={feeKinds.map((k) => ({ value: k, label: feeKindLabels[k] }))}
            />
          </Form.Item>
          <Form.Item name="leaveMode" label="减免哪些天">
            <Radio.Group
              options={[
                { value: 'allDays', label: '请假的全部整天' },
                { value: 'beyondThreshold', label: '只减超过的天数' },
              ]}
            />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="prepaymentMaxMonths" label="预收服务费最多（月）">
            <InputNumber min={1} max={120} />
          </Form.Item>
          <Form.Item name="depositMaxMonths" label="押金最多为月床位费+护理费的（倍）">
            <InputNumber min={0} max={120} />
          </Form.Item>
          <Form.Item name="arrearsAlertDays" label="欠费超过几天提醒">
            <InputNumber min={1} max={365} />
          </Form.Item>
        </Space>
        <ActionButton
          procedure="billing.updateConfig"
          type="primary"
          htmlType="submit"
          loading={update.isPending}
        >
          保存计费规则
        </ActionButton>
        <Button type="link" onClick={() => form.resetFields()}>
          撤销修改
        </Button>
      </Form>
    </Card>
  );
}
