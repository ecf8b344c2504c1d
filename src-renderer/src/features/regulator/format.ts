import dayjs from 'dayjs';
import { serverDay } from '../../lib/dates';

export const formatTime = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

/** The period a user most likely means: last month, or yesterday. */
export function defaultPeriod(kind: 'monthly' | 'daily'): string {
  return kind === 'monthly'
    ? serverDay().subtract(1, 'month').format('YYYY-MM')
    : serverDay().subtract(1, 'day').format('YYYY-MM-DD');
}
