import { NTag } from 'naive-ui';
import { h, type VNode } from 'vue';
import { RouterLink } from 'vue-router';
import type { PortfolioFill } from '../../../../shared/schemas/portfolio';
import { formatFixed } from '../dashboard/number-format';

/** A number cell: `text` in a `.num` span (tabular figures, see CompactTable), with extra attributes (`style`, `data-testid`). */
export function numCell(text: string, attrs: Record<string, unknown> = {}): VNode {
  return h('span', { class: 'num', ...attrs }, text);
}

/** A cell linking to an app route (`/runs/<id>`, `/account/<id>`). */
export function routeLinkCell(to: string, text: string): VNode {
  return h(RouterLink, { to }, () => text);
}

/** An order's or fill's side as a small tag (buy green, sell red); `label` is its translated name. */
export function sideTag(side: PortfolioFill['side'], label: string): VNode {
  return h(NTag, { size: 'small', bordered: false, type: side === 'buy' ? 'success' : 'error' }, () => label);
}

/** A market's decimals (price, size) by symbol; null when the market is not known. */
export type MarketDecimals = (symbol: string) => { price: number; size: number } | null;

/** A number cell of a market's price or size, with its decimals (as given when the market is not known). */
export function marketNumCell(decimals: MarketDecimals, value: string, symbol: string, kind: 'price' | 'size'): VNode {
  const d = decimals(symbol);
  return numCell(d ? formatFixed(value, d[kind]) : value);
}
