import {
  addDays,
  daysBetween,
  daysInMonth,
  firstOfMonth,
  nextMonthStart,
} from '../../shared/contract/billing/dates';
import type {
  AppliesTo,
  BillLine,
  BillingConfig,
  FeeKind,
  FeeUnit,
} from '../../shared/contract/billing/types';

/** A fee item with its dated prices (each in force from its date until the next one). */
export interface PricedItem {
  code: string;
  name: string;
  kind: FeeKind;
  unit: FeeUnit;
  appliesTo: AppliesTo;
  prices: Array<{ from: string; amountFen: number }>;
}

/** What the residents module knows about one resident's month. Periods are [from, to), to null = open. */
export interface ResidenceFacts {
  stays: Array<{ from: string; to: string | null; roomClass: string }>;
  grades: Array<{ from: string; to: string | null; grade: string | null }>;
  /** Departure and return dates; `end` null while away with no known return. */
  leaves: Array<{ start: string; end: string | null }>;
}

export type ProRateRules = Pick<
  BillingConfig,
  'proRate' | 'leaveThresholdDays' | 'leaveReducedKinds' | 'leaveMode'
>;

/** Round half up to the 分: `num ÷ den` for non-negative integers, exact (no floating point). */
export function roundHalfUp(num: number, den: number): number {
  const q = Math.floor(num / den);
  const r = num - q * den;
  return 2 * r >= den ? q + 1 : q;
}

/**
 * A monthly fee for `billedDays` of `month`: the whole amount for a whole month, otherwise
 * round(monthly × billedDays ÷ base), rounded once.
 */
export function proRated(
  monthlyFen: number,
  billedDays: number,
  month: string,
  proRate: BillingConfig['proRate'],
): { amountFen: number; base: number } {
  const inMonth = daysInMonth(month);
  const base = proRate === 'thirtyDays' ? 30 : inMonth;
  if (billedDays >= inMonth) return { amountFen: monthlyFen, base };
  return { amountFen: roundHalfUp(monthlyFen * billedDays, base), base };
}

const dayLists = new Map<string, readonly string[]>();
/** The dates in [start, end), kept: every resident of a run walks the same month. */
function daysOf(start: string, end: string): readonly string[] {
  const key = `${start}/${end}`;
  let list = dayLists.get(key);
  if (!list) {
    const out: string[] = [];
    for (let d = start; d < end; d = addDays(d, 1)) out.push(d);
    list = out;
    if (dayLists.size > 100) dayLists.clear();
    dayLists.set(key, list);
  }
  return list;
}

function inPeriod(day: string, p: { from: string; to: string | null }): boolean {
  return p.from <= day && (p.to === null || day < p.to);
}

/**
 * The days a long leave does not bill the reduced kinds. Full days are those strictly between
 * departure and return; a leave still open with no known return counts as longer than any
 * threshold, since the resident is away past the end of what is billed.
 */
export function leaveExcludedDays(
  leave: { start: string; end: string | null },
  rules: Pick<ProRateRules, 'leaveThresholdDays' | 'leaveMode'>,
  window: { from: string; to: string },
): Set<string> {
  const out = new Set<string>();
  const firstFull = addDays(leave.start, 1);
  const fullCount = leave.end === null ? Infinity : Math.max(0, daysBetween(firstFull, leave.end));
  if (!(fullCount > rules.leaveThresholdDays)) return out;
  const from =
    rules.leaveMode === 'beyondThreshold' ? addDays(firstFull, rules.leaveThresholdDays) : firstFull;
  for (let d = from < window.from ? window.from : from; d < window.to; d = addDays(d, 1)) {
    if (leave.end !== null && d >= leave.end) break;
    out.add(d);
  }
  return out;
}

function applies(item: PricedItem, roomClass: string, grade: string | null): boolean {
  const a = item.appliesTo;
  if ('all' in a) return true;
  if ('roomClass' in a) return a.roomClass === roomClass;
  return grade !== null && a.careGrade === grade;
}

function priceOn(item: PricedItem, day: string): number | null {
  let price: number | null = null;
  for (const p of item.prices) if (p.from <= day) price = p.amountFen;
  return price;
}

/** Kinds billed by the monthly run; one-off and pass-through amounts come from charges. */
const runKinds: ReadonlySet<FeeKind> = new Set(['bed', 'care', 'meal', 'service']);

/**
 * A resident's fee lines for `month`, before payers. A day is billed when the resident holds a bed
 * at its end (admission day billed, discharge day not). Each item gives one line per run of days it
 * applies at one price (a grade change gives two care lines); leave days reduce a line's billed days
 * without splitting it. `until` (exclusive) cuts the month short, e.g. at a discharge settlement.
 */
export function monthLines(
  month: string,
  items: readonly PricedItem[],
  facts: ResidenceFacts,
  rules: ProRateRules,
  until?: string,
): Omit<BillLine, 'payerShares'>[] {
  const start = firstOfMonth(month);
  const end = until !== undefined && until < nextMonthStart(month) ? until : nextMonthStart(month);
  const excluded = new Set<string>();
  for (const leave of facts.leaves) {
    for (const d of leaveExcludedDays(leave, rules, { from: start, to: end })) excluded.add(d);
  }
  const reduced = new Set(rules.leaveReducedKinds);
  const open = new Map<string, { line: Omit<BillLine, 'payerShares'>; last: number }>();
  const done: Array<Omit<BillLine, 'payerShares'>> = [];
  const billable = items.filter((i) => runKinds.has(i.kind) && i.unit !== 'once');

  const days = daysOf(start, end);
  for (let index = 0; index < days.length; index += 1) {
    const day = days[index]!;
    const stay = facts.stays.find((s) => inPeriod(day, s));
    if (!stay) continue;
    const grade = facts.grades.find((g) => inPeriod(day, g))?.grade ?? null;
    for (const item of billable) {
      if (!applies(item, stay.roomClass, grade)) continue;
      const rate = priceOn(item, day);
      if (rate === null) continue;
      const key = item.code;
      let current = open.get(key);
      if (current && (current.line.rateFen !== rate || current.last !== index - 1)) {
        done.push(current.line);
        current = undefined;
      }
      if (!current) {
        current = {
          line: {
            item: item.code,
            name: item.name,
            kind: item.kind,
            from: day,
            to: day,
            billedDays: 0,
            base: null,
            rateFen: rate,
            unit: item.unit,
            amountFen: 0,
          },
          last: index,
        };
        open.set(key, current);
      }
      current.last = index;
      current.line.to = day;
      if (!(reduced.has(item.kind) && excluded.has(day))) current.line.billedDays! += 1;
    }
  }
  done.push(...[...open.values()].map((o) => o.line));
  done.sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind) || a.from.localeCompare(b.from));
  for (const line of done) {
    if (line.unit === 'month') {
      const { amountFen, base } = proRated(line.rateFen, line.billedDays!, month, rules.proRate);
      line.amountFen = amountFen;
      line.base = base;
    } else {
      line.amountFen = line.rateFen * line.billedDays!;
    }
  }
  return done;
}

const order: FeeKind[] = ['bed', 'care', 'meal', 'service', 'passThrough'];
function kindOrder(kind: FeeKind): number {
  return order.indexOf(kind);
}

/** Days in `month` (before `until`) on which the resident held a bed. */
export function residenceDays(month: string, facts: ResidenceFacts, until?: string): number {
  const start = firstOfMonth(month);
  const end = until !== undefined && until < nextMonthStart(month) ? until : nextMonthStart(month);
  let n = 0;
  for (let day = start; day < end; day = addDays(day, 1))
    if (facts.stays.some((s) => inPeriod(day, s))) n += 1;
  return n;
}
