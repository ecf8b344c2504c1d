const formats = new Map<string, Intl.DateTimeFormat>();

/** `2026-03-08 01:59:47` straight from Intl: the reference the core's own zone arithmetic is checked against. */
export function intlStamp(ms: number, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('sv-SE', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  return format.format(new Date(ms));
}
