import { z } from 'zod';
import { defineSharedModule, event } from '../../module';
import { businessDate, requiredText, trimmed } from '../../validation';
import { proc } from '../define';
import type { FileDownload } from '../residents/assessment-types';
import {
  feeKinds,
  feeUnits,
  ledgerKinds,
  payerKinds,
  paymentMethods,
  type AppliesTo,
  type BillLine,
  type BillingConfig,
  type FeeKind,
  type FeeUnit,
  type LedgerKind,
  type PayerKind,
  type PaymentMethod,
  type ResidentBill,
  type RunTotals,
  type ShareKind,
} from './types';

export * from './types';

const id = z.number().int().positive();
const fen = z
  .number({ error: '金额请以分为单位填写整数' })
  .int('金额请以分为单位填写整数（1 元 = 100 分）')
  .min(0, '金额不能为负数');
const positiveFen = fen.refine((v) => v > 0, '金额必须大于 0');
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM，例如 2026-12');

const appliesTo = z.union([
  z.object({ roomClass: requiredText(20, '请填写房型') }).strict(),
  z.object({ careGrade: requiredText(20, '请填写护理等级') }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);

export interface FeeItemRow {
  id: number;
  code: string;
  name: string;
  kind: FeeKind;
  unit: FeeUnit;
  appliesTo: AppliesTo;
  /** The price in force today. */
  amountFen: number;
  prices: Array<{ from: string; amountFen: number }>;
  active: boolean;
}

export interface ChargeRow {
  id: number;
  residentId: number;
  residentName: string;
  itemCode: string | null;
  name: string;
  kind: FeeKind;
  amountFen: number;
  on: string;
  note: string;
  invoiceNumber: string | null;
}

export interface PayerRow {
  id: number;
  kind: PayerKind;
  name: string;
  percent: number | null;
  capFen: number | null;
  fixedFen: number | null;
  itemKinds: FeeKind[];
  from: string;
  to: string | null;
}

export interface RunPreview {
  month: string;
  /** Set once the month's run has been issued. */
  issuedAt: string | null;
  residents: ResidentBill[];
  totals: RunTotals;
}

export interface InvoiceDetail {
  id: number;
  number: string;
  kind: 'invoice' | 'credit';
  residentId: number;
  residentName: string;
  bedLabel: string | null;
  month: string;
  issuedOn: string;
  issuedAt: string;
  totalFen: number;
  /** The resident's share (negative on a credit note). */
  residentFen: number;
  /** Paid (or credited) so far, and what is still open, of the resident's share. */
  paidFen: number;
  openFen: number;
  creditOf: string | null;
  reason: string;
  origin: 'run' | 'single' | 'settlement' | 'correction';
  lines: BillLine[];
}

export interface PaymentRow {
  id: number;
  receiptNo: string;
  residentId: number;
  residentName: string;
  amountFen: number;
  method: PaymentMethod;
  paidOn: string;
  reference: string;
  recordedAt: string;
  voided: boolean;
  voidReason: string | null;
  /** How the payment settles invoices today, oldest first. */
  allocations: Array<{ invoiceNumber: string; month: string; amountFen: number }>;
  /** Left over after every open invoice: a credit on the account. */
  unallocatedFen: number;
}

export interface OpenInvoice {
  id: number;
  number: string;
  month: string;
  issuedOn: string;
  residentFen: number;
  paidFen: number;
  openFen: number;
  ageDays: number;
}

export interface AccountHistoryEntry {
  on: string;
  at: string;
  kind: 'invoice' | 'credit' | 'payment' | 'paymentVoided' | LedgerKind;
  ref: string;
  text: string;
  /** + what the resident owes more, − what they paid or were credited. */
  amountFen: number;
  balanceFen: number;
}

export interface Account {
  residentId: number;
  name: string;
  /** What the resident owes now (negative: paid ahead). */
  balanceFen: number;
  depositFen: number;
  prepaymentFen: number;
  membershipFen: number;
  openInvoices: OpenInvoice[];
  /** Open amounts by age since issue: 0–30, 31–60, 61–90, over 90 days. */
  ageing: { d0_30: number; d31_60: number; d61_90: number; over90: number };
  history: AccountHistoryEntry[];
}

export interface LedgerEntry {
  id: number;
  residentId: number;
  residentName: string;
  ledger: LedgerKind;
  entry: 'receive' | 'refund' | 'apply' | 'offset';
  amountFen: number;
  balanceFen: number;
  on: string;
  method: string;
  reference: string;
  note: string;
  receiptNo: string | null;
  createdAt: string;
}

export interface Settlement {
  id: number;
  residentId: number;
  residentName: string;
  bedLabel: string | null;
  admittedOn: string | null;
  on: string;
  month: string;
  /** The last month billed for the actual days: lines as computed now. */
  lines: BillLine[];
  actualFen: number;
  /** Issued before the settlement for that month (or later months), credited back. */
  previouslyBilledFen: number;
  invoiceNumber: string | null;
  creditNoteNumbers: string[];
  owedBeforeFen: number;
  prepaymentAppliedFen: number;
  prepaymentRefundFen: number;
  depositOffsetFen: number;
  depositRefundFen: number;
  membershipRefundFen: number;
  /** Still owed after everything (0 when settled); the family pays it or it stays in arrears. */
  dueFen: number;
  /** Paid back to the family in all. */
  refundFen: number;
  createdAt: string;
}

export interface IncomeReport {
  month: string;
  byKind: Array<{ kind: FeeKind; amountFen: number }>;
  byPayer: Array<{ kind: ShareKind; name: string; amountFen: number }>;
  /** Revenue excludes 代收代付. */
  revenueFen: number;
  passThroughFen: number;
  invoicedFen: number;
  creditedFen: number;
  collectedFen: number;
  invoices: number;
}

export interface ArrearsRow {
  residentId: number;
  name: string;
  bedLabel: string | null;
  openFen: number;
  d0_30: number;
  d31_60: number;
  d61_90: number;
  over90: number;
  oldestIssuedOn: string;
}

export interface PrepaidRow {
  residentId: number;
  name: string;
  depositFen: number;
  prepaymentFen: number;
  membershipFen: number;
}

export interface PayerStatementRow {
  payerKind: PayerKind;
  payerName: string;
  residentId: number;
  residentName: string;
  invoiceNumber: string;
  item: string;
  from: string;
  to: string;
  lineFen: number;
  amountFen: number;
}

const configPatch = z
  .object({
    proRate: z.enum(['daysInMonth', 'thirtyDays']),
    leaveThresholdDays: z.number().int().min(0).max(60),
    leaveReducedKinds: z.array(z.enum(feeKinds)).max(5),
    leaveMode: z.enum(['allDays', 'beyondThreshold']),
    prepaymentMaxMonths: z.number().int().min(1).max(120),
    depositMaxMonths: z.number().int().min(0).max(120),
    arrearsAlertDays: z.number().int().min(1).max(365),
  })
  .partial();

const read = 'billing.read';
const collect = 'billing.collect';
const manage = 'billing.manage';

export const billingProcedures = {
  'billing.getConfig': proc<BillingConfig>()({ input: z.object({}).optional(), access: read, write: false }),
  /** Any subset of the settings, e.g. `{ proRate: 'thirtyDays' }`. */
  'billing.updateConfig': proc<BillingConfig>()({ input: configPatch, access: manage, write: true }),

  'billing.items.list': proc<FeeItemRow[]>()({ input: z.object({}).optional(), access: read, write: false }),
  /**
   * Creates an item or changes it by `code`. A new price applies from `effectiveFrom` (default: the
   * first day of the current month); earlier months keep the earlier price. A new item's first
   * price has no start.
   */
  'billing.items.save': proc<FeeItemRow>()({
    input: z.object({
      code: requiredText(20, '请填写收费项目编码').regex(/^[A-Za-z0-9_-]+$/, '编码只能用字母、数字、-、_'),
      name: requiredText(40, '请填写收费项目名称'),
      kind: z.enum(feeKinds),
      amountFen: fen,
      unit: z.enum(feeUnits),
      appliesTo: appliesTo.default({ all: true }),
      effectiveFrom: businessDate.optional(),
      active: z.boolean().optional(),
    }),
    access: manage,
    write: true,
  }),

  'billing.charges.add': proc<ChargeRow>()({
    input: z.object({
      residentId: id,
      itemCode: trimmed(20).optional(),
      name: trimmed(60).optional(),
      amountFen: positiveFen,
      on: businessDate,
      kind: z.enum(['service', 'passThrough']).optional(),
      note: trimmed(200).optional(),
    }),
    access: collect,
    write: true,
  }),
  'billing.charges.list': proc<ChargeRow[]>()({
    input: z.object({ residentId: id.optional(), month: month.optional() }),
    access: read,
    write: false,
  }),

  'billing.payers.get': proc<PayerRow[]>()({
    input: z.object({ residentId: id }),
    access: read,
    write: false,
  }),
  /** Replaces the resident's payers. */
  'billing.payers.set': proc<PayerRow[]>()({
    input: z.object({
      residentId: id,
      payers: z
        .array(
          z.object({
            kind: z.enum(payerKinds),
            name: requiredText(40, '请填写付款方名称，例如 长护险'),
            percent: z.number().min(0).max(100).nullish(),
            capFen: fen.nullish(),
            fixedFen: fen.nullish(),
            itemKinds: z.array(z.enum(feeKinds)).min(1, '请选择付款方承担的收费类别'),
            from: businessDate,
            to: businessDate.nullish(),
          }),
        )
        .max(10),
    }),
    access: manage,
    write: true,
  }),
  /** Each payer's shares of a month's issued invoices (申报表). */
  'billing.payers.statement': proc<PayerStatementRow[]>()({
    input: z.object({ month, payerName: trimmed(40).optional() }),
    access: read,
    write: false,
  }),

  'billing.runs.preview': proc<RunPreview>()({ input: z.object({ month }), access: read, write: false }),
  /** Issues every invoice of the month in one transaction; a second time is refused (ALREADY_ISSUED). */
  'billing.runs.issue': proc<{
    month: string;
    invoices: number;
    totalFen: number;
    firstNumber: string | null;
    lastNumber: string | null;
  }>()({
    input: z.object({ month }),
    access: manage,
    write: true,
  }),
  'billing.runs.list': proc<Array<{ month: string; issuedAt: string; invoices: number; totalFen: number }>>()(
    {
      input: z.object({}).optional(),
      access: read,
      write: false,
    },
  ),

  'billing.invoices.issueFor': proc<InvoiceDetail>()({
    input: z.object({ residentId: id, month }),
    access: manage,
    write: true,
  }),
  'billing.invoices.list': proc<InvoiceDetail[]>()({
    input: z.object({ month: month.optional(), residentId: id.optional() }),
    access: read,
    write: false,
  }),
  'billing.invoices.get': proc<InvoiceDetail>()({ input: z.object({ id }), access: read, write: false }),
  /** A credit note against an issued invoice: the whole invoice, or `amountFen` of it. */
  'billing.invoices.credit': proc<InvoiceDetail>()({
    input: z.object({
      invoiceId: id,
      amountFen: positiveFen.optional(),
      reason: requiredText(200, '请填写冲红原因'),
    }),
    access: manage,
    write: true,
  }),

  'billing.payments.record': proc<PaymentRow>()({
    input: z.object({
      residentId: id,
      amountFen: positiveFen,
      method: z.enum(paymentMethods),
      paidOn: businessDate,
      reference: trimmed(60).optional(),
    }),
    access: collect,
    write: true,
  }),
  'billing.payments.void': proc<PaymentRow>()({
    input: z.object({ paymentId: id, reason: requiredText(200, '请填写作废原因') }),
    access: manage,
    write: true,
  }),
  'billing.payments.list': proc<PaymentRow[]>()({
    input: z.object({ residentId: id.optional(), month: month.optional() }),
    access: read,
    write: false,
  }),
  'billing.payments.get': proc<PaymentRow>()({ input: z.object({ id }), access: read, write: false }),

  'billing.accounts.get': proc<Account>()({
    input: z.object({ residentId: id }),
    access: read,
    write: false,
  }),

  /** Money into a prepaid ledger (押金, 预收服务费, 会员费), within the 2024 limits. */
  'billing.ledgers.receive': proc<LedgerEntry>()({
    input: z.object({
      residentId: id,
      ledger: z.enum(ledgerKinds),
      amountFen: positiveFen,
      method: z.enum(paymentMethods).exclude(['prepayment']),
      on: businessDate,
      reference: trimmed(60).optional(),
    }),
    access: collect,
    write: true,
  }),
  'billing.ledgers.refund': proc<LedgerEntry>()({
    input: z.object({
      residentId: id,
      ledger: z.enum(ledgerKinds),
      amountFen: positiveFen,
      on: businessDate,
      reason: requiredText(200, '请填写退款原因'),
    }),
    access: manage,
    write: true,
  }),
  'billing.ledgers.list': proc<LedgerEntry[]>()({
    input: z.object({ residentId: id.optional(), ledger: z.enum(ledgerKinds).optional() }),
    access: read,
    write: false,
  }),

  /** Discharge settlement: actual days of the last month, prepayment applied, deposit returned net. */
  'billing.settle': proc<Settlement>()({
    input: z.object({ residentId: id, on: businessDate }),
    access: manage,
    write: true,
  }),
  'billing.settlements.get': proc<Settlement | null>()({
    input: z.object({ residentId: id }),
    access: read,
    write: false,
  }),

  'billing.reports.income': proc<IncomeReport>()({ input: z.object({ month }), access: read, write: false }),
  'billing.reports.arrears': proc<ArrearsRow[]>()({
    input: z.object({}).optional(),
    access: read,
    write: false,
  }),
  'billing.reports.prepaid': proc<PrepaidRow[]>()({
    input: z.object({}).optional(),
    access: read,
    write: false,
  }),

  'billing.exports.run': proc<FileDownload>()({
    input: z.object({ month }),
    access: 'billing.export',
    write: true,
  }),
  'billing.exports.statement': proc<FileDownload>()({
    input: z.object({ month, payerName: trimmed(40).optional() }),
    access: 'billing.export',
    write: true,
  }),
  'billing.exports.arrears': proc<FileDownload>()({
    input: z.object({}).optional(),
    access: 'billing.export',
    write: true,
  }),
  'billing.exports.prepaid': proc<FileDownload>()({
    input: z.object({}).optional(),
    access: 'billing.export',
    write: true,
  }),
};

export const billingModule = defineSharedModule({
  name: 'billing',
  label: { zh: '收费', en: 'Billing' },
  procedures: billingProcedures,
  permissions: {
    'billing.read': { zh: '查看账单与收款', en: 'View bills and payments', grants: ['finance', 'frontDesk'] },
    'billing.collect': {
      zh: '收款、收押金与预交金、登记杂费',
      en: 'Take payments and deposits',
      grants: ['finance', 'frontDesk'],
    },
    'billing.manage': {
      zh: '收费标准、月结出账、冲红、作废、退款与退住结算',
      en: 'Fee schedule, monthly run, credit notes, voids, refunds, settlement',
      grants: ['finance'],
    },
    'billing.export': { zh: '导出收费台账', en: 'Export billing ledgers', grants: ['finance'] },
  },
  events: {
    /** A month's run is being issued: how far it got. */
    'billing.runProgress': event<{
      month: string;
      done: number;
      total: number;
      phase: 'computing' | 'writing' | 'done';
    }>()('billing.read'),
  },
  auditLabels: {
    modules: { billing: { zh: '收费', en: 'Billing' } },
    verbs: {
      updateConfig: { zh: '修改收费设置', en: 'change settings' },
      save: { zh: '保存', en: 'save' },
      add: { zh: '登记', en: 'add' },
      set: { zh: '设置', en: 'set' },
      issue: { zh: '出账', en: 'issue' },
      issueFor: { zh: '单独出账', en: 'issue for one' },
      credit: { zh: '冲红', en: 'credit' },
      record: { zh: '收款', en: 'record' },
      void: { zh: '作废', en: 'void' },
      receive: { zh: '收取', en: 'receive' },
      refund: { zh: '退款', en: 'refund' },
      settle: { zh: '退住结算', en: 'settle' },
      run: { zh: '导出月结', en: 'export run' },
      statement: { zh: '导出申报表', en: 'export statement' },
      arrears: { zh: '导出欠费', en: 'export arrears' },
      prepaid: { zh: '导出预收余额', en: 'export prepaid' },
    },
    entities: {
      billingConfig: { zh: '收费设置', en: 'Billing settings' },
      feeItem: { zh: '收费项目', en: 'Fee item' },
      charge: { zh: '杂费', en: 'Charge' },
      payers: { zh: '付款方', en: 'Payers' },
      billingRun: { zh: '月结', en: 'Monthly run' },
      invoice: { zh: '账单', en: 'Invoice' },
      payment: { zh: '收款', en: 'Payment' },
      ledgerEntry: { zh: '预收台账', en: 'Prepaid ledger entry' },
      settlement: { zh: '退住结算', en: 'Settlement' },
      billingExport: { zh: '收费导出', en: 'Billing export' },
      billingReminder: { zh: '月结提醒', en: 'Run reminder' },
    },
  },
});
