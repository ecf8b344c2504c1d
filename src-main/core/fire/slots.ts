import type { FireCadence, SlotStatus } from '../../shared/contract/fire';
import { localDate } from '../clock';
import { fromWallClock as convert } from '../platform/slots';

// Each conversion formats the instant twice with Intl (about 20 µs); a month's schedule asks for the
// same few hundred wall times again and again. Bounded so a long-running server cannot grow it.
const converted = new Map<string, Date>();
function fromWallClock(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
): Date {
  const key = `${timeZone} ${year} ${month} ${day} ${hour} ${minute}`;
  let at = converted.get(key);
  if (!at) {
    if (converted.size >= 20_000) converted.clear();
    at = convert(timeZone, year, month, day, hour, minute);
    converted.set(key, at);
  }
  return new Date(at.getTime());
}

/** One due window of a template: a patrol slot, or a month / half-year / year. */
export interface Window {
  start: Date;
  end: Date;
  night: boolean;
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

const dayParts = (date: string) => date.split('-').map(Number) as [number, number, number];

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Local midnight of `date` in `timeZone`. */
export function startOfDay(date: string, timeZone: string): Date {
  const [y, m, d] = dayParts(date);
  return fromWallClock(timeZone, y, m, d);
}

function isNight(minute: number, nightFrom: string, nightTo: string): boolean {
  const from = minutesOf(nightFrom);
  const to = minutesOf(nightTo);
  return from > to ? minute >= from || minute < to : minute >= from && minute < to;
}

/**
 * Patrol slots whose start lies in [from, to). Slots are laid on each local day's wall clock
 * (anchored at `startAt`, every `hours`), so a day with a daylight change has a longer or shorter
 * slot rather than a shifted grid; each slot ends where the next begins, across midnight too.
 */
export function patrolWindows(
  cadence: Extract<FireCadence, { every: 'slots' }>,
  from: Date,
  to: Date,
  timeZone: string,
): Window[] {
  const step = cadence.hours * 60;
  const first = minutesOf(cadence.startAt) % step;
  const minutes: number[] = [];
  for (let m = first; m < 1440; m += step) minutes.push(m);
  const starts: Array<{ at: Date; minute: number }> = [];
  // A day either side: the slot running at `from` may have started the day before, and the last
  // slot's end is the next day's first start.
  let day = addDays(localDate(from, timeZone), -1);
  const lastDay = addDays(localDate(to, timeZone), 1);
  while (day <= lastDay) {
    const [y, mo, d] = dayParts(day);
    for (const minute of minutes) {
      starts.push({ at: fromWallClock(timeZone, y, mo, d, Math.floor(minute / 60), minute % 60), minute });
    }
    day = addDays(day, 1);
  }
  starts.sort((a, b) => a.at.getTime() - b.at.getTime());
  // A wall time that does not exist (spring forward) can land on the next slot's instant.
  const unique = starts.filter((s, i) => i === 0 || s.at.getTime() !== starts[i - 1]!.at.getTime());
  const out: Window[] = [];
  for (let i = 0; i + 1 < unique.length; i++) {
    const s = unique[i]!;
    if (s.at.getTime() < from.getTime() || s.at.getTime() >= to.getTime()) continue;
    out.push({
      start: s.at,
      end: unique[i + 1]!.at,
      night: isNight(s.minute, cadence.nightFrom, cadence.nightTo),
    });
  }
  return out;
}

const monthsPer: Record<'month' | 'halfYear' | 'year', number> = { month: 1, halfYear: 6, year: 12 };

/** Calendar periods (local time) that overlap [from, to). */
export function periodWindows(
  every: 'month' | 'halfYear' | 'year',
  from: Date,
  to: Date,
  timeZone: string,
): Window[] {
  const span = monthsPer[every];
  const [fy, fm] = dayParts(localDate(from, timeZone));
  let index = fy * 12 + Math.floor((fm - 1) / span) * span;
  const out: Window[] = [];
  for (;;) {
    const start = fromWallClock(timeZone, Math.floor(index / 12), (index % 12) + 1, 1);
    const next = index + span;
    const end = fromWallClock(timeZone, Math.floor(next / 12), (next % 12) + 1, 1);
    if (start.getTime() >= to.getTime()) break;
    if (end.getTime() > from.getTime()) out.push({ start, end, night: false });
    index = next;
  }
  return out;
}

export function windowsOf(cadence: FireCadence, from: Date, to: Date, timeZone: string): Window[] {
  return cadence.every === 'slots'
    ? patrolWindows(cadence, from, to, timeZone)
    : periodWindows(cadence.every, from, to, timeZone);
}

/** The window of `cadence` that contains `at`. */
export function windowAt(cadence: FireCadence, at: Date, timeZone: string): Window | undefined {
  const day = 86_400_000;
  return windowsOf(
    cadence,
    new Date(at.getTime() - (cadence.every === 'slots' ? day : 400 * day)),
    new Date(at.getTime() + 1),
    timeZone,
  ).find((w) => w.start.getTime() <= at.getTime() && at.getTime() < w.end.getTime());
}

/** The window of `cadence` that starts exactly at `start`, if there is one. */
export function windowStartingAt(cadence: FireCadence, start: Date, timeZone: string): Window | undefined {
  return windowAt(cadence, start, timeZone)?.start.getTime() === start.getTime()
    ? windowAt(cadence, start, timeZone)
    : undefined;
}

export interface SlotRecord {
  id: number;
  performedAt: Date;
}

/**
 * A window's status at `now` from the records made for it: done inside it wins, then late (after it
 * ended); without a record it is upcoming, open, or missed once it has ended.
 */
export function statusOf(
  window: Window,
  records: readonly SlotRecord[],
  now: Date,
): { status: SlotStatus; recordId?: number } {
  const inTime = records.find(
    (r) =>
      r.performedAt.getTime() >= window.start.getTime() && r.performedAt.getTime() < window.end.getTime(),
  );
  if (inTime) return { status: 'done', recordId: inTime.id };
  const late = records.find((r) => r.performedAt.getTime() >= window.end.getTime());
  if (late) return { status: 'late', recordId: late.id };
  if (now.getTime() < window.start.getTime()) return { status: 'upcoming' };
  if (now.getTime() < window.end.getTime()) return { status: 'open' };
  return { status: 'missed' };
}
