/** Money at the edge: integer 分 in, ¥ text out, and typed yuan back to exact 分. */

/** ¥1,234.56 from 分; the sign in front. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}¥${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

/** Yuan typed by a person → integer 分, exactly (no floating-point drift: "0.29" is 29 分). */
export function fenOf(yuanText: string | number | null | undefined): number | null {
  if (yuanText === null || yuanText === undefined || yuanText === '') return null;
  const text = String(yuanText).trim();
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return null;
  const [int, dec = ''] = text.split('.');
  return Number(int) * 100 + Number(dec.padEnd(2, '0'));
}
