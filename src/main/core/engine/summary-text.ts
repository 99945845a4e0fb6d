import Decimal from 'decimal.js';
import type { RunSummary, SummaryLine } from '../../../shared/schemas/runs';

const COLUMNS: { title: string; value: (l: SummaryLine) => string }[] = [
  { title: 'fills', value: (l) => String(l.fills) },
  { title: 'volume USDC', value: (l) => usdc(l.volume) },
  { title: 'maker', value: (l) => usdc(l.makerVolume) },
  { title: 'taker', value: (l) => usdc(l.takerVolume) },
  { title: 'maker %', value: (l) => pct(l.makerRatio) },
  { title: 'fees', value: (l) => usdc(l.fees) },
  { title: 'realized PnL', value: (l) => usdc(l.realizedPnl) },
  { title: 'wear /10k', value: (l) => usdc(l.wearPer10k) },
  { title: 'max |net|', value: (l) => usdc(l.maxAbsNetExposure) },
  { title: 'avg |net|', value: (l) => usdc(l.twAbsNetExposure) },
  { title: 'pos USDC·h', value: (l) => usdc(l.positionUsdcHours) },
];

function pct(ratio: string): string {
  return `${new Decimal(ratio).times(100).toFixed(1)}%`;
}

function usdc(value: string): string {
  return new Decimal(value).toFixed(2);
}

/**
 * A run summary as a plain-text table (one row per symbol and a total row),
 * USDC amounts shown with two decimals, for the terminal and notifications.
 */
export function formatSummaryTable(summary: RunSummary): string {
  const rows = [
    ...summary.symbols.map((s) => [s.symbol, ...COLUMNS.map((c) => c.value(s))]),
    ['total', ...COLUMNS.map((c) => c.value(summary.total))],
  ];
  const header = ['symbol', ...COLUMNS.map((c) => c.title)];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const minutes = (summary.durationMs / 60_000).toFixed(1);
  return [`duration ${minutes} min`, fmt(header), ...rows.map(fmt)].join('\n');
}
