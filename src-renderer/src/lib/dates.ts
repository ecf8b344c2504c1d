import dayjs from 'dayjs';
import { serverNow } from './server-clock';

/** Today's date on the server's clock as `YYYY-MM-DD`, the default for business-date fields. */
export function todayLocal(): string {
  return dayjs(serverNow()).format('YYYY-MM-DD');
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return dayjs(to).diff(dayjs(from), 'day');
}

/** Date picker values travel as dayjs; the contract wants `YYYY-MM-DD` strings. */
export function toDateString(value: dayjs.Dayjs | null | undefined): string | undefined {
  return value ? value.format('YYYY-MM-DD') : undefined;
}

export function fromDateString(value: string | null | undefined): dayjs.Dayjs | undefined {
  return value ? dayjs(value) : undefined;
}

/** Now on the server's clock, as dayjs: the default for date pickers ("today"). */
export function serverDay(): dayjs.Dayjs {
  return dayjs(serverNow());
}
