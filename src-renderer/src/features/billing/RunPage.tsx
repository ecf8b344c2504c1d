import {
  Alert,
  App,
  Card,
  DatePicker,
  Descriptions,
  Modal,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { callOrThrow } from '../../api/client';
import { useMutate, useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { ActionButton } from '../../app/permissions';
import {
  feeKindLabels,
  shareKindLabels,
  type FeeKind,
  type ResidentBill,
} from '../../../../src-main/shared/contract/billing/types';
import type { RunPreview } from '../../../../src-main/shared/contract/billing';
import { ExportExcelButton } from '../print/ExportExcelButton';
import { PrintButton } from '../print/PrintButton';
import { lastMonth, Money, yuan } from './common';
import { invoiceDocument } from './print/documents';

const kinds: FeeKind[] = ['bed', 'care', 'meal', 'service', 'passThrough'];

/** 收费 → 账单: preview a month's bills, issue them in one go, print one. */
export function RunPage() {
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? lastMonth();
  const query = useProcedure('billing.runs.preview', { month });
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          月结账单
        </Typography.Title>
        <DatePicker
          picker="month"
          size="large"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(d) => d && setParams({ month: d.format('YYYY-MM') })}
          data-testid="run-month"
        />
        <ExportExcelButton
          size="large"
          procedure="billing.exports.run"
          run={() => callOrThrow('billing.exports.run', { month })}
        />
      </Space>
      <QueryView query={query}>{(preview) => <Run preview={preview} />}</QueryView>
    </Space>
  );
}

function Run({ preview }: { preview: RunPreview }) {
  const { message } = App.useApp();
  const issue = useMutate('billing.runs.issue', [
    'billing.runs.preview',
    'billing.invoices.list',
    'alerts.list',
    'billing.runs.list',
  ]);
  const [confirming, setConfirming] = useState(false);
  const invoices = useProcedure('billing.invoices.list', { month: preview.month });
  const numberToId = new Map((invoices.data ?? []).map((i) => [i.number, i.id]));

  async function issueNow() {
    try {
      const out = await issue.mutateAsync({ month: preview.month });
      setConfirming(false);
      void message.success(
        `已出账 ${out.invoices} 张，合计 ${yuan(out.totalFen)}（${out.firstNumber ?? ''} 至 ${out.lastNumber ?? ''}）`,
        6,
      );
    } catch (error) {
      setConfirming(false);
      void message.error((error as Error).message, 8);
    }
  }

  const columns: ColumnsType<ResidentBill> = [
    { title: '床位', dataIndex: 'bedLabel', width: 90, render: (v: string | null) => v ?? '—' },
    { title: '老人', dataIndex: 'name', width: 100 },
    ...kinds.map((kind) => ({
      title: feeKindLabels[kind],
      key: kind,
      align: 'right' as const,
      render: (_: unknown, r: ResidentBill) => {
        const sum = r.lines.filter((l) => l.kind === kind).reduce((s, l) => s + l.amountFen, 0);
        return sum === 0 ? '—' : <Money fen={sum} />;
      },
    })),
    {
      title: '合计',
      dataIndex: 'totalFen',
      align: 'right',
      render: (fen: number) => <Money fen={fen} strong />,
    },
    {
      title: '本人/家属',
      dataIndex: 'residentFen',
      align: 'right',
      render: (fen: number) => <Money fen={fen} />,
    },
    {
      title: '账单号',
      dataIndex: 'invoiceNumber',
      render: (n: string | null) =>
        n ? (
          <Space>
            <Tag color="blue">{n}</Tag>
            {numberToId.get(n) && (
              <PrintButton size="small" load={(ctx) => invoiceDocument(ctx, numberToId.get(n)!)} />
            )}
          </Space>
        ) : (
          <Tag>未出账</Tag>
        ),
    },
  ];

  const waiting = preview.residents.filter((r) => !r.invoiceNumber).length;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space size={48} wrap>
          <Statistic title="老人" value={preview.totals.residents} suffix="位" />
          <Statistic title="合计应收" value={yuan(preview.totals.totalFen)} />
          <Statistic title="本人/家属" value={yuan(preview.totals.residentFen)} />
          {preview.totals.byPayer
            .filter((p) => p.kind !== 'resident')
            .map((p) => (
              <Statistic
                key={`${p.kind}:${p.name}`}
                title={`${p.name}（${shareKindLabels[p.kind]}）`}
                value={yuan(p.amountFen)}
              />
            ))}
          {preview.issuedAt ? (
            <Tag color="green" style={{ fontSize: 16, padding: '6px 12px' }} data-testid="run-issued">
              已出账 {dayjs(preview.issuedAt).format('YYYY-MM-DD HH:mm')}
            </Tag>
          ) : (
            <ActionButton
              procedure="billing.runs.issue"
              type="primary"
              size="large"
              disabled={waiting === 0}
              onClick={() => setConfirming(true)}
            >
              出账（{waiting} 张）
            </ActionButton>
          )}
        </Space>
      </Card>
      {preview.issuedAt && waiting > 0 && (
        <Alert
          type="info"
          showIcon
          title={`${waiting} 位老人在出账后才办理入住或补登记，请在收款页为其单独出账。`}
        />
      )}
      <Table<ResidentBill>
        rowKey="residentId"
        size="middle"
        columns={columns}
        dataSource={preview.residents}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        locale={{ emptyText: '这个月没有在住老人，也没有待收杂费。请先在“收费标准”里设置收费项目。' }}
        expandable={{
          expandedRowRender: (r) => (
            <Descriptions size="small" column={1} bordered>
              {r.lines.map((l, i) => (
                <Descriptions.Item key={i} label={`${l.name}（${feeKindLabels[l.kind]}）`}>
                  {l.from}
                  {l.from !== l.to ? ` 至 ${l.to}` : ''}
                  {l.billedDays !== null && l.base !== null ? `，计费 ${l.billedDays} 天 ÷ ${l.base}` : ''}
                  {l.billedDays !== null && l.base === null ? `，${l.billedDays} 天` : ''}：
                  {yuan(l.amountFen)}
                  {l.payerShares
                    .filter((s) => s.kind !== 'resident' && s.amountFen !== 0)
                    .map((s) => `；${s.name} 承担 ${yuan(s.amountFen)}`)
                    .join('')}
                </Descriptions.Item>
              ))}
            </Descriptions>
          ),
        }}
      />
      <Modal
        open={confirming}
        title={`确认为 ${preview.month} 出账？`}
        okText="确认出账"
        cancelText="再看看"
        confirmLoading={issue.isPending}
        onOk={() => void issueNow()}
        onCancel={() => setConfirming(false)}
      >
        将为 {waiting} 位老人开出账单，合计{' '}
        {yuan(preview.residents.filter((r) => !r.invoiceNumber).reduce((s, r) => s + r.totalFen, 0))}
        。账单开出后不能修改，更正需开冲红单。{issue.isPending && '正在出账，请稍候……'}
      </Modal>
    </Space>
  );
}
