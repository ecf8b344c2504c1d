import { wallClock } from '../clock';
import type { JobSchedule } from '../module';

export { wallClock } from '../clock';

/** The instant when the wall clock in `timeZone` shows the given local time. */
export function fromWallClock(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
): Date {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  let guess = asUtc;
  // Two passes settle the offset, including around a daylight-saving change where one exists.
  for (let i = 0; i < 2; i++) {
    const w = wallClock(new Date(guess), timeZone);
    const shown = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
    guess += asUtc - shown;
  }
  return new Date(guess);
}

const parseAt = (at: string) => {
  const [h, m] = at.split(':').map(Number);
  return { hour: h ?? 0, minute: m ?? 0 };
};

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The latest slot of `schedule` at or before `now`. */
export function latestSlot(schedule: JobSchedule, now: Date, timeZone: string): Date {
  const w = wallClock(now, timeZone);
  switch (schedule.every) {
    case 'day': {
      const { hour, minute } = parseAt(schedule.at);
      const today = fromWallClock(timeZone, w.year, w.month, w.day, hour, minute);
      if (today.getTime() <= now.getTime()) return today;
      const y = new Date(Date.UTC(w.year, w.month - 1, w.day - 1));
      return fromWallClock(timeZone, y.getUTCFullYear(), y.getUTCMonth() + 1, y.getUTCDate(), hour, minute);
    }
    case 'hours':
    case 'minutes': {
      const stepMinutes = schedule.every === 'hours' ? schedule.hours * 60 : schedule.minutes;
      const midnight = fromWallClock(timeZone, w.year, w.month, w.day);
      const sinceMidnight = Math.floor((now.getTime() - midnight.getTime()) / 60_000);
      return new Date(midnight.getTime() + Math.floor(sinceMidnight / stepMinutes) * stepMinutes * 60_000);
    }
    case 'month': {
      const { hour, minute } = parseAt(schedule.at);
      const inMonth = (year: number, month: number) =>
        fromWallClock(timeZone, year, month, Math.min(schedule.day, daysInMonth(year, month)), hour, minute);
      const thisMonth = inMonth(w.year, w.month);
      if (thisMonth.getTime() <= now.getTime()) return thisMonth;
      return w.month === 1 ? inMonth(w.year - 1, 12) : inMonth(w.year, w.month - 1);
    }
  }
}

/** The first slot strictly after `after`. */
export function nextSlot(schedule: JobSchedule, after: Date, timeZone: string): Date {
  // Probe ahead and walk back to the earliest slot after `after`. One step of an hourly or minutely
  // schedule ahead always holds the next slot (it restarts at midnight, which is sooner still): a
  // day ahead meant walking back up to 1,440 slots, ~2 ms for the scheduler's list on every alert read.
  const day = 86_400_000;
  const horizons =
    schedule.every === 'month'
      ? [32 * day, 64 * day]
      : schedule.every === 'day'
        ? [day, 2 * day]
        : [(schedule.every === 'hours' ? schedule.hours * 60 : schedule.minutes) * 60_000, 2 * day];
  for (const ahead of horizons) {
    const probe = latestSlot(schedule, new Date(after.getTime() + ahead), timeZone);
    if (probe.getTime() > after.getTime()) {
      // Walk back to the earliest slot after `after`.
      let candidate = probe;
      for (;;) {
        const previous = latestSlot(schedule, new Date(candidate.getTime() - 1), timeZone);
        if (previous.getTime() <= after.getTime()) return candidate;
        candidate = previous;
      }
    }
  }
  throw new Error('no next slot found');
}

/** How many slots fall in (from, to]: 1 when `to` is the next slot after `from`. */
export function slotsBetween(schedule: JobSchedule, from: Date, to: Date, timeZone: string): number {
  if (schedule.every === 'hours' || schedule.every === 'minutes') {
    const step = (schedule.every === 'hours' ? schedule.hours * 60 : schedule.minutes) * 60_000;
    return Math.max(0, Math.round((to.getTime() - from.getTime()) / step));
  }
  let count = 0;
  let cursor = to;
  while (cursor.getTime() > from.getTime() && count < 100_000) {
    count += 1;
    cursor = latestSlot(schedule, new Date(cursor.getTime() - 1), timeZone);
  }
  return count;
}

export function describeSchedule(schedule: JobSchedule): string {
  switch (schedule.every) {
    case 'day':
      return `每天 ${schedule.at}`;
    case 'hours':
      return `每 ${schedule.hours} 小时`;
    case 'minutes':
      return `每 ${schedule.minutes} 分钟`;
    case 'month':
      return `每月 ${schedule.day} 日 ${schedule.at}`;
  }
}
