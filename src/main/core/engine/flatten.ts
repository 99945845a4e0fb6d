import Decimal from 'decimal.js';
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import type { Position, Venue } from '../venues/venue';
import { OrderNotFoundError } from '../venues/venue-errors';
import { floorToStep, minOrderSize, offsetPrice } from './market-math';
import type { RunOrderRequest } from './order-purpose';
import { OrderWatch } from './order-watch';

/** A position left open after flattening, and why. Size signed, base units. */
export interface FlattenLeftover {
  accountId: string;
  symbol: string;
  size: Decimal;
  reason: string;
}

/** What flattening did. */
export interface FlattenResult {
  /** Reduce-only orders sent. */
  orders: number;
  /** Positions still open afterwards (below the minimum order, no book, or not closed in time). */
  leftovers: FlattenLeftover[];
}

/** Options of {@link flattenAccounts}. */
export interface FlattenOptions {
  /** A run's recording venues (orders stored with purpose `flatten`), or plain venues (desk-wide flatten: orders only logged). */
  accounts: readonly { accountId: string; label: string; venue: Venue }[];
  /** Only positions and orders in these symbols are touched. */
  symbols: readonly string[];
  clock: Clock;
  logger: Logger;
  /** Worst-price distance from the best bid/ask, bps (default 100 = 1 %). */
  slippageBps?: number;
  /** Rounds of "read positions, send closing orders, wait" (default 5). */
  attempts?: number;
  /** How long to wait for each round's orders to end, ms of clock time (default 5000). */
  settleTimeoutMs?: number;
}

/**
 * Closes the given symbols on every account: cancels their open orders, then
 * sends reduce-only marketable orders (type market, IOC, worst price
 * `slippageBps` beyond the best bid/ask) for each position of at least one
 * minimum order, waits for them to end, re-reads the positions and repeats.
 * Positions below the venue's minimum order cannot be closed (Lighter
 * refuses such orders) and are reported as leftovers. Orders go through the
 * recording venues (purpose `flatten`). Never throws for one account's
 * failure: it is logged and reported as a leftover.
 */
export async function flattenAccounts(opts: FlattenOptions): Promise<FlattenResult> {
  const symbols = new Set(opts.symbols);
  const results = await Promise.all(opts.accounts.map((a) => flattenOne(a, symbols, opts)));
  return { orders: results.reduce((n, r) => n + r.orders, 0), leftovers: results.flatMap((r) => r.leftovers) };
}

async function flattenOne(
  account: FlattenOptions['accounts'][number],
  symbols: ReadonlySet<string>,
  opts: FlattenOptions,
): Promise<FlattenResult> {
  const { venue, accountId } = account;
  const log = opts.logger.child({ component: 'engine.flatten', account: accountId });
  const slippage = opts.slippageBps ?? 100;
  const watch = new OrderWatch(venue, opts.clock);
  let orders = 0;
  const leftovers = new Map<string, FlattenLeftover>();
  try {
    for (const symbol of symbols) {
      await venue.cancelAll(symbol).catch((err: unknown) => {
        if (!(err instanceof OrderNotFoundError)) log.warn({ err, symbol }, 'cancelling open orders before flattening failed');
      });
    }
    let positions: Position[] = [];
    for (let attempt = 0; attempt < (opts.attempts ?? 5); attempt++) {
      positions = (await venue.positions()).filter((p) => symbols.has(p.symbol) && !p.size.isZero());
      leftovers.clear();
      const sent: string[] = [];
      for (const p of positions) {
        const market = await venue.market(p.symbol);
        const { bid, ask } = await venue.bestBidAsk(p.symbol);
        const side = p.size.isPositive() ? 'sell' : 'buy';
        const reference = side === 'sell' ? bid : ask;
        if (!reference) {
          leftovers.set(p.symbol, { accountId, symbol: p.symbol, size: p.size, reason: `no ${side === 'sell' ? 'bids' : 'asks'} in the book` });
          continue;
        }
        const price = offsetPrice(reference, side === 'sell' ? -slippage : slippage, side, market.tickSize);
        const size = floorToStep(p.size.abs(), market.stepSize);
        if (size.lt(minOrderSize(market, price))) {
          leftovers.set(p.symbol, { accountId, symbol: p.symbol, size: p.size, reason: 'below the minimum order' });
          continue;
        }
        try {
          const order: RunOrderRequest = { symbol: p.symbol, side, size, type: 'market', price, timeInForce: 'IOC', reduceOnly: true, purpose: 'flatten', urgent: true };
          const h = await venue.placeOrder(order);
          orders++;
          sent.push(h.clientOrderId);
        } catch (err) {
          log.warn({ err, symbol: p.symbol }, 'a flattening order was refused');
          leftovers.set(p.symbol, { accountId, symbol: p.symbol, size: p.size, reason: `refused: ${(err as Error).message}` });
        }
      }
      if (sent.length === 0) break;
      await Promise.all(sent.map((id) => watch.waitEnded(id, opts.settleTimeoutMs ?? 5_000)));
    }
    const after = (await venue.positions()).filter((p) => symbols.has(p.symbol) && !p.size.isZero());
    return {
      orders,
      leftovers: after.map((p) => leftovers.get(p.symbol) ?? { accountId, symbol: p.symbol, size: p.size, reason: 'not closed in time' }),
    };
  } catch (err) {
    log.error({ err }, 'flattening failed');
    return { orders, leftovers: [{ accountId, symbol: '*', size: new Decimal(0), reason: `flattening failed: ${(err as Error).message}` }] };
  } finally {
    watch.close();
  }
}
