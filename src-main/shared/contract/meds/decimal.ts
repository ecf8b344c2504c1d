/**
 * Exact decimal quantities for doses and stock. A quantity travels as a decimal string ("0.5",
 * "28.5") and is kept as an integer count of ten-thousandths, so thirty tablets less three half
 * tablets is exactly 28.5: binary floating point would drift after enough receive/give cycles.
 */
export const DECIMAL_PLACES = 4;
export const DECIMAL_SCALE = 10_000;

const pattern = /^(\d{1,9})(?:\.(\d{1,4}))?$/;

/** "2.25" → 22500; null when the text is not a non-negative decimal with at most four places. */
export function parseDecimal(text: string): number | null {
  const match = pattern.exec(text.trim());
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? '').padEnd(DECIMAL_PLACES, '0'));
  return whole * DECIMAL_SCALE + fraction;
}

/** 285000 → "28.5"; negative amounts keep their sign ("-1.5"); no trailing zeros. */
export function formatDecimal(units: number): string {
  if (!Number.isSafeInteger(units)) throw new Error(`not a scaled decimal: ${units}`);
  const sign = units < 0 ? '-' : '';
  const abs = Math.abs(units);
  const whole = Math.floor(abs / DECIMAL_SCALE);
  const fraction = String(abs % DECIMAL_SCALE)
    .padStart(DECIMAL_PLACES, '0')
    .replace(/0+$/, '');
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** Whole-number ratio, e.g. how many days of doses a stock lasts: floor(a / b). */
export function decimalDiv(a: number, b: number): number {
  return b === 0 ? Infinity : Math.floor(a / b);
}
