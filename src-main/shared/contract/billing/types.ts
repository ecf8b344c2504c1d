/** Billing's shared words and shapes. Money is integer 分 in every `…Fen` field. */

export const feeKinds = ['bed', 'care', 'meal', 'service', 'passThrough'] as const;
export type FeeKind = (typeof feeKinds)[number];
export const feeKindLabels: Record<FeeKind, string> = {
  bed: '床位费',
  care: '护理费',
  meal: '伙食费',
  service: '服务费',
  passThrough: '代收代付',
};

export const feeUnits = ['month', 'day', 'once'] as const;
export type FeeUnit = (typeof feeUnits)[number];
export const feeUnitLabels: Record<FeeUnit, string> = { month: '每月', day: '每天', once: '每次' };

export type AppliesTo = { roomClass: string } | { careGrade: string } | { all: true };

export const payerKinds = ['ltcInsurance', 'subsidy', 'other'] as const;
export type PayerKind = (typeof payerKinds)[number];
/** Who pays a share of a line: a payer, or the resident (and family) for the rest. */
export type ShareKind = PayerKind | 'resident';
export const shareKindLabels: Record<ShareKind, string> = {
  ltcInsurance: '长期护理保险',
  subsidy: '补贴',
  other: '其他',
  resident: '本人/家属',
};

export const paymentMethods = ['cash', 'wechat', 'alipay', 'bankTransfer', 'card', 'prepayment'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];
export const paymentMethodLabels: Record<PaymentMethod, string> = {
  cash: '现金',
  wechat: '微信',
  alipay: '支付宝',
  bankTransfer: '银行转账',
  card: '刷卡',
  prepayment: '预交金抵扣',
};

/** The three prepaid ledgers 《养老机构预收费管理办法》 (2024) asks to keep apart. */
export const ledgerKinds = ['deposit', 'prepayment', 'membership'] as const;
export type LedgerKind = (typeof ledgerKinds)[number];
export const ledgerKindLabels: Record<LedgerKind, string> = {
  deposit: '押金',
  prepayment: '预收服务费',
  membership: '会员费',
};

export interface BillingConfig {
  /** Daily share of a monthly fee: ÷ days in that month (default) or ÷ 30. */
  proRate: 'daysInMonth' | 'thirtyDays';
  /** A leave with more than this many full days stops the reduced kinds. */
  leaveThresholdDays: number;
  /** Fee kinds not billed for the full days of a long leave (the bed fee continues). */
  leaveReducedKinds: FeeKind[];
  /** `allDays`: every full day of a long leave; `beyondThreshold`: only the full days after the first N. */
  leaveMode: 'allDays' | 'beyondThreshold';
  /** Services may be prepaid for at most this many months. */
  prepaymentMaxMonths: number;
  /** A deposit may be at most this many times the monthly bed + care fee. */
  depositMaxMonths: number;
  /** An open invoice older than this raises the arrears alert. */
  arrearsAlertDays: number;
}

export interface PayerShare {
  kind: ShareKind;
  name: string;
  amountFen: number;
}

export interface BillLine {
  /** The fee item's code (`charge:<id>` for a one-off charge). */
  item: string;
  name: string;
  kind: FeeKind;
  /** First and last day of the line, inclusive. */
  from: string;
  to: string;
  /** Days billed; null for one-off charges. */
  billedDays: number | null;
  /** The divisor of a monthly fee (days in month or 30); null for daily and one-off amounts. */
  base: number | null;
  /** Monthly or daily rate, or the charge itself. */
  rateFen: number;
  unit: FeeUnit;
  amountFen: number;
  payerShares: PayerShare[];
}

export interface ResidentBill {
  residentId: number;
  name: string;
  bedLabel: string | null;
  lines: BillLine[];
  totalFen: number;
  /** What the resident (family) pays; the rest is claimed from payers. */
  residentFen: number;
  /** Set when this resident's invoice for the month has been issued. */
  invoiceNumber: string | null;
}

export interface RunTotals {
  residents: number;
  totalFen: number;
  residentFen: number;
  byKind: Partial<Record<FeeKind, number>>;
  byPayer: Array<{ kind: ShareKind; name: string; amountFen: number }>;
}
