/** Calendar arithmetic on local `YYYY-MM-DD` dates, done in UTC so no time zone can shift a day. */

const DAY_MS = 86_400_000;

/** The day after each date asked for: a month's run walks ~30 days for each of 1,000 residents. */
const nextDay = new Map<string, string>();

export function addDays(date: string, days: number): string {
  if (days === 1) {
    const known = nextDay.get(date);
    if (known !== undefined) return known;
  }
  const out = new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
  if (days === 1) {
    if (nextDay.size > 50_000) nextDay.clear();
    nextDay.set(date, out);
  }
  return out;
}

/** Whole days from `from` to `to` (to − from). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function firstOfMonth(month: string): string {
  return `${month}-01`;
}

/** The first day of the month after `month`. */
export function nextMonthStart(month: string): string {
  return addDays(firstOfMonth(month), daysInMonth(month));
}

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function addMonthsTo(month: string, months: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The last day of `month`. */
export function lastOfMonth(month: string): string {
  return addDays(nextMonthStart(month), -1);
}
