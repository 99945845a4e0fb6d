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

/** What flattening found and did on one account. */
export interface FlattenAccountOutcome {
  accountId: string;
  label: string;
  /** Positions in the symbols the venue reported at the first read (0 = nothing to flatten there); null when it could not be read. */
  positionsFound: number | null;
  /** Why the venue could not be used (unreachable, refused every read), or null. */
  error: string | null;
}

/** What flattening did. */
export interface FlattenResult {
  /** Reduce-only orders sent. */
  orders: number;
  /** Positions still open afterwards (below the minimum order, no book, or not closed in time). */
  leftovers: FlattenLeftover[];
  /** Per account: what the venue reported and whether it could be reached. */
  accounts: FlattenAccountOutcome[];
}

/**
 * One line for logs, run reasons and the CLI that says why a flatten sent
 * the orders it did: venues that could not be reached (with their error),
 * "nothing to flatten" when the venues report no position in the symbols,
 * else the orders sent and what is left open.
 */
export function describeFlatten(result: FlattenResult, symbols: readonly string[]): string {
  const unreachable = result.accounts.filter((a) => a.error !== null);
  const parts: string[] = [];
  if (unreachable.length > 0) parts.push(`could not flatten ${unreachable.map((a) => `"${a.label}" (${a.error})`).join(', ')}`);
  const reached = result.accounts.filter((a) => a.error === null);
  if (result.orders === 0 && result.leftovers.length === 0 && reached.every((a) => a.positionsFound === 0) && reached.length > 0) {
    parts.push(`nothing to flatten: the venue reports no open position in ${symbols.join(', ')} on ${reached.map((a) => `"${a.label}"`).join(', ')}`);
  } else if (reached.length > 0) {
    parts.push(`${result.orders} closing order(s) sent`);
    const left = result.leftovers.filter((l) => !unreachable.some((a) => a.accountId === l.accountId));
    if (left.length > 0) parts.push(`left open: ${left.map((l) => `${l.symbol} ${l.size.toFixed()} on ${l.accountId} (${l.reason})`).join(', ')}`);
  }
  return parts.join('; ');
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
  return { orders: results.reduce((n, r) => n + r.orders, 0), leftovers: results.flatMap((r) => r.leftovers), accounts: results.flatMap((r) => r.accounts) };
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
  const outcome: FlattenAccountOutcome = { accountId, label: account.label, positionsFound: null, error: null };
  try {
    for (const symbol of symbols) {
      await venue.cancelAll(symbol).catch((err: unknown) => {
        if (!(err instanceof OrderNotFoundError)) log.warn({ err, symbol }, 'cancelling open orders before flattening failed');
      });
    }
    let positions: Position[] = [];
    for (let attempt = 0; attempt < (opts.attempts ?? 5); attempt++) {
      positions = (await venue.positions()).filter((p) => symbols.has(p.symbol) && !p.size.isZero());
      outcome.positionsFound ??= positions.length;
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
      accounts: [outcome],
    };
  } catch (err) {
    log.error({ err }, 'flattening failed');
    outcome.error = (err as Error).message;
    return { orders, leftovers: [{ accountId, symbol: '*', size: new Decimal(0), reason: `flattening failed: ${(err as Error).message}` }], accounts: [outcome] };
  } finally {
    watch.close();
  }
}
