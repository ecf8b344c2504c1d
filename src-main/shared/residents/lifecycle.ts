import type { CareCategory } from '../assessment/ability';

export const residentStatuses = [
  'waiting',
  'reserved',
  'admitted',
  'onLeave',
  'discharged',
  'archived',
  'purged',
] as const;
export type ResidentStatus = (typeof residentStatuses)[number];

export const residentStatusLabels: Record<ResidentStatus, { zh: string; en: string; color: string }> = {
  waiting: { zh: '轮候', en: 'Waiting list', color: 'default' },
  reserved: { zh: '已预订床位', en: 'Bed reserved', color: 'cyan' },
  admitted: { zh: '在住', en: 'In residence', color: 'green' },
  onLeave: { zh: '请假中', en: 'On leave', color: 'gold' },
  discharged: { zh: '已退住', en: 'Discharged', color: 'default' },
  archived: { zh: '已归档', en: 'Archived', color: 'default' },
  purged: { zh: '已销毁', en: 'Purged', color: 'default' },
};

export const residentActions = [
  'reserve',
  'cancelReservation',
  'admit',
  'transfer',
  'startLeave',
  'endLeave',
  'discharge',
  'archive',
  'purge',
] as const;
export type ResidentAction = (typeof residentActions)[number];

export const residentActionLabels: Record<ResidentAction, { zh: string; en: string }> = {
  reserve: { zh: '预订床位', en: 'Reserve a bed' },
  cancelReservation: { zh: '取消预订', en: 'Cancel reservation' },
  admit: { zh: '办理入住', en: 'Admit' },
  transfer: { zh: '调换床位', en: 'Change bed' },
  startLeave: { zh: '请假', en: 'Start leave' },
  endLeave: { zh: '销假', en: 'End leave' },
  discharge: { zh: '办理退住', en: 'Discharge' },
  archive: { zh: '归档', en: 'Archive' },
  purge: { zh: '销毁档案', en: 'Purge record' },
};

/**
 * The state machine as data: for each action, the statuses it may start from and where it
 * leads. `transfer` moves a resident to another bed and keeps the status.
 */
export const residentTransitions: Record<
  ResidentAction,
  { from: readonly ResidentStatus[]; to: ResidentStatus }
> = {
  // A discharged person who comes back keeps one record (and one 身份证号) rather than a duplicate.
  reserve: { from: ['waiting', 'discharged'], to: 'reserved' },
  cancelReservation: { from: ['reserved'], to: 'waiting' },
  admit: { from: ['waiting', 'reserved', 'discharged'], to: 'admitted' },
  transfer: { from: ['admitted'], to: 'admitted' },
  startLeave: { from: ['admitted'], to: 'onLeave' },
  endLeave: { from: ['onLeave'], to: 'admitted' },
  // Leaving from leave covers the resident who dies or moves to another home while in hospital.
  discharge: { from: ['admitted', 'onLeave'], to: 'discharged' },
  // An applicant who never came is archived straight from the waiting list.
  archive: { from: ['waiting', 'discharged'], to: 'archived' },
  purge: { from: ['archived'], to: 'purged' },
};

export type TransitionCheck = { ok: true; to: ResidentStatus } | { ok: false; reason: string };

/** Why an action is refused from a status, in words that tell the user what to do instead. */
const refusals: Partial<Record<ResidentAction, Partial<Record<ResidentStatus, string>>>> = {
  reserve: {
    reserved: '该老人已预订床位；如需更换床位，请先取消预订再重新预订',
    admitted: '该老人已在住，不需要预订床位；如需换床请使用「调换床位」',
    onLeave: '该老人正在请假，仍保留原床位，不需要预订',
    archived: '档案已归档，不能预订床位',
  },
  cancelReservation: {
    waiting: '该老人没有预订床位，无需取消',
    admitted: '该老人已入住，不能取消预订；如需离院请办理退住',
    onLeave: '该老人已入住（请假中），不能取消预订',
    discharged: '该老人已退住，没有可取消的预订',
    archived: '档案已归档，没有可取消的预订',
  },
  admit: {
    admitted: '该老人已在住，不能重复办理入住',
    onLeave: '该老人正在请假，请办理销假，而不是重新入住',
    archived: '档案已归档，不能办理入住',
  },
  transfer: {
    waiting: '该老人尚未入住，不能调换床位；如需安排床位，请预订床位或办理入住',
    reserved: '该老人尚未入住；如需更换预订的床位，请先取消预订再重新预订',
    onLeave: '该老人正在请假，请销假后再调换床位',
    discharged: '该老人已退住，不能调换床位',
    archived: '档案已归档，不能调换床位',
  },
  startLeave: {
    waiting: '该老人尚未入住，不能请假',
    reserved: '该老人尚未入住，不能请假',
    onLeave: '该老人已在请假中；如需延长，请修改当前请假的预计返回日期',
    discharged: '该老人已退住，不能请假',
    archived: '档案已归档，不能请假',
  },
  endLeave: {
    waiting: '该老人尚未入住，没有可销的假',
    reserved: '该老人尚未入住，没有可销的假',
    admitted: '该老人当前没有请假，无需销假',
    discharged: '该老人已退住，没有可销的假',
    archived: '档案已归档，没有可销的假',
  },
  discharge: {
    waiting: '该老人尚未入住，无需办理退住；如不再轮候，请归档',
    reserved: '该老人尚未入住；如不再入住，请先取消预订',
    discharged: '该老人已办理退住，不能重复退住',
    archived: '档案已归档，不能办理退住',
  },
  archive: {
    reserved: '该老人已预订床位，请先取消预订再归档',
    admitted: '在住老人不能归档，请先办理退住',
    onLeave: '请假中的老人不能归档，请先销假并办理退住',
    archived: '档案已经归档',
  },
  purge: {
    waiting: '只有已归档的档案才能销毁，请先归档',
    reserved: '只有已归档的档案才能销毁，请先取消预订并归档',
    admitted: '在住老人的档案不能销毁',
    onLeave: '请假中老人的档案不能销毁',
    discharged: '只有已归档的档案才能销毁，请先归档',
  },
};

export interface TransitionContext {
  /** The reason recorded at the last discharge, when the resident is `discharged`. */
  dischargeReason?: DischargeReason | null;
}

/**
 * Whether `action` may be taken on a resident in status `from`, and the status it leads to. Purge
 * also has a retention period: check it with `canPurge`.
 */
export function canTransition(
  from: ResidentStatus,
  action: ResidentAction,
  context: TransitionContext = {},
): TransitionCheck {
  if (from === 'purged') return { ok: false, reason: '档案已销毁，不能再办理任何业务' };
  const rule = residentTransitions[action];
  if (!rule.from.includes(from)) {
    const reason =
      refusals[action]?.[from] ??
      `${residentStatusLabels[from].zh}状态下不能${residentActionLabels[action].zh}`;
    return { ok: false, reason };
  }
  if (
    from === 'discharged' &&
    context.dischargeReason === 'death' &&
    (action === 'admit' || action === 'reserve')
  ) {
    return { ok: false, reason: '该老人已因死亡退住，不能再预订床位或办理入住' };
  }
  return { ok: true, to: rule.to };
}

/** The actions offered for a status, for showing buttons. */
export function availableActions(from: ResidentStatus, context: TransitionContext = {}): ResidentAction[] {
  return residentActions.filter((a) => canTransition(from, a, context).ok);
}

/** 《养老机构管理办法》: archives are kept at least five years after the service agreement ends. */
export const defaultArchiveRetentionYears = 5;

/** The first day a record may be purged: `years` after `serviceEndedOn` (both `YYYY-MM-DD`). */
export function retentionEndsOn(
  serviceEndedOn: string,
  years: number = defaultArchiveRetentionYears,
): string {
  const y = Number(serviceEndedOn.slice(0, 4)) + years;
  const md = serviceEndedOn.slice(5);
  // 29 February has no anniversary in most years; the retention period then runs to 1 March.
  if (md === '02-29' && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return `${y}-03-01`;
  return `${y}-${md}`;
}

/**
 * Purge needs an archived record and, if a service agreement was ever signed, the retention period
 * to have passed. `serviceEndedOn` is null for applicants who never moved in.
 */
export function canPurge(
  record: { status: ResidentStatus; serviceEndedOn: string | null },
  today: string,
  retentionYears: number = defaultArchiveRetentionYears,
): TransitionCheck {
  const check = canTransition(record.status, 'purge');
  if (!check.ok || record.serviceEndedOn === null) return check;
  const until = retentionEndsOn(record.serviceEndedOn, retentionYears);
  if (today < until) {
    return {
      ok: false,
      reason: `档案须在服务协议终止后保存至少${retentionYears}年，${until} 起才能销毁`,
    };
  }
  return check;
}

export const leaveKinds = ['outing', 'hospital'] as const;
export type LeaveKind = (typeof leaveKinds)[number];
export const leaveKindLabels: Record<LeaveKind, { zh: string; en: string }> = {
  outing: { zh: '外出', en: 'Outing' },
  hospital: { zh: '住院', en: 'In hospital' },
};

export const dischargeReasons = ['voluntary', 'transfer', 'death', 'other'] as const;
export type DischargeReason = (typeof dischargeReasons)[number];
export const dischargeReasonLabels: Record<DischargeReason, { zh: string; en: string }> = {
  voluntary: { zh: '自愿退住', en: 'Voluntary' },
  transfer: { zh: '转院', en: 'Transferred' },
  death: { zh: '死亡', en: 'Death' },
  other: { zh: '其他', en: 'Other' },
};

/** 供养类型: the basis on which a resident is supported, which drives subsidies and priority. */
export const supportTypes = [
  'social',
  'extremePoverty',
  'minimumLiving',
  'lowIncome',
  'familyPlanningSpecial',
  'other',
] as const;
export type SupportType = (typeof supportTypes)[number];
export const supportTypeLabels: Record<SupportType, { zh: string; en: string }> = {
  social: { zh: '社会老人', en: 'Self-funded' },
  extremePoverty: { zh: '特困供养', en: 'Extreme-poverty support' },
  minimumLiving: { zh: '低保', en: 'Minimum living allowance' },
  lowIncome: { zh: '低收入', en: 'Low income' },
  familyPlanningSpecial: { zh: '计生特殊家庭', en: 'Family-planning special family' },
  other: { zh: '其他', en: 'Other' },
};

/**
 * One step of the waiting-list ordering. Rules apply in sequence; each puts the listed values first,
 * in the order given, and everyone else after them.
 */
export type WaitingPriorityRule =
  | { kind: 'supportType'; first: SupportType[] }
  | { kind: 'careCategory'; first: CareCategory[] }
  | { kind: 'appliedOn' };

/** 特困 first, then 失能, then whoever applied earliest (configurable). */
export const defaultWaitingPriorityRules: WaitingPriorityRule[] = [
  { kind: 'supportType', first: ['extremePoverty'] },
  { kind: 'careCategory', first: ['dependent'] },
  { kind: 'appliedOn' },
];

export interface WaitingEntry {
  id: number;
  supportType: SupportType;
  /** From the latest ability assessment; null when not yet assessed. */
  careCategory: CareCategory | null;
  /** `YYYY-MM-DD`. */
  appliedOn: string;
}

function rank<T>(first: readonly T[], value: T | null): number {
  const i = value === null ? -1 : first.indexOf(value);
  return i === -1 ? first.length : i;
}

export function compareWaiting(
  a: WaitingEntry,
  b: WaitingEntry,
  rules: readonly WaitingPriorityRule[] = defaultWaitingPriorityRules,
): number {
  for (const rule of rules) {
    let d = 0;
    if (rule.kind === 'supportType') d = rank(rule.first, a.supportType) - rank(rule.first, b.supportType);
    else if (rule.kind === 'careCategory')
      d = rank(rule.first, a.careCategory) - rank(rule.first, b.careCategory);
    else d = a.appliedOn < b.appliedOn ? -1 : a.appliedOn > b.appliedOn ? 1 : 0;
    if (d !== 0) return d;
  }
  // Ties end on the record id so the list never reshuffles between refreshes.
  return a.id - b.id;
}

/** A new array in waiting-list order; the input is left untouched. */
export function sortWaitingList<T extends WaitingEntry>(
  entries: readonly T[],
  rules: readonly WaitingPriorityRule[] = defaultWaitingPriorityRules,
): T[] {
  return [...entries].sort((a, b) => compareWaiting(a, b, rules));
}
