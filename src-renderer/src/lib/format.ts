import dayjs from 'dayjs';

/** 24-hour local time, the format every screen shares. */
export function formatDateTime(iso: string): string {
  return dayjs(iso).format('YYYY-MM-DD HH:mm');
}

export function formatDate(iso: string): string {
  return dayjs(iso).format('YYYY-MM-DD');
}

/** `¥1,234.50` from integer 分; negatives keep their minus sign. */
export function formatMoney(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}¥${yuan}.${String(abs % 100).padStart(2, '0')}`;
}
