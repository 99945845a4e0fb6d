import Decimal from 'decimal.js';
import { createHash } from 'node:crypto';
import { SyntheticLiquidity } from '../engine/liquidity';
import { MatchingEngine, type EngineSnapshot } from '../engine/matching-engine';
import type { EngineOrder } from '../engine/order';
import type { EngineTrade } from '../engine/trade';
import type { PricePoint } from '../engine/price-path';
import { deriveSeed } from '../engine/prng';
import type { SimClock } from '../engine/sim-clock';
import type { SimStateStore } from '../engine/sim-state-store';
import { AccountRegistry, type RegistrySnapshot, type SimAccount } from './account-registry';
import { FaultState } from './faults';
import { referenceMid, type LighterMarket } from './markets';
import { TxLog } from './tx-log';

/** Exchange order indexes start at 2^48 (`MinOrderIndex`, lighter.md §3.2); client order indexes are below. */
export const FIRST_ORDER_INDEX = 2 ** 48;
/** Index of the first user (master) account. */
export const FIRST_USER_ACCOUNT = 1000;
/** Indexes of the sim's own market-maker accounts. */
export const MAKER_ACCOUNTS: readonly number[] = [10, 11, 12];
/** Quote liquidity in every market at start when there are at most this many; otherwise markets start on first use. */
const EAGER_LIQUIDITY_MARKETS = 20;
/** Finished orders and trades kept for history endpoints. */
const ORDER_HISTORY_PER_ACCOUNT = 500;

/** Where an order came from, for its Lighter fields (`nonce`, `block_height`, `transaction_time`). */
export interface OrderMeta {
  txHash: string;
  nonce: number;
  blockHeight: number;
  /** Unix µs. */
  transactionTime: number;
}

/** Where a trade came from (`tx_hash`, `block_height`). */
export interface TradeMeta {
  txHash: string;
  blockHeight: number;
}

/** The transaction being executed. */
export interface TxContext {
  txHash: string;
  nonce: number;
}

/** Options of {@link LighterExchange}. */
export interface LighterExchangeOptions {
  markets: readonly LighterMarket[];
  clock: SimClock;
  /** Seed of the synthetic liquidity. */
  seed: number;
  /** Run the market-maker ladders. */
  liquidity: boolean;
  /** Replayed mid series per market id (instead of the random walk). */
  replay?: ReadonlyMap<number, readonly PricePoint[]>;
  /** Where the state persists (restored from it at start); none = in memory only. */
  store?: SimStateStore;
}

/**
 * The Lighter simulator's live state on disk (`state.json` under the state
 * directory): user accounts (keys, nonces, cancel-all timers), the engine's
 * user side (collateral, positions, open orders, id counters, prices), the
 * Lighter metadata of the open orders, block height, and the mids the random
 * walk continues from. The market makers re-quote at start.
 */
export interface LighterSimState {
  venue: 'lighter';
  /** Restarts so far: seeds a fresh random-walk stream per restart. */
  generation: number;
  height: number;
  registry: RegistrySnapshot;
  engine: EngineSnapshot;
  orderMetas: [number, OrderMeta][];
  mids: [number, Decimal][];
}

/** One history entry (`history.jsonl`): a finished user order or a trade with a user side, with its Lighter metadata. */
export type LighterHistoryEntry = { kind: 'order'; order: EngineOrder; meta: OrderMeta } | { kind: 'trade'; trade: EngineTrade; meta: TradeMeta };

const isMaker = (accountId: number) => MAKER_ACCOUNTS.includes(accountId);

/**
 * The simulator's transaction hash: hex sha256 of `text` — for a tx, of its
 * tx_info JSON as sent, which is what the paper signer reports as `txHash`.
 * (Real Lighter hashes are Poseidon digests, 80 hex digits; the sim cannot compute them.)
 */
export function txHashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The simulated Lighter exchange behind the protocol server: the matching
 * engine and its synthetic liquidity, the account registry (indexes, L1
 * addresses, API-key nonces), the Lighter-only metadata of orders and trades
 * (tx hashes, nonces, block heights), the armed faults, and the periodic
 * maintenance (order expiry, scheduled cancel-alls).
 */
export class LighterExchange {
  readonly engine: MatchingEngine;
  readonly registry = new AccountRegistry(FIRST_USER_ACCOUNT);
  readonly faults = new FaultState();
  /** Accepted transactions (`GET /api/v1/tx`, WS `account_tx` / `height`). */
  readonly txLog = new TxLog();
  readonly liquidity: SyntheticLiquidity | null;
  readonly clock: SimClock;
  private readonly marketsById: ReadonlyMap<number, LighterMarket>;
  private readonly orderMetas = new Map<number, OrderMeta>();
  private readonly tradeMetas = new Map<number, TradeMeta>();
  private context: TxContext | null = null;
  private height = 1;
  private generation = 0;
  /** True when the state was restored from the store (not a fresh start). */
  readonly restored: boolean = false;
  private readonly stopMaintenance: () => void;
  private readonly store: SimStateStore | null;

  /**
   * @throws CorruptStateFileError when the store's state cannot be restored.
   */
  constructor(opts: LighterExchangeOptions) {
    this.clock = opts.clock;
    this.store = opts.store ?? null;
    this.marketsById = new Map(opts.markets.map((m) => [m.spec.market_id, m]));
    const store = this.store;
    this.engine = new MatchingEngine({
      markets: opts.markets.map((m) => m.engine),
      clock: opts.clock,
      firstOrderId: FIRST_ORDER_INDEX,
      finishedOrdersPerAccount: ORDER_HISTORY_PER_ACCOUNT,
      masterAccountOf: (accountId) => this.registry.masterOf(accountId),
      onIdIssued: store ? (kind, id) => store.reserve(kind, id) : undefined,
    });
    this.engine.on('order', (o) => {
      if (!this.orderMetas.has(o.id)) this.orderMetas.set(o.id, this.currentMeta());
    });
    this.engine.on('trade', (t) => {
      const meta = this.currentMeta();
      this.tradeMetas.set(t.id, { txHash: meta.txHash, blockHeight: meta.blockHeight });
    });
    for (const index of MAKER_ACCOUNTS) {
      this.registry.create(undefined, index);
      this.engine.createAccount(index, new Decimal(0), { unlimited: true });
    }
    const mids = new Map(opts.markets.map((m) => [m.spec.market_id, referenceMid(m)]));
    if (store) {
      const loaded = store.load();
      if (loaded.state !== null) {
        this.restored = true;
        try {
          for (const [id, mid] of this.restore(loaded.state as LighterSimState, loaded.history as LighterHistoryEntry[], loaded.idFloor)) if (mids.has(id)) mids.set(id, mid);
        } catch (err) {
          throw store.corrupt(`cannot be restored: ${(err as Error).message}`);
        }
      } else this.height = Math.max(this.height, loaded.idFloor.block ?? 0);
      this.engine.on('account', (id) => {
        if (!isMaker(id)) store.markDirty();
      });
      this.engine.on('order', (o) => {
        if (!isMaker(o.accountId) && o.status !== 'open') store.record({ kind: 'order', order: o, meta: this.orderMeta(o.id) } satisfies LighterHistoryEntry);
      });
      this.engine.on('trade', (t) => {
        if (!isMaker(t.takerAccountId) || !isMaker(t.makerAccountId)) store.record({ kind: 'trade', trade: t, meta: this.tradeMeta(t.id) } satisfies LighterHistoryEntry);
      });
      this.engine.on('mark', () => store.markPricesDirty());
    }
    this.liquidity = opts.liquidity
      ? new SyntheticLiquidity({
          engine: this.engine,
          clock: opts.clock,
          makerAccounts: MAKER_ACCOUNTS,
          seed: this.generation === 0 ? opts.seed : deriveSeed(opts.seed, this.generation),
          initialMids: mids,
          replay: opts.replay,
        })
      : null;
    if (this.liquidity) {
      if (opts.markets.length <= EAGER_LIQUIDITY_MARKETS) for (const m of opts.markets) this.liquidity.activate(m.spec.market_id);
      this.liquidity.start();
    }
    this.stopMaintenance = opts.clock.every(1000, () => this.maintain());
    store?.start(
      () => this.snapshot(),
      () => this.retainedHistory(),
      opts.clock,
    );
  }

  /** The live state to persist (see {@link LighterSimState}). */
  snapshot(): LighterSimState {
    const engine = this.engine.snapshot((id) => !isMaker(id));
    const orderIds = new Set(engine.openOrders.map((o) => o.id));
    return {
      venue: 'lighter',
      generation: this.generation,
      height: this.height,
      registry: this.registry.snapshot((index) => !isMaker(index)),
      engine,
      orderMetas: [...this.orderMetas].filter(([id]) => orderIds.has(id)),
      mids: this.markets().flatMap((m) => {
        const mid = this.liquidity?.mid(m.spec.market_id) ?? this.engine.markPrice(m.spec.market_id);
        return mid ? [[m.spec.market_id, mid] as [number, Decimal]] : [];
      }),
    };
  }

  /** The user side's history still kept in memory, as history entries (a compacted `history.jsonl`). */
  private retainedHistory(): LighterHistoryEntry[] {
    const { finishedOrders, trades } = this.engine.history((id) => !isMaker(id));
    return [
      ...finishedOrders.map((order) => ({ kind: 'order' as const, order, meta: this.orderMeta(order.id) })),
      ...trades.map((trade) => ({ kind: 'trade' as const, trade, meta: this.tradeMeta(trade.id) })),
    ];
  }

  /** Loads a saved state and its history into this fresh exchange; returns the mids to continue from. */
  private restore(s: LighterSimState, history: readonly LighterHistoryEntry[], idFloor: Record<string, number>): [number, Decimal][] {
    if (s.venue !== 'lighter') throw new Error(`it is a ${String(s.venue)} simulator's state`);
    for (const o of s.engine.openOrders) if (!this.marketsById.has(o.marketId)) throw new Error(`an open order is in market ${o.marketId}, which this simulator does not load`);
    const orders = new Map<number, { order: EngineOrder; meta: OrderMeta }>();
    const trades = new Map<number, { trade: EngineTrade; meta: TradeMeta }>();
    for (const e of history) {
      if (e.kind === 'order') orders.set(e.order.id, e);
      else if (e.kind === 'trade') trades.set(e.trade.id, e);
      else throw new Error(`unknown history entry ${JSON.stringify(e).slice(0, 80)}`);
    }
    this.registry.restore(s.registry);
    this.engine.restore(s.engine, { finishedOrders: [...orders.values()].map((e) => e.order), trades: [...trades.values()].map((e) => e.trade) }, { order: idFloor.order, trade: idFloor.trade });
    for (const [id, meta] of s.orderMetas) this.orderMetas.set(id, meta);
    for (const [id, e] of orders) this.orderMetas.set(id, e.meta);
    for (const [id, e] of trades) this.tradeMetas.set(id, e.meta);
    this.height = Math.max(s.height, idFloor.block ?? 0);
    this.generation = s.generation + 1;
    return s.mids;
  }

  /** Every market, in load order. */
  markets(): LighterMarket[] {
    return [...this.marketsById.values()];
  }

  /** A market by id, or undefined. */
  market(marketId: number): LighterMarket | undefined {
    return this.marketsById.get(marketId);
  }

  /** Makes sure a market's synthetic liquidity runs (markets of large files start quoting on first use). */
  touchMarket(marketId: number): void {
    this.liquidity?.activate(marketId);
  }

  /**
   * Opens a user account with `collateral` USDC (on disk before this returns, when persisted).
   * @throws Error for a malformed L1 address or negative collateral; Error from the file system.
   */
  createAccount(collateral: Decimal, l1Address?: string): SimAccount {
    if (collateral.isNeg()) throw new Error('collateral must not be negative');
    const account = this.registry.create(l1Address);
    this.engine.createAccount(account.index, collateral);
    this.store?.flush();
    return account;
  }

  /**
   * Sets a market's mid (USDC): the liquidity re-quotes around it, or without
   * liquidity only the mark price is set.
   * @throws Error for an unknown market or a price ≤ 0.
   */
  setMid(marketId: number, price: Decimal): void {
    if (!this.marketsById.has(marketId)) throw new Error(`unknown market ${marketId}`);
    if (!price.gt(0)) throw new Error('mid price must be positive');
    if (this.liquidity && this.market(marketId)!.engine.status === 'active') this.liquidity.setMid(marketId, price);
    else this.engine.setMark(marketId, price);
  }

  /** Runs one transaction's effects as the next block. */
  execute(ctx: TxContext, run: () => void): void {
    this.store?.reserve('block', this.height + 1);
    this.store?.markDirty();
    this.height++;
    this.context = ctx;
    try {
      run();
    } finally {
      this.context = null;
    }
  }

  /** The current block height. */
  blockHeight(): number {
    return this.height;
  }

  /** Metadata of an order (synthetic for orders whose metadata aged out). */
  orderMeta(orderId: number): OrderMeta {
    return this.orderMetas.get(orderId) ?? { ...this.currentMeta(), txHash: txHashOf(`order:${orderId}`), nonce: 0 };
  }

  /** Metadata of a trade. */
  tradeMeta(tradeId: number): TradeMeta {
    return this.tradeMetas.get(tradeId) ?? { txHash: txHashOf(`trade:${tradeId}`), blockHeight: this.height };
  }

  /** Expires orders, runs due scheduled cancel-alls and drops metadata of forgotten orders and trades. */
  maintain(): void {
    this.engine.expireDue();
    const now = this.clock.now();
    for (const account of this.registry.all()) {
      if (account.cancelAllTime > 0 && account.cancelAllTime <= now) {
        account.cancelAllTime = 0;
        this.engine.cancelAll(account.index);
      }
    }
    for (const id of this.orderMetas.keys()) if (!this.engine.order(id)) this.orderMetas.delete(id);
    const oldestTrade = this.engine.trades()[0]?.id ?? Infinity;
    for (const id of this.tradeMetas.keys()) if (id < oldestTrade) this.tradeMetas.delete(id);
  }

  /** Stops the timers and writes the state a last time (releasing the state directory). */
  close(): void {
    this.liquidity?.stop();
    this.stopMaintenance();
    this.store?.close();
  }

  private currentMeta(): OrderMeta {
    const now = this.clock.now();
    const ctx = this.context;
    return {
      txHash: ctx?.txHash ?? txHashOf(`liquidity:${this.height}:${now}`),
      nonce: ctx?.nonce ?? 0,
      blockHeight: this.height,
      transactionTime: now * 1000,
    };
  }
}
