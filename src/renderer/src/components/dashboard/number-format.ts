import Decimal from 'decimal.js';

/** Groups the integer part of a plain decimal string in thousands (`12345.6` → `12,345.6`). */
function group(text: string): string {
  const negative = text.startsWith('-');
  const [int = '', frac] = (negative ? text.slice(1) : text).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

/**
 * A decimal string (USDC, price or base units) for display with exactly
 * `decimals` decimals (the market's price or size decimals, 2 for USDC),
 * rounded half-up, thousands grouped; `—` for null, empty or not a number.
 * With `signed`, a positive value gets a leading `+` (PnL).
 */
export function formatFixed(value: string | null | undefined, decimals: number, opts: { signed?: boolean } = {}): string {
  if (value === null || value === undefined || value === '') return '—';
  let d: Decimal;
  try {
    d = new Decimal(value);
  } catch {
    return '—';
  }
  const text = group(d.toFixed(Math.max(0, Math.floor(decimals)), Decimal.ROUND_HALF_UP));
  return opts.signed && d.gt(0) && !/^[0.,]+$/.test(text) ? `+${text}` : text;
}

/** A USDC amount with 2 decimals (`formatFixed(value, 2)`). */
export function formatUsdc(value: string | null | undefined, opts: { signed?: boolean } = {}): string {
  return formatFixed(value, 2, opts);
}

/** Σ of decimal strings, exactly (decimal.js), as a decimal string; `null` for an empty list. */
export function sumDecimals(values: readonly string[]): string | null {
  if (values.length === 0) return null;
  return values.reduce((s, v) => s.plus(v), new Decimal(0)).toFixed();
}
