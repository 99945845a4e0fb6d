import Decimal from 'decimal.js';
import { faultSpecSchema, type FaultSpec, type FaultsView } from './faults';
import { LighterError } from './lighter-error';
import { MAKER_ACCOUNTS, type LighterExchange } from './lighter-exchange';
import type { LighterTradeJson } from './trade-view';
import { tradeJson } from './ws-messages';

/** A created account. */
export interface CreatedAccount {
  accountIndex: number;
  l1Address: string;
}

/** One account in {@link SimState}. */
export interface SimAccountState {
  account_index: number;
  l1_address: string;
  account_type: number;
  /** True for the sim's own market makers. */
  sim_maker: boolean;
  collateral: string;
  equity: string;
  available_balance: string;
  open_orders: number;
  positions: { market_id: number; symbol: string; size: string; avg_entry_price: string; realized_pnl: string }[];
  api_keys: { api_key_index: number; next_nonce: number }[];
}

/** One market in {@link SimState}. */
export interface SimMarketState {
  market_id: number;
  symbol: string;
  status: 'active' | 'reduce-only' | 'inactive';
  /** Synthetic-liquidity mid, null when the market is not quoted. */
  mid: string | null;
  mark_price: string | null;
  best_bid: string | null;
  best_ask: string | null;
}

/** Body of `GET /admin/state`. */
export interface SimState {
  block_height: number;
  ws_connections: number;
  faults: FaultsView;
  accounts: SimAccountState[];
  markets: SimMarketState[];
}

/**
 * The simulator's admin actions, for tests and paper mode only (never part
 * of Lighter's API). The same object backs the HTTP `/admin` routes and the
 * typed helpers of `startLighterSim`. Errors are LighterErrors (20001 for bad
 * input, 21100 for an unknown account, 21602 for an unknown market).
 */
export interface LighterSimAdmin {
  /** Opens an account funded with `collateral` USDC (default "0"); a known `l1Address` yields a sub-account. */
  createAccount(opts?: { l1Address?: string; collateral?: string }): CreatedAccount;
  /** Adds `amount` USDC (negative = debit) to an account's collateral; returns the new collateral (USDC string). */
  adjustCollateral(accountIndex: number, amount: string): string;
  /** Arms faults (see `faults.ts`); `drop_ws: true` closes every WebSocket at once. */
  setFaults(faults: FaultSpec): FaultsView;
  /** Disarms every fault. */
  clearFaults(): FaultsView;
  /** Sets a market's mid price (USDC, rounded to the tick); the liquidity re-quotes around it at once. Returns the mid set. */
  setMid(marketId: number, price: string): string;
  /** Accounts, markets, faults and connections. */
  state(): SimState;
  /**
   * Every trade in the history (the last 20 000) with a user account on either side
   * (trades between the sim's market makers left out), oldest first, as Lighter's Trade JSON —
   * the venue's own record of fills, for drills and tests comparing it with what a client recorded.
   */
  userTrades(): LighterTradeJson[];
}

function decimal(value: unknown, field: string): Decimal {
  if (typeof value !== 'string' || !/^-?\d+(\.\d+)?$/.test(value)) throw new LighterError(20001, `${field} must be a decimal string`);
  return new Decimal(value);
}

/** Builds the admin of a venue; `dropWs` closes every WebSocket connection, `connections` counts them. */
export function createSimAdmin(venue: LighterExchange, ws: { dropAll(): void; connectionCount(): number }): LighterSimAdmin {
  const { engine, registry, faults } = venue;
  const fmt = (v: Decimal | null | undefined, decimals: number) => (v ? v.toFixed(decimals) : null);
  return {
    createAccount(opts = {}) {
      const collateral = decimal(opts.collateral ?? '0', 'collateral');
      if (collateral.isNeg()) throw new LighterError(20001, 'collateral must not be negative');
      try {
        const account = venue.createAccount(collateral, opts.l1Address);
        return { accountIndex: account.index, l1Address: account.l1Address };
      } catch (err) {
        throw new LighterError(20001, (err as Error).message);
      }
    },
    adjustCollateral(accountIndex, amount) {
      const delta = decimal(amount, 'amount');
      if (!registry.get(accountIndex) || MAKER_ACCOUNTS.includes(accountIndex)) throw new LighterError(21100);
      return engine.adjustCollateral(accountIndex, delta).toFixed(6);
    },
    setFaults(spec) {
      const r = faultSpecSchema.safeParse(spec);
      if (!r.success) throw new LighterError(20001, r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      faults.set(r.data);
      if (r.data.drop_ws) ws.dropAll();
      return faults.view();
    },
    clearFaults() {
      faults.clear();
      return faults.view();
    },
    setMid(marketId, price) {
      const market = venue.market(marketId);
      if (!market) throw new LighterError(21602);
      const p = decimal(price, 'price');
      if (!p.gt(0)) throw new LighterError(20001, 'price must be positive');
      const mid = p.toDecimalPlaces(market.priceDecimals);
      if (!mid.gt(0)) throw new LighterError(20001, 'price is below one tick');
      venue.setMid(marketId, mid);
      return mid.toFixed(market.priceDecimals);
    },
    userTrades() {
      const isMaker = (index: number) => MAKER_ACCOUNTS.includes(index);
      return engine
        .trades()
        .filter((t) => !isMaker(t.takerAccountId) || !isMaker(t.makerAccountId))
        .map((t) => tradeJson(venue, t));
    },
    state() {
      return {
        block_height: venue.blockHeight(),
        ws_connections: ws.connectionCount(),
        faults: faults.view(),
        accounts: registry.all().map((a) => {
          const m = engine.margin(a.index);
          const ledger = engine.ledger.get(a.index)!;
          return {
            account_index: a.index,
            l1_address: a.l1Address,
            account_type: a.accountType,
            sim_maker: MAKER_ACCOUNTS.includes(a.index),
            collateral: m.collateral.toFixed(6),
            equity: m.equity.toFixed(6),
            available_balance: m.available.toFixed(6),
            open_orders: engine.openOrders(a.index).length,
            positions: [...ledger.positions].map(([marketId, p]) => {
              const market = venue.market(marketId)!;
              return {
                market_id: marketId,
                symbol: market.spec.symbol,
                size: p.size.toFixed(market.sizeDecimals),
                avg_entry_price: p.avgEntry.toFixed(market.priceDecimals),
                realized_pnl: p.realizedPnl.toFixed(6),
              };
            }),
            api_keys: [...a.apiKeys.values()].map((k) => ({ api_key_index: k.apiKeyIndex, next_nonce: k.nextNonce })),
          };
        }),
        markets: venue.markets().map((mk) => {
          const id = mk.spec.market_id;
          const book = engine.book(id);
          const pd = mk.priceDecimals;
          return {
            market_id: id,
            symbol: mk.spec.symbol,
            status: mk.engine.status,
            mid: fmt(venue.liquidity?.mid(id), pd + 2),
            mark_price: fmt(engine.markPrice(id), pd),
            best_bid: fmt(book.best('buy')?.price, pd),
            best_ask: fmt(book.best('sell')?.price, pd),
          };
        }),
      };
    },
  };
}
