/** A duration as `1h 02m 03s`, `2m 03s` or `3.4s` (null → `—`). */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  const clamped = Math.max(0, ms);
  if (clamped < 60_000) return `${(clamped / 1000).toFixed(1)}s`;
  const total = Math.round(clamped / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}h ${pad(m)}m ${pad(s)}s` : `${m}m ${pad(s)}s`;
}

/** A decimal string rounded for display (at most `digits` decimals, trailing zeros dropped). */
export function formatDecimal(value: string | null | undefined, digits = 2): string {
  if (value === null || value === undefined || value === '') return '—';
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, useGrouping: false });
}

/** `part / whole` as a percentage 0–100 for a progress bar (0 when whole is 0 or missing). */
export function percent(part: string | null | undefined, whole: string | null | undefined): number {
  const p = Number(part ?? 0);
  const w = Number(whole ?? 0);
  if (!Number.isFinite(p) || !Number.isFinite(w) || w <= 0) return 0;
  return Math.min(100, Math.max(0, (p / w) * 100));
}

/** Whether |uncovered| exceeds the bound (decimal strings). */
export function overBound(uncovered: string, bound: string): boolean {
  return Math.abs(Number(uncovered)) > Math.abs(Number(bound));
}

/** One line of the exposure chart: its symbol and points (at, value). */
export interface ChartSeries {
  symbol: string;
  points: { at: number; value: number }[];
}

/** The exposure series grouped by symbol, signed net notional (sign of the net size). */
export function exposureSeriesBySymbol(series: readonly { symbol: string; at: number; netSize: string; netNotional: string }[]): ChartSeries[] {
  const bySymbol = new Map<string, ChartSeries>();
  for (const s of series) {
    let line = bySymbol.get(s.symbol);
    if (!line) bySymbol.set(s.symbol, (line = { symbol: s.symbol, points: [] }));
    const sign = Number(s.netSize) < 0 ? -1 : 1;
    line.points.push({ at: s.at, value: sign * Math.abs(Number(s.netNotional)) });
  }
  for (const line of bySymbol.values()) line.points.sort((a, b) => a.at - b.at);
  return [...bySymbol.values()];
}
