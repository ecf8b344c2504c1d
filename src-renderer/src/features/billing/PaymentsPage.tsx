import {
  App,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Account, PaymentRow } from '../../../../src-main/shared/contract/billing';
import {
  paymentMethodLabels,
  paymentMethods,
  type PaymentMethod,
} from '../../../../src-main/shared/contract/billing/types';
import { applyFieldErrors, useMutate, useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { ActionButton } from '../../app/permissions';
import { PrintButton } from '../print/PrintButton';
import { fenOf, lastMonth, Money, ResidentPicker, yuan } from './common';
import { invoiceDocument, receiptDocument, settlementDocument } from './print/documents';
import { serverDay } from '../../lib/dates';

const invalidates = [
  'billing.accounts.get',
  'billing.payments.list',
  'billing.invoices.list',
  'billing.runs.preview',
  'billing.settlements.get',
  'alerts.list',
] as const;

/** 收费 → 收款: one resident's account, taking a payment with its receipt, voiding one, settling a discharge. */
export function PaymentsPage() {
  const [params, setParams] = useSearchParams();
  const residentId = params.get('resident') ? Number(params.get('resident')) : null;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          收款
        </Typography.Title>
        <ResidentPicker value={residentId} onChange={(id) => setParams(id ? { resident: String(id) } : {})} />
      </Space>
      {residentId ? (
        <AccountView residentId={residentId} />
      ) : (
        <Empty description="先选择一位老人，查看账户、收款、打印收据。" />
      )}
    </Space>
  );
}

function AccountView({ residentId }: { residentId: number }) {
  const query = useProcedure('billing.accounts.get', { residentId });
  return <QueryView query={query}>{(account) => <AccountDetail account={account} />}</QueryView>;
}

function AccountDetail({ account }: { account: Account }) {
  const payments = useProcedure('billing.payments.list', { residentId: account.residentId });
  const invoices = useProcedure('billing.invoices.list', { residentId: account.residentId });
  const settlement = useProcedure('billing.settlements.get', { residentId: account.residentId });
  const [voiding, setVoiding] = useState<PaymentRow | null>(null);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Row gutter={24}>
          <Col span={6}>
            <Statistic
              title="应付余额（欠费为正）"
              value={yuan(account.balanceFen)}
              valueStyle={{ color: account.balanceFen > 0 ? '#cf1322' : undefined }}
              data-testid="balance"
            />
          </Col>
          <Col span={6}>
            <Statistic title="押金" value={yuan(account.depositFen)} />
          </Col>
          <Col span={6}>
            <Statistic title="预收服务费" value={yuan(account.prepaymentFen)} />
          </Col>
          <Col span={6}>
            <Space orientation="vertical">
              <IssueForButton residentId={account.residentId} />
              <SettleButton residentId={account.residentId} name={account.name} />
              {settlement.data && (
                <PrintButton size="large" load={(ctx) => settlementDocument(ctx, account.residentId)}>
                  打印结算单
                </PrintButton>
              )}
            </Space>
          </Col>
        </Row>
      </Card>
      <Row gutter={16}>
        <Col span={10}>
          <Card title="收款">
            <RecordPayment residentId={account.residentId} />
          </Card>
        </Col>
        <Col span={14}>
          <Card title="未结清账单">
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={account.openInvoices}
              locale={{ emptyText: '没有未结清的账单' }}
              columns={[
                { title: '账单号', dataIndex: 'number' },
                { title: '月份', dataIndex: 'month' },
                {
                  title: '应付',
                  dataIndex: 'residentFen',
                  align: 'right',
                  render: (f: number) => <Money fen={f} />,
                },
                {
                  title: '未付',
                  dataIndex: 'openFen',
                  align: 'right',
                  render: (f: number) => <Money fen={f} strong />,
                },
                {
                  title: '账龄',
                  dataIndex: 'ageDays',
                  render: (d: number) => (
                    <Tag color={d > 90 ? 'red' : d > 30 ? 'orange' : undefined}>{d} 天</Tag>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card title="收款记录">
        <Table<PaymentRow>
          rowKey="id"
          size="middle"
          dataSource={payments.data ?? []}
          loading={payments.isLoading}
          pagination={{ pageSize: 10 }}
          columns={[
            { title: '收据号', dataIndex: 'receiptNo' },
            { title: '日期', dataIndex: 'paidOn' },
            {
              title: '金额',
              dataIndex: 'amountFen',
              align: 'right',
              render: (f: number) => <Money fen={f} />,
            },
            {
              title: '方式',
              dataIndex: 'method',
              render: (m: PaymentMethod) => paymentMethodLabels[m] ?? '押金抵扣',
            },
            {
              title: '用于',
              key: 'alloc',
              render: (_, p) =>
                p.allocations.map((a) => a.invoiceNumber).join('、') ||
                (p.unallocatedFen > 0 ? '余额留存' : '—'),
            },
            {
              title: '状态',
              key: 'state',
              render: (_, p) =>
                p.voided ? <Tag color="red">已作废：{p.voidReason}</Tag> : <Tag color="green">有效</Tag>,
            },
            {
              title: '操作',
              key: 'ops',
              render: (_, p) => (
                <Space>
                  <PrintButton size="small" load={(ctx) => receiptDocument(ctx, p.id)}>
                    打印收据
                  </PrintButton>
                  {!p.voided && (
                    <ActionButton
                      procedure="billing.payments.void"
                      size="small"
                      danger
                      onClick={() => setVoiding(p)}
                    >
                      作废
                    </ActionButton>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card title="账单">
        <Table
          rowKey="id"
          size="small"
          dataSource={invoices.data ?? []}
          pagination={{ pageSize: 10 }}
          columns={[
            { title: '账单号', dataIndex: 'number' },
            { title: '月份', dataIndex: 'month' },
            {
              title: '类型',
              dataIndex: 'kind',
              render: (k: string, r) =>
                k === 'credit' ? <Tag color="red">冲红 {r.creditOf}</Tag> : <Tag>账单</Tag>,
            },
            {
              title: '合计',
              dataIndex: 'totalFen',
              align: 'right',
              render: (f: number) => <Money fen={f} />,
            },
            {
              title: '本人/家属',
              dataIndex: 'residentFen',
              align: 'right',
              render: (f: number) => <Money fen={f} />,
            },
            { title: '未付', dataIndex: 'openFen', align: 'right', render: (f: number) => <Money fen={f} /> },
            {
              title: '',
              key: 'print',
              render: (_, r) => <PrintButton size="small" load={(ctx) => invoiceDocument(ctx, r.id)} />,
            },
          ]}
        />
      </Card>
      <VoidDialog payment={voiding} onClose={() => setVoiding(null)} />
    </Space>
  );
}

function RecordPayment({ residentId }: { residentId: number }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{
    amount: string;
    method: PaymentMethod;
    paidOn: dayjs.Dayjs;
    reference?: string;
  }>();
  const record = useMutate('billing.payments.record', [...invalidates]);
  const [last, setLast] = useState<PaymentRow | null>(null);
  async function submit(values: {
    amount: string;
    method: PaymentMethod;
    paidOn: dayjs.Dayjs;
    reference?: string;
  }) {
    try {
      const p = await record.mutateAsync({
        residentId,
        amountFen: fenOf(values.amount) ?? 0,
        method: values.method,
        paidOn: values.paidOn.format('YYYY-MM-DD'),
        ...(values.reference ? { reference: values.reference } : {}),
      });
      setLast(p);
      form.resetFields(['amount', 'reference']);
      void message.success(`已收款 ${yuan(p.amountFen)}，收据 ${p.receiptNo}`);
    } catch (error) {
      if (!applyFieldErrors(form, error)) void message.error((error as Error).message, 8);
    }
  }
  return (
    <Form
      form={form}
      layout="vertical"
      size="large"
      initialValues={{ method: 'wechat', paidOn: serverDay() }}
      onFinish={(v) => void submit(v)}
    >
      <Form.Item
        name="amount"
        label="金额（元）"
        rules={[
          { required: true, message: '请填写收款金额' },
          {
            validator: (_, v: string) =>
              v && (fenOf(v) ?? 0) <= 0
                ? Promise.reject(new Error('请填写大于 0 的金额，最多两位小数，例如 3700.50'))
                : Promise.resolve(),
          },
        ]}
      >
        <Input inputMode="decimal" placeholder="例如 3700.50" data-testid="payment-amount" />
      </Form.Item>
      <Form.Item name="method" label="收款方式" rules={[{ required: true }]}>
        <Select options={paymentMethods.map((m) => ({ value: m, label: paymentMethodLabels[m] }))} />
      </Form.Item>
      <Form.Item name="paidOn" label="收款日期" rules={[{ required: true, message: '请选择收款日期' }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="reference" label="凭证号（可不填）">
        <Input maxLength={60} />
      </Form.Item>
      <Space>
        <ActionButton
          procedure="billing.payments.record"
          type="primary"
          htmlType="submit"
          loading={record.isPending}
        >
          收款
        </ActionButton>
        {last && (
          <PrintButton load={(ctx) => receiptDocument(ctx, last.id)} data-testid="print-receipt">
            打印收据 {last.receiptNo}
          </PrintButton>
        )}
      </Space>
    </Form>
  );
}

function VoidDialog({ payment, onClose }: { payment: PaymentRow | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const voidIt = useMutate('billing.payments.void', [...invalidates]);
  return (
    <Modal
      open={payment !== null}
      title={payment ? `确认作废收据 ${payment.receiptNo}（${yuan(payment.amountFen)}）？` : ''}
      okText="作废"
      okButtonProps={{ danger: true, disabled: reason.trim() === '' }}
      confirmLoading={voidIt.isPending}
      onCancel={onClose}
      onOk={async () => {
        try {
          await voidIt.mutateAsync({ paymentId: payment!.id, reason });
          setReason('');
          onClose();
          void message.success('已作废，这笔钱不再冲抵账单。');
        } catch (error) {
          void message.error((error as Error).message, 8);
        }
      }}
    >
      <p>作废后收据保留并标明“已作废”，不能恢复。请写明原因：</p>
      <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} rows={3} />
    </Modal>
  );
}

function IssueForButton({ residentId }: { residentId: number }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [month, setMonth] = useState(lastMonth());
  const issue = useMutate('billing.invoices.issueFor', [...invalidates]);
  return (
    <>
      <ActionButton procedure="billing.invoices.issueFor" size="large" onClick={() => setOpen(true)}>
        单独出账
      </ActionButton>
      <Modal
        open={open}
        title="为这位老人单独出账"
        okText="出账"
        confirmLoading={issue.isPending}
        onCancel={() => setOpen(false)}
        onOk={async () => {
          try {
            const inv = await issue.mutateAsync({ residentId, month });
            setOpen(false);
            void message.success(`已开出账单 ${inv.number}，${yuan(inv.totalFen)}`);
          } catch (error) {
            void message.error((error as Error).message, 8);
          }
        }}
      >
        <p>月结出账后才入住或补登记杂费的老人，在这里补开当月账单。</p>
        <DatePicker
          picker="month"
          value={dayjs(`${month}-01`)}
          onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
          allowClear={false}
        />
      </Modal>
    </>
  );
}

function SettleButton({ residentId, name }: { residentId: number; name: string }) {
  const { message, modal } = App.useApp();
  const [open, setOpen] = useState(false);
  const [on, setOn] = useState(serverDay());
  const settle = useMutate('billing.settle', [...invalidates]);
  return (
    <>
      <ActionButton
        procedure="billing.settle"
        size="large"
        onClick={() => setOpen(true)}
        data-testid="settle"
      >
        退住结算
      </ActionButton>
      <Modal
        open={open}
        title={`确认为 ${name} 办理退住结算？`}
        okText="结算"
        confirmLoading={settle.isPending}
        onCancel={() => setOpen(false)}
        onOk={async () => {
          try {
            const s = await settle.mutateAsync({ residentId, on: on.format('YYYY-MM-DD') });
            setOpen(false);
            modal.success({
              title: '结算完成',
              content: `本月实际费用 ${yuan(s.actualFen)}；预收服务费抵扣 ${yuan(s.prepaymentAppliedFen)}，押金抵扣 ${yuan(s.depositOffsetFen)}；退还合计 ${yuan(s.refundFen)}${s.dueFen > 0 ? `，仍需补交 ${yuan(s.dueFen)}` : ''}。请打印结算单请家属签字。`,
            });
          } catch (error) {
            void message.error((error as Error).message, 8);
          }
        }}
      >
        <p>
          按离院日期计算最后一个月的实际天数（离院当日不计），已开的账单冲红后重开，预收服务费先抵扣欠费、余额退还，押金抵扣剩余欠费后退还。结算后不能撤销。
        </p>
        <Form.Item label="离院日期">
          <DatePicker value={on} onChange={(d) => d && setOn(d)} allowClear={false} />
        </Form.Item>
      </Modal>
    </>
  );
}
