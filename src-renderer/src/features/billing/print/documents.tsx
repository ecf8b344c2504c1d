import type { InvoiceDetail, PaymentRow, Settlement } from '../../../../../src-main/shared/contract/billing';
import {
  feeKindLabels,
  ledgerKindLabels,
  paymentMethodLabels,
  type BillLine,
  type LedgerKind,
} from '../../../../../src-main/shared/contract/billing/types';
import { callOrThrow } from '../../../api/client';
import { block, FieldGrid, sectionTitle } from '../../print/templates';
import type { PrintContext, PrintDocument, PrintItem } from '../../print/types';
import { yuan } from '../common';
import { capitalYuan } from '../../../../../src-main/shared/contract/billing/capital';

function linesTable(key: string, lines: BillLine[]): PrintItem {
  return {
    kind: 'table',
    key,
    columns: [
      // The period is two full dates: wide enough that neither breaks across lines.
      { title: '项目', width: '18%' },
      { title: '类别', width: '9%' },
      { title: '期间', width: '31%' },
      { title: '天数', width: '8%', align: 'center' },
      { title: '金额', width: '13%', align: 'right' },
      { title: '其中付款方承担', width: '21%' },
    ],
    rows: lines.map((l, i) => ({
      key: i,
      cells: [
        l.name,
        feeKindLabels[l.kind],
        l.from === l.to ? l.from : `${l.from} 至 ${l.to}`,
        l.billedDays === null ? '—' : l.base === null ? `${l.billedDays}` : `${l.billedDays}/${l.base}`,
        yuan(l.amountFen),
        l.payerShares
          .filter((s) => s.kind !== 'resident' && s.amountFen !== 0)
          .map((s) => `${s.name} ${yuan(s.amountFen)}`)
          .join('；') || '—',
      ],
    })),
  };
}

/** 收据: one payment, its amount in words, what it paid. */
export async function receiptDocument(_ctx: PrintContext, paymentId: number): Promise<PrintDocument> {
  const p: PaymentRow = await callOrThrow('billing.payments.get', { id: paymentId });
  return {
    title: '收 据',
    subtitle: `No. ${p.receiptNo}${p.voided ? '（已作废）' : ''}`,
    orientation: 'portrait',
    fileName: `收据-${p.receiptNo}`,
    signatures: ['收款人', '交款人'],
    items: [
      block(
        'fields',
        <FieldGrid
          perRow={2}
          fields={[
            { label: '交款人（老人）', value: p.residentName },
            { label: '收款日期', value: p.paidOn },
            { label: '金额（小写）', value: yuan(p.amountFen) },
            { label: '金额（大写）', value: capitalYuan(p.amountFen) },
            { label: '收款方式', value: paymentMethodLabels[p.method] ?? p.method },
            { label: '凭证号', value: p.reference },
            {
              label: '用于',
              span: true,
              value:
                p.allocations
                  .map((a) => `${a.month} 账单 ${a.invoiceNumber}：${yuan(a.amountFen)}`)
                  .join('；') +
                (p.unallocatedFen > 0
                  ? `${p.allocations.length ? '；' : ''}余额留存 ${yuan(p.unallocatedFen)}`
                  : ''),
            },
            ...(p.voided ? [{ label: '作废原因', value: p.voidReason ?? '', span: true }] : []),
          ]}
        />,
      ),
    ],
  };
}

/** 收据 for money into a prepaid ledger (押金, 预收服务费, 会员费). */
export async function ledgerReceiptDocument(
  _ctx: PrintContext,
  residentId: number,
  entryId: number,
): Promise<PrintDocument> {
  const entries = await callOrThrow('billing.ledgers.list', { residentId });
  const e = entries.find((x) => x.id === entryId);
  if (!e) throw new Error('找不到这笔记录，请刷新后重试。');
  return {
    title: '收 据',
    subtitle: `No. ${e.receiptNo ?? '—'} · ${ledgerKindLabels[e.ledger as LedgerKind]}`,
    orientation: 'portrait',
    fileName: `收据-${e.receiptNo ?? e.id}`,
    signatures: ['收款人', '交款人'],
    items: [
      block(
        'fields',
        <FieldGrid
          perRow={2}
          fields={[
            { label: '交款人（老人）', value: e.residentName },
            { label: '收款日期', value: e.on },
            { label: '金额（小写）', value: yuan(e.amountFen) },
            { label: '金额（大写）', value: capitalYuan(e.amountFen) },
            { label: '款项', value: ledgerKindLabels[e.ledger as LedgerKind] },
            {
              label: '收款方式',
              value: paymentMethodLabels[e.method as keyof typeof paymentMethodLabels] ?? e.method,
            },
            {
              label: '说明',
              span: true,
              value: '按《养老机构预收费管理办法》单独记账，退住时按规定结算退还。',
            },
          ]}
        />,
      ),
    ],
  };
}

/** 账单 (or 冲红单) with its lines and each payer's share. */
export async function invoiceDocument(_ctx: PrintContext, invoiceId: number): Promise<PrintDocument> {
  const inv: InvoiceDetail = await callOrThrow('billing.invoices.get', { id: invoiceId });
  return {
    title: inv.kind === 'credit' ? '冲 红 单' : '费 用 账 单',
    subtitle: `${inv.month} · No. ${inv.number}`,
    orientation: 'portrait',
    fileName: `账单-${inv.number}`,
    signatures: ['经办人', '家属签字', '日期'],
    items: [
      block(
        'fields',
        <FieldGrid
          perRow={2}
          fields={[
            { label: '老人', value: inv.residentName },
            { label: '床位', value: inv.bedLabel ?? '' },
            { label: '开具日期', value: inv.issuedOn },
            { label: '合计', value: yuan(inv.totalFen) },
            {
              label: '本人/家属应付',
              value: `${yuan(inv.residentFen)}（${capitalYuan(inv.residentFen)}）`,
              span: true,
            },
            ...(inv.creditOf
              ? [{ label: '冲红原账单', value: `${inv.creditOf}：${inv.reason}`, span: true }]
              : []),
          ]}
        />,
      ),
      sectionTitle('lines-title', '费用明细'),
      linesTable('lines', inv.lines),
    ],
  };
}

/** 退住结算单 the family signs. */
export async function settlementDocument(_ctx: PrintContext, residentId: number): Promise<PrintDocument> {
  const s: Settlement | null = await callOrThrow('billing.settlements.get', { residentId });
  if (!s) throw new Error('这位老人还没有退住结算。');
  return {
    title: '退住结算单',
    subtitle: `${s.residentName} · 结算日期 ${s.on}`,
    orientation: 'portrait',
    fileName: `结算单-${s.residentName}-${s.on}`,
    signatures: ['经办人', '财务审核', '家属签字', '日期'],
    items: [
      block(
        'who',
        <FieldGrid
          perRow={2}
          fields={[
            { label: '老人', value: s.residentName },
            { label: '床位', value: s.bedLabel ?? '' },
            { label: '入住日期', value: s.admittedOn ?? '' },
            { label: '离院日期', value: s.on },
          ]}
        />,
      ),
      sectionTitle('lines-title', `${s.month} 按实际天数计费（离院当日不计）`),
      linesTable('lines', s.lines),
      block(
        'sums',
        <FieldGrid
          perRow={2}
          fields={[
            { label: '本月实际费用', value: yuan(s.actualFen) },
            { label: '已开账单冲回', value: yuan(s.previouslyBilledFen) },
            { label: '结算前应付', value: yuan(s.owedBeforeFen) },
            { label: '预收服务费抵扣', value: yuan(s.prepaymentAppliedFen) },
            { label: '押金抵扣', value: yuan(s.depositOffsetFen) },
            { label: '仍需补交', value: yuan(s.dueFen) },
            { label: '退还预收服务费', value: yuan(s.prepaymentRefundFen) },
            { label: '退还押金', value: yuan(s.depositRefundFen) },
            { label: '退还会员费', value: yuan(s.membershipRefundFen) },
            { label: '退还合计', value: `${yuan(s.refundFen)}（${capitalYuan(s.refundFen)}）` },
            {
              label: '账单号',
              value: [s.invoiceNumber, ...s.creditNoteNumbers].filter(Boolean).join('、'),
              span: true,
            },
          ]}
        />,
      ),
    ],
  };
}

/** 申报表: what each payer (长护险, 补贴) owes for a month, resident by resident, with its total. */
export async function payerStatementDocument(_ctx: PrintContext, month: string): Promise<PrintDocument> {
  const rows = await callOrThrow('billing.payers.statement', { month });
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.payerName, (totals.get(r.payerName) ?? 0) + r.amountFen);
  return {
    title: '付款方申报表',
    subtitle: `${month} · ${[...totals].map(([name, fen]) => `${name} ${yuan(fen)}`).join('，') || '本月没有付款方承担的费用'}`,
    orientation: 'landscape',
    fileName: `申报表-${month}`,
    items: [
      {
        kind: 'table',
        key: 'rows',
        dense: true,
        columns: [
          { title: '付款方', width: '14%' },
          { title: '老人', width: '10%' },
          { title: '账单号', width: '12%' },
          { title: '项目', width: '16%' },
          { title: '期间', width: '22%' },
          { title: '项目金额', width: '13%', align: 'right' },
          { title: '申报金额', width: '13%', align: 'right' },
        ],
        rows: rows.map((r, i) => ({
          key: i,
          cells: [
            r.payerName,
            r.residentName,
            r.invoiceNumber,
            r.item,
            `${r.from} 至 ${r.to}`,
            yuan(r.lineFen),
            yuan(r.amountFen),
          ],
        })),
      },
    ],
  };
}
