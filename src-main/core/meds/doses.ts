import type { OrderSchedule } from '../../shared/contract/meds';
import { fromWallClock } from '../platform/slots';

/** What dose generation needs of an order and its versions. */
export interface OrderTerms {
  orderId: number;
  startOn: string;
  /** A stop takes effect at this instant: doses due at or after it are not given. */
  stoppedAt: string | null;
  versions: Array<{
    version: number;
    /** null for the first version (in force from `startOn`). */
    effectiveFrom: string | null;
    schedule: OrderSchedule;
    endOn: string | null;
    doseE4: number;
  }>;
}

export interface ScheduledDose {
  doseId: string;
  orderId: number;
  version: number;
  date: string;
  time: string;
  dueAt: string;
  doseE4: number;
}

export const doseIdOf = (orderId: number, date: string, time: string) => `${orderId}@${date}T${time}`;

/** `12@2026-12-01T08:00` → its parts; null for anything else. */
export function parseDoseId(doseId: string): { orderId: number; date: string; time: string } | null {
  const m = /^(\d+)@(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(doseId);
  if (!m) return null;
  return { orderId: Number(m[1]), date: m[2]!, time: m[3]! };
}

/**
 * Converts local dose times of one day to instants, once per time: a day's MAR for a large home
 * asks for the same few times thousands of times. Keyed by date, then time, so a lookup builds no
 * key string (a month's regulator summary asks 300,000 times).
 */
export function instantCache(timeZone: string) {
  const byDate = new Map<string, Map<string, string>>();
  return (date: string, time: string): string => {
    let day = byDate.get(date);
    if (day === undefined) {
      day = new Map();
      byDate.set(date, day);
    }
    let value = day.get(time);
    if (value === undefined) {
      const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
      const [h, mi] = time.split(':').map(Number) as [number, number];
      value = fromWallClock(timeZone, y, mo, d, h, mi).toISOString();
      day.set(time, value);
    }
    return value;
  };
}

type Version = OrderTerms['versions'][number];

/** Versions in order and each one's times sorted, worked out once per loaded order. */
const sortedTerms = new WeakMap<OrderTerms, Array<{ version: Version; times: string[] }>>();
function termsOf(order: OrderTerms) {
  let terms = sortedTerms.get(order);
  if (!terms) {
    terms = [...order.versions]
      .sort((a, b) => a.version - b.version)
      .map((version) => ({
        version,
        times: 'times' in version.schedule ? [...version.schedule.times].sort() : [],
      }));
    sortedTerms.set(order, terms);
  }
  return terms;
}

/**
 * Calls `visit` for each scheduled dose of one order on one local date, in version then time order.
 * Each version governs the doses due from its `effectiveFrom` until the next version's; the order's
 * start date, each version's end date and a stop bound them. PRN versions have no scheduled doses.
 */
export function eachDoseOn(
  order: OrderTerms,
  date: string,
  toInstant: (date: string, time: string) => string,
  visit: (version: Version, time: string, dueAt: string) => void,
): void {
  if (date < order.startOn) return;
  const terms = termsOf(order);
  for (let i = 0; i < terms.length; i++) {
    const { version: v, times } = terms[i]!;
    if (times.length === 0) continue;
    if (v.endOn !== null && date > v.endOn) continue;
    const from = v.effectiveFrom;
    const until = terms[i + 1]?.version.effectiveFrom ?? null;
    for (const time of times) {
      const dueAt = toInstant(date, time);
      if (from !== null && dueAt < from) continue;
      if (until !== null && dueAt >= until) continue;
      if (order.stoppedAt !== null && dueAt >= order.stoppedAt) continue;
      visit(v, time, dueAt);
    }
  }
}

/** The scheduled doses of one order on one local date, by due time (see `eachDoseOn`). */
export function dosesOn(
  order: OrderTerms,
  date: string,
  toInstant: (date: string, time: string) => string,
): ScheduledDose[] {
  const out: ScheduledDose[] = [];
  eachDoseOn(order, date, toInstant, (v, time, dueAt) =>
    out.push({
      doseId: doseIdOf(order.orderId, date, time),
      orderId: order.orderId,
      version: v.version,
      date,
      time,
      dueAt,
      doseE4: v.doseE4,
    }),
  );
  return out.sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0));
}

/** The state of a dose with no record: still to give, or missed once its window has closed. */
export function openStatus(windowTo: string, now: Date): 'due' | 'missed' {
  return now.getTime() > Date.parse(windowTo) ? 'missed' : 'due';
}

export const shiftMinutes = (iso: string, minutes: number) =>
  new Date(Date.parse(iso) + minutes * 60_000).toISOString();

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
