import {
  App,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { callOrThrow } from '../../api/client';
import type { LedgerEntry } from '../../../../src-main/shared/contract/billing';
import {
  ledgerKindLabels,
  ledgerKinds,
  paymentMethodLabels,
  paymentMethods,
  type LedgerKind,
} from '../../../../src-main/shared/contract/billing/types';
import { applyFieldErrors, useMutate, useProcedure } from '../../api/hooks';
import { ActionButton } from '../../app/permissions';
import { ExportExcelButton } from '../print/ExportExcelButton';
import { PrintButton } from '../print/PrintButton';
import { fenOf, Money, ResidentPicker, yuan } from './common';
import { ledgerReceiptDocument } from './print/documents';
import { serverDay } from '../../lib/dates';

const entryLabels: Record<LedgerEntry['entry'], string> = {
  receive: '收取',
  refund: '退还',
  apply: '抵扣账单',
  offset: '抵扣欠费',
};
const refresh = ['billing.ledgers.list', 'billing.accounts.get', 'billing.reports.prepaid'] as const;

/** 收费 → 押金与预交: the three prepaid ledgers kept apart, entry by entry, with the balances for the filing. */
export function LedgersPage() {
  const [params, setParams] = useSearchParams();
  const residentId = params.get('resident') ? Number(params.get('resident')) : null;
  const prepaid = useProcedure('billing.reports.prepaid', {});
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          押金与预交
        </Typography.Title>
        <ResidentPicker value={residentId} onChange={(id) => setParams(id ? { resident: String(id) } : {})} />
        <ExportExcelButton
          size="large"
          procedure="billing.exports.prepaid"
          run={() => callOrThrow('billing.exports.prepaid', {})}
        >
          导出预收费余额（民政备案）
        </ExportExcelButton>
      </Space>
      {residentId ? (
        <ResidentLedgers residentId={residentId} />
      ) : (
        <Empty description="选择一位老人收押金、预交金，或办理退款。" />
      )}
      <Card title="全院预收费余额">
        <Table
          rowKey="residentId"
          size="small"
          loading={prepaid.isLoading}
          dataSource={prepaid.data ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: '老人', dataIndex: 'name' },
            {
              title: '押金',
              dataIndex: 'depositFen',
              align: 'right',
              render: (f: number) => <Money fen={f} />,
            },
            {
              title: '预收服务费',
              dataIndex: 'prepaymentFen',
              align: 'right',
              render: (f: number) => <Money fen={f} />,
            },
            {
              title: '会员费',
              dataIndex: 'membershipFen',
              align: 'right',
              render: (f: number) => <Money fen={f} />,
            },
          ]}
          summary={(rows) => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
              {(['depositFen', 'prepaymentFen', 'membershipFen'] as const).map((k, i) => (
                <Table.Summary.Cell key={k} index={i + 1} align="right">
                  {yuan(rows.reduce((s, r) => s + r[k], 0))}
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          )}
        />
      </Card>
    </Space>
  );
}

function ResidentLedgers({ residentId }: { residentId: number }) {
  const entries = useProcedure('billing.ledgers.list', { residentId });
  const [refunding, setRefunding] = useState<LedgerKind | null>(null);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card title="收取">
        <Receive residentId={residentId} />
      </Card>
      <Card
        title="台账"
        extra={
          <Space>
            {ledgerKinds.map((k) => (
              <ActionButton key={k} procedure="billing.ledgers.refund" onClick={() => setRefunding(k)}>
                退{ledgerKindLabels[k]}
              </ActionButton>
            ))}
          </Space>
        }
      >
        <Table<LedgerEntry>
          rowKey="id"
          size="small"
          dataSource={entries.data ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: '日期', dataIndex: 'on' },
            {
              title: '账户',
              dataIndex: 'ledger',
              render: (l: LedgerKind) => <Tag>{ledgerKindLabels[l]}</Tag>,
            },
            {
              title: '事项',
              dataIndex: 'entry',
              render: (e: LedgerEntry['entry'], r) =>
                `${entryLabels[e]}${r.note && r.note !== '收取' ? `：${r.note}` : ''}`,
            },
            {
              title: '金额',
              dataIndex: 'amountFen',
              align: 'right',
              render: (f: number) => <Money fen={f} />,
            },
            {
              title: '余额',
              dataIndex: 'balanceFen',
              align: 'right',
              render: (f: number) => <Money fen={f} />,
            },
            {
              title: '收据号',
              dataIndex: 'receiptNo',
              render: (n: string | null, r) =>
                n ? (
                  <PrintButton size="small" load={(ctx) => ledgerReceiptDocument(ctx, residentId, r.id)}>
                    {n}
                  </PrintButton>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Card>
      <RefundDialog residentId={residentId} ledger={refunding} onClose={() => setRefunding(null)} />
    </Space>
  );
}

function Receive({ residentId }: { residentId: number }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const receive = useMutate('billing.ledgers.receive', [...refresh]);
  return (
    <Form
      form={form}
      layout="inline"
      size="large"
      initialValues={{ ledger: 'deposit', method: 'wechat', on: serverDay() }}
      onFinish={async (v: {
        ledger: LedgerKind;
        amount: string;
        method: Exclude<(typeof paymentMethods)[number], 'prepayment'>;
        on: dayjs.Dayjs;
      }) => {
        try {
          const e = await receive.mutateAsync({
            residentId,
            ledger: v.ledger,
            amountFen: fenOf(v.amount) ?? 0,
            method: v.method,
            on: v.on.format('YYYY-MM-DD'),
          });
          form.resetFields(['amount']);
          void message.success(
            `已收取${ledgerKindLabels[e.ledger]} ${yuan(e.amountFen)}，收据 ${e.receiptNo ?? ''}`,
          );
        } catch (error) {
          if (!applyFieldErrors(form, error)) void message.error((error as Error).message, 8);
        }
      }}
    >
      <Form.Item name="ledger">
        <Radio.Group
          options={ledgerKinds.map((k) => ({ value: k, label: ledgerKindLabels[k] }))}
          optionType="button"
        />
      </Form.Item>
      <Form.Item
        name="amount"
        rules={[{ required: true, message: '请填写金额' }]}
        label="金额（元）"
        validateFirst
      >
        <Input style={{ width: 140 }} inputMode="decimal" />
      </Form.Item>
      <Form.Item name="method">
        <Select
          style={{ width: 120 }}
          options={paymentMethods
            .filter((m) => m !== 'prepayment')
            .map((m) => ({ value: m, label: paymentMethodLabels[m] }))}
        />
      </Form.Item>
      <Form.Item name="on">
        <DatePicker allowClear={false} />
      </Form.Item>
      <ActionButton
        procedure="billing.ledgers.receive"
        type="primary"
        htmlType="submit"
        loading={receive.isPending}
      >
        收取
      </ActionButton>
    </Form>
  );
}

function RefundDialog({
  residentId,
  ledger,
  onClose,
}: {
  residentId: number;
  ledger: LedgerKind | null;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const refund = useMutate('billing.ledgers.refund', [...refresh]);
  return (
    <Modal
      open={ledger !== null}
      title={ledger ? `退${ledgerKindLabels[ledger]}` : ''}
      okText="退款"
      okButtonProps={{ danger: true, disabled: !fenOf(amount) || reason.trim() === '' }}
      confirmLoading={refund.isPending}
      onCancel={onClose}
      onOk={async () => {
        try {
          await refund.mutateAsync({
            residentId,
            ledger: ledger!,
            amountFen: fenOf(amount)!,
            on: serverDay().format('YYYY-MM-DD'),
            reason,
          });
          setAmount('');
          setReason('');
          onClose();
          void message.success('已退款并记入台账。');
        } catch (error) {
          void message.error((error as Error).message, 8);
        }
      }}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input
          addonBefore="金额（元）"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          inputMode="decimal"
        />
        <Input.TextArea
          placeholder="退款原因"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={200}
        />
      </Space>
    </Modal>
  );
}
