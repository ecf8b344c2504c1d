import type { ResponseStats } from '../../shared/contract/nursecall';
import { localDate, wallClock } from '../clock';

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

/** `percentile` of values already sorted ascending. */
function sortedPercentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = p * (sorted.length - 1);
  const lower = Math.floor(rank);
  const low = sorted[lower]!;
  return low + (sorted[Math.ceil(rank)]! - low) * (rank - lower);
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

/** Local date and minute of day of an instant in an IANA time zone. */
export function localParts(at: Date, timeZone: string): { date: string; minuteOfDay: number } {
  const w = wallClock(at, timeZone);
  return { date: localDate(at, timeZone), minuteOfDay: w.hour * 60 + w.minute };
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

/**
 * Local date, minute of day and `YYYY-MM-DD HH:mm:ss` stamps of many instants in one time zone,
 * asking Intl once per UTC hour: zones change their offset on whole UTC hours, and formatting
 * each of a quarter's 100,000 timestamps was a large share of an export.
 */
export function createZoneClock(timeZone: string) {
  const offsets = new Map<number, number>();
  const offsetAt = (ms: number): number => {
    const hour = Math.floor(ms / 3_600_000);
    let offset = offsets.get(hour);
    if (offset === undefined) {
      const at = new Date(hour * 3_600_000);
      const { date, minuteOfDay } = localParts(at, timeZone);
      offset = Date.parse(`${date}T00:00:00Z`) + minuteOfDay * 60_000 - at.getTime();
      offsets.set(hour, offset);
    }
    return offset;
  };
  const wall = (ms: number) => new Date(ms + offsetAt(ms)).toISOString();
  return {
    parts(ms: number): { date: string; minuteOfDay: number } {
      const iso = wall(ms);
      return {
        date: iso.slice(0, 10),
        minuteOfDay: Number(iso.slice(11, 13)) * 60 + Number(iso.slice(14, 16)),
      };
    },
    /** `YYYY-MM-DD HH:mm:ss`, local. */
    stamp(ms: number): string {
      const iso = wall(ms);
      return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
    },
  };
}

/** Durations of a group of calls, collected as they are read. */
export class DurationGroup {
  calls = 0;
  private ack: number[] = [];
  private clear: number[] = [];
  constructor(readonly label: string) {}

  add(d: Durations): void {
    this.calls += 1;
    if (d.ackMs !== null) this.ack.push(d.ackMs);
    if (d.clearMs !== null) this.clear.push(d.clearMs);
  }

  stats(key: string): ResponseStats {
    // Sorted once as numbers: `percentile` copies and sorts again for each figure.
    const ack = Float64Array.from(this.ack).sort();
    const clear = Float64Array.from(this.clear).sort();
    return {
      key,
      label: this.label,
      calls: this.calls,
      ackMedianSeconds: toSeconds(sortedPercentile(ack, 0.5)),
      ackP90Seconds: toSeconds(sortedPercentile(ack, 0.9)),
      clearMedianSeconds: toSeconds(sortedPercentile(clear, 0.5)),
      clearP90Seconds: toSeconds(sortedPercentile(clear, 0.9)),
    };
  }
}

/** Groups by key as calls are read; `stats` orders them by key like `groupStats`. */
export class GroupedDurations {
  private groups = new Map<string, DurationGroup>();
  add(key: string, label: string, d: Durations): void {
    let group = this.groups.get(key);
    if (!group) {
      group = new DurationGroup(label);
      this.groups.set(key, group);
    }
    group.add(d);
  }
  /** Yields to the event loop between groups: a quarter's groups hold ~100,000 durations each. */
  async stats(
    order: (a: string, b: string) => number = (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  ): Promise<ResponseStats[]> {
    const out: ResponseStats[] = [];
    for (const [key, g] of [...this.groups.entries()].sort(([a], [b]) => order(a, b))) {
      out.push(g.stats(key));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return out;
  }
}
