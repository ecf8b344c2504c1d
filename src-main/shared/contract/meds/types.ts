/** Types of the medication module that both sides read. Quantities are decimal strings. */

export const drugControls = ['none', 'psychotropic', 'narcotic'] as const;
export type DrugControl = (typeof drugControls)[number];
export const drugControlLabels: Record<DrugControl, string> = {
  none: '普通',
  psychotropic: '精神药品',
  narcotic: '麻醉药品',
};

export const orderSources = ['hospital', 'clinic', 'family'] as const;
export type OrderSource = (typeof orderSources)[number];
export const orderSourceLabels: Record<OrderSource, string> = {
  hospital: '医院处方',
  clinic: '院内医务室',
  family: '家属提供',
};

export const doseStatuses = ['due', 'given', 'late', 'refused', 'held', 'missed'] as const;
export type DoseStatus = (typeof doseStatuses)[number];
export const doseStatusLabels: Record<DoseStatus, string> = {
  due: '待给药',
  given: '已给药',
  late: '延迟给药',
  refused: '拒服',
  held: '暂停',
  missed: '漏给',
};

export interface Drug {
  id: number;
  name: string;
  genericName: string;
  spec: string;
  form: string;
  unit: string;
  highAlert: boolean;
  controlled: DrugControl;
  pinyinInitials: string;
  active: boolean;
}

export type OrderSchedule =
  { times: string[] } | { prn: { indication: string; minIntervalHours: number; maxPerDay: number } };

export interface OrderVersion {
  version: number;
  /** From this instant on the version applies; the first version applies from `startOn`. */
  effectiveFrom: string | null;
  dose: string;
  route: string;
  schedule: OrderSchedule;
  endOn: string | null;
  prescriber: string;
  note: string;
  reason: string;
  createdAt: string;
  createdBy: number | null;
  createdByName: string;
  checkedBy: number | null;
  checkedByName: string;
}

export interface Order {
  orderId: number;
  residentId: number;
  residentName: string;
  bed: string;
  drugId: number;
  drug: Drug;
  source: OrderSource;
  startOn: string;
  /** The current version's terms. */
  dose: string;
  route: string;
  schedule: OrderSchedule;
  endOn: string | null;
  prescriber: string;
  note: string;
  version: number;
  status: 'active' | 'stopped' | 'ended' | 'pending';
  stoppedAt: string | null;
  stopReason: string | null;
  stoppedByName: string;
  versions: OrderVersion[];
}

export interface MarDose {
  doseId: string;
  residentId: number;
  residentName: string;
  bed: string;
  area: string;
  onLeave: boolean;
  orderId: number;
  orderVersion: number;
  drugId: number;
  drug: Drug;
  dose: string;
  unit: string;
  route: string;
  /** Local time of the dose, `08:00`. */
  time: string;
  dueAt: string;
  windowFrom: string;
  windowTo: string;
  status: DoseStatus;
  by?: number;
  byName?: string;
  witness?: number;
  witnessName?: string;
  at?: string;
  reason?: string;
  /** Needs a second person's signature (high-alert or controlled drug). */
  needsWitness: boolean;
}

/** How many of a day's scheduled doses are in each state. */
export type DoseCounts = Record<DoseStatus, number>;

/**
 * A day's MAR counted, without its rows: the workbench tile and the round page's area picker read
 * this instead of the whole home's doses (~10,000 rows, 3.8 MB on a 1,000-bed home).
 */
export interface MarSummary {
  date: string;
  total: number;
  counts: DoseCounts;
  /** Each area (a nurse's round, `1号楼 3层`) with doses that day, in the MAR's order. */
  areas: Array<{ area: string; total: number; counts: DoseCounts }>;
  /** The day's dose times (`08:00`), earliest first. */
  times: string[];
}

export interface PrnDose {
  doseId: string;
  orderId: number;
  residentId: number;
  residentName: string;
  bed: string;
  drug: Drug;
  dose: string;
  at: string;
  indication: string;
  by: number;
  byName: string;
  witness?: number;
  witnessName?: string;
  effect: string | null;
  effectAt: string | null;
  effectByName: string;
  /** The effect is due to be recorded in this window (30–60 minutes after the dose). */
  effectDueFrom: string;
  effectDueTo: string;
  /** When the next dose of this order is allowed. */
  nextAllowedAt: string;
}

export interface StockBatch {
  drugId: number;
  drugName: string;
  unit: string;
  batchNo: string;
  quantity: string;
  expiresOn: string;
  expired: boolean;
}

export type StockMoveKind = 'receive' | 'give' | 'return' | 'adjust' | 'dispose';
export const stockMoveLabels: Record<StockMoveKind, string> = {
  receive: '入库',
  give: '给药',
  return: '更正退回',
  adjust: '盘点调整',
  dispose: '处置',
};

export interface StockMove {
  id: number;
  at: string;
  kind: StockMoveKind;
  drugId: number;
  drugName: string;
  batchNo: string;
  expiresOn: string;
  /** Signed: receipts positive, doses and disposals negative. */
  quantity: string;
  /** The resident's stock of this drug after the move. */
  balance: string;
  byName: string;
  witnessName: string;
  reason: string;
  source: string;
}

export interface StockReceipt {
  receiptId: number;
  residentId: number;
  residentName: string;
  bed: string;
  drug: Drug;
  quantity: string;
  batchNo: string;
  expiresOn: string;
  source: string;
  entrustedBy: string;
  receivedAt: string;
  receivedByName: string;
  witnessName: string;
}

export interface StockCount {
  countId: number;
  residentId: number;
  drugId: number;
  expected: string;
  counted: string;
  /** counted − expected; zero when the count agrees. */
  difference: string;
  reason: string;
  at: string;
}

export interface MonthlyMar {
  residentId: number;
  residentName: string;
  bed: string;
  month: string;
  days: string[];
  rows: Array<{
    orderId: number;
    drugName: string;
    spec: string;
    dose: string;
    unit: string;
    route: string;
    time: string;
    /** One cell per day: initials of who gave it, or a legend letter, or '' when no dose was due. */
    cells: string[];
  }>;
  prn: Array<{
    at: string;
    drugName: string;
    dose: string;
    indication: string;
    byName: string;
    effect: string;
  }>;
}

export interface MedsSettings {
  /** Minutes either side of a dose's time in which it counts as on time. */
  windowMinutes: number;
}

/** One resident's controlled drug at a shift handover: what to count and the count if made. */
export interface HandoverItem {
  residentId: number;
  residentName: string;
  bed: string;
  area: string;
  drugId: number;
  drug: string;
  spec: string;
  unit: string;
  controlled: Exclude<DrugControl, 'none'>;
  /** Held at the handover: counting it is required. False for stock received during the window. */
  required: boolean;
  /** What the ledger says is there now (to compare with the count). */
  expected: string;
  count: null | {
    countId: number;
    counted: string;
    difference: string;
    at: string;
    /** Made after the window closed (补点): shown, but the handover stays missed. */
    late: boolean;
    by: string;
    witness: string;
  };
}

export type HandoverStatus = 'upcoming' | 'open' | 'done' | 'missed';

/** A shift handover (交接班) and its two-person count of psychotropic and narcotic stock. */
export interface HandoverCount {
  date: string;
  /** Local `HH:mm` the incoming shift starts. */
  time: string;
  /** `夜班 → 白班`. */
  label: string;
  at: string;
  /** Counts made between these instants belong to this handover. */
  windowFrom: string;
  windowTo: string;
  /** Until the next handover's window, a count made now is recorded under this one (late after windowTo). */
  lateTo: string;
  /** Whether a count made now belongs to this handover. */
  countable: boolean;
  status: HandoverStatus;
  total: number;
  counted: number;
  items: HandoverItem[];
  /** Every handover of the same day, for switching between them. */
  day: Array<{ date: string; time: string; label: string; at: string; status: HandoverStatus }>;
}
