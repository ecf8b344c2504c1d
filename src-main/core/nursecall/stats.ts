import type { ResponseStats } from '../../shared/contract/nursecall';

/**
 * The p-th percentile (0–1) by linear interpolation between closest ranks: Excel's PERCENTILE.INC
 * and numpy's default, so a head nurse can check any figure with a spreadsheet. Null when empty.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  if (p < 0 || p > 1 || Number.isNaN(p)) throw new RangeError(`percentile must be within 0..1, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const low = sorted[lower]!;
  return low + (sorted[upper]! - low) * (rank - lower);
}

export function median(values: readonly number[]): number | null {
  return percentile(values, 0.5);
}

/** Milliseconds to seconds with one decimal, the precision the screens and Excel show. */
export function toSeconds(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms / 100) / 10;
}

export interface Shift {
  name: string;
  /** `HH:mm`, local. */
  start: string;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The shift a local time of day falls in: the one that started most recently. Before the earliest
 * start of the day, the last shift of the previous evening is still on (a night shift from 23:00).
 */
export function shiftAt(minuteOfDay: number, shifts: readonly Shift[]): Shift | null {
  if (shifts.length === 0) return null;
  const ordered = [...shifts].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
  let current = ordered[ordered.length - 1]!;
  for (const shift of ordered) {
    if (minutesOf(shift.start) <= minuteOfDay) current = shift;
  }
  return current;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

/** Local date and minute of day of an instant in an IANA time zone. */
export function localParts(at: Date, timeZone: string): { date: string; minuteOfDay: number } {
  let fmt = partsFormatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    partsFormatters.set(timeZone, fmt);
  }
  const get = (parts: Intl.DateTimeFormatPart[], type: string) =>
    parts.find((p) => p.type === type)?.value ?? '';
  const parts = fmt.formatToParts(at);
  return {
    date: `${get(parts, 'year')}-${get(parts, 'month')}-${get(parts, 'day')}`,
    minuteOfDay: Number(get(parts, 'hour')) * 60 + Number(get(parts, 'minute')),
  };
}

/** One call's durations; null while it has not been acknowledged / cleared. */
export interface Durations {
  ackMs: number | null;
  clearMs: number | null;
}

export function responseStats(key: string, label: string, calls: readonly Durations[]): ResponseStats {
  const ack = calls.flatMap((c) => (c.ackMs === null ? [] : [c.ackMs]));
  const clear = calls.flatMap((c) => (c.clearMs === null ? [] : [c.clearMs]));
  return {
    key,
    label,
    calls: calls.length,
    ackMedianSeconds: toSeconds(median(ack)),
    ackP90Seconds: toSeconds(percentile(ack, 0.9)),
    clearMedianSeconds: toSeconds(median(clear)),
    clearP90Seconds: toSeconds(percentile(clear, 0.9)),
  };
}

/** Groups items by key, keeping the first label seen, in key order given by `order`. */
export function groupStats<T extends Durations>(
  items: readonly T[],
  keyOf: (item: T) => { key: string; label: string } | null,
  order: (a: string, b: string) => number = (a, b) => a.localeCompare(b),
): ResponseStats[] {
  const groups = new Map<string, { label: string; items: T[] }>();
  for (const item of items) {
    const k = keyOf(item);
    if (!k) continue;
    let group = groups.get(k.key);
    if (!group) {
      group = { label: k.label, items: [] };
      groups.set(k.key, group);
    }
    group.items.push(item);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => order(a, b))
    .map(([key, g]) => responseStats(key, g.label, g.items));
}
