import type { SelfTradePolicy } from '../engine/self-trade';
import { TransferLog } from './transfer-log';
import Decimal from 'decimal.js';
import { EventEmitter } from 'node:events';
import { tradePosition } from '../engine/ledger';
import { SyntheticLiquidity } from '../engine/liquidity';
import { ceilToStep, floorToStep, isMultipleOf } from '../engine/market-spec';
import { MatchingEngine, type EngineSnapshot } from '../engine/matching-engine';
import { deriveSeed } from '../engine/prng';
import type { SimStateStore } from '../engine/sim-state-store';
import type { CancelReason, EngineOrder, RejectReason } from '../engine/order';
import type { SimClock } from '../engine/sim-clock';
import type { EngineTrade, PositionBefore } from '../engine/trade';
import { AccountRegistry, type ParadexAccount } from './account-registry';
import { FaultState } from './faults';
import { JwtIssuer } from './jwt';
import type { ParadexMarket } from './markets';
import type { NewOrder } from './order-request';
import { ParadexError } from './paradex-error';
import { parseSignature, verifyStarkSignature } from './stark-signature';
import type { SystemConfig } from './system-config';
import { messageHash, modifyOrderTypedData, orderTypedData, type OrderToSign } from './typed-data';

/** Engine ids of the sim's own market makers. */
export const MAKER_ACCOUNTS: readonly number[] = [10, 11, 12];
/** Engine id of the first user account. */
const FIRST_USER_ENGINE_ID = 1000;
/** Orders (and fills) kept per account for the history endpoints. */
const HISTORY_PER_ACCOUNT = 1000;

/** Paradex order status (paradex.md §5 "Order object"): NEW until executed, OPEN while resting, CLOSED when done. */
export type ParadexOrderStatus = 'NEW' | 'OPEN' | 'CLOSED';

/**
 * `cancel_reason` for each engine cancel reason. NOT_ENOUGH_MARGIN and
 * USER_CANCELED are Paradex's (paradex.md §5); the others are the sim's
 * names for outcomes the sources do not spell out (README "Paradex layer").
 */
export const CANCEL_REASONS: Readonly<Record<CancelReason, string>> = {
  canceled: 'USER_CANCELED',
  'post-only': 'POST_ONLY_WOULD_CROSS',
  'reduce-only': 'REDUCE_ONLY_WOULD_INCREASE',
  margin: 'NOT_ENOUGH_MARGIN',
  'self-trade': 'SELF_TRADE',
  expired: 'EXPIRED',
  'no-liquidity': 'NO_LIQUIDITY',
  'price-bound': 'NO_LIQUIDITY',
};

/** `cancel_reason` of an order below `min_notional` (recorded: shared/data/paradex fetchOrders). */
export const BELOW_MIN_REASON = 'ORDER_SIZE_BELOW_MIN';
/** `cancel_reason` of an order whose full fill would take the position beyond `position_limit` (paradex.md §5). */
export const POSITION_LIMIT_REASON = 'ORDER_EXCEEDS_POSITION_LIMIT';

/** An order record as saved (account and market by name). */
function savedOrder({ account, market, ...r }: OrderRecord): SavedOrder {
  return { ...r, address: account.address, market: market.spec.symbol };
}

/** A fill as saved. */
function savedFill({ account, order, market, ...f }: FillRecord): SavedFill {
  return { ...f, address: account.address, orderRef: order?.ref ?? null, market: market.spec.symbol };
}

function rejectReason(reason: RejectReason): string {
  if (reason === 'insufficient-margin') return 'NOT_ENOUGH_MARGIN';
  if (reason === 'reduce-only-increases') return 'REDUCE_ONLY_WOULD_INCREASE';
  if (reason === 'below-minimum') return BELOW_MIN_REASON;
  return 'UNEXPECTED_FAILURE';
}

/**
 * Ladder level size in order-size steps: the engine sizes levels from the market's minimum
 * order size, which here is one step (min_notional is the Paradex layer's check), so scale by
 * 10 × the steps of the largest `min_notional` at the reference mid — every level is worth ≥ 10 × min notional.
 */
function ladderSizeScale(markets: readonly ParadexMarket[]): number {
  let steps = 1;
  for (const m of markets) steps = Math.max(steps, m.minNotional.div(m.referenceMid.mul(m.stepSize)).ceil().toNumber());
  return 10 * steps;
}

/** One order placed through the API: the request as signed, its ids and its latest engine state. */
export interface OrderRecord {
  /** The engine's client order id for this order (the sim's internal reference). */
  ref: number;
  /** Paradex order id: a 28-digit numeric string. */
  id: string;
  account: ParadexAccount;
  market: ParadexMarket;
  /** The request as signed (after a modify: with the new size, price and signature). */
  request: NewOrder;
  /** Unix ms. */
  receivedAt: number;
  lastUpdatedAt: number;
  seqNo: number;
  /** Latest engine state, null until executed (status NEW) or when closed before reaching the engine. */
  engineOrder: EngineOrder | null;
  /** `cancel_reason` of an order closed without reaching the engine. */
  closedReason: string | null;
  /** A cancel arrived while the order was still NEW. */
  cancelRequested: boolean;
}

/** One fill of a user account (paradex.md §6 "fills"). */
export interface FillRecord {
  /** Paradex-style numeric string id. */
  id: string;
  account: ParadexAccount;
  order: OrderRecord | null;
  market: ParadexMarket;
  side: 'BUY' | 'SELL';
  liquidity: 'TAKER' | 'MAKER';
  price: Decimal;
  size: Decimal;
  /** USDC charged (negative = rebate). */
  fee: Decimal;
  /** The order's remaining size after this fill. */
  remainingSize: Decimal;
  /** Realized PnL of the fill, USDC, before fees. */
  realizedPnl: Decimal;
  /** USDC collateral before / after the fill. */
  balanceBefore: Decimal;
  balanceAfter: Decimal;
  /** Unix ms. */
  createdAt: number;
}

/** Events of a {@link ParadexExchange}: an order record changed; a user fill happened. */
export interface ParadexExchangeEvents {
  order: [OrderRecord];
  fill: [FillRecord];
}

/** Options of {@link ParadexExchange}. */
export interface ParadexExchangeOptions {
  markets: readonly ParadexMarket[];
  config: SystemConfig;
  clock: SimClock;
  seed: number;
  liquidity: boolean;
  jwtTtlMs?: number;
  /** Where the state persists (restored from it at start); none = in memory only. */
  store?: SimStateStore;
}

/** An {@link OrderRecord} on disk: account and market by name. */
interface SavedOrder extends Omit<OrderRecord, 'account' | 'market'> {
  address: string;
  market: string;
}

/** A {@link FillRecord} on disk. */
interface SavedFill extends Omit<FillRecord, 'account' | 'order' | 'market'> {
  address: string;
  orderRef: number | null;
  market: string;
}

/**
 * The Paradex simulator's live state on disk (`state.json` under the state
 * directory): registered accounts, the engine's user side (collateral,
 * positions, resting orders, id counters, prices), the live (NEW / OPEN)
 * order records, the ref / seq counters and the mids the random walk
 * continues from. Closed order records and fills are history
 * (`history.jsonl`). JWTs are not kept: clients sign in again after a
 * restart (401 INVALID_TOKEN).
 */
export interface ParadexSimState {
  venue: 'paradex';
  generation: number;
  nextEngineId: number;
  accounts: ParadexAccount[];
  engine: EngineSnapshot;
  orders: SavedOrder[];
  nextRef: number;
  seq: number;
  mids: [string, Decimal][];
}

/** One history entry (`history.jsonl`): a closed order record or a fill. */
export type ParadexHistoryEntry = { kind: 'order'; order: SavedOrder } | { kind: 'fill'; fill: SavedFill };

const isMaker = (engineId: number) => MAKER_ACCOUNTS.includes(engineId);

/**
 * The engine's self-trade policy for an order's `stp` (paradex.md §5: EXPIRE_MAKER,
 * EXPIRE_TAKER — the default — or EXPIRE_BOTH; Paradex compares accounts, not masters).
 */
function selfTradePolicy(stp: NewOrder['stp']): SelfTradePolicy {
  const behavior = stp === 'EXPIRE_MAKER' ? 'expire-maker' : stp === 'EXPIRE_BOTH' ? 'cancel-both' : 'expire-taker';
  return { behavior, equality: 'same-account' };
}

/**
 * The simulated Paradex exchange behind the protocol server: the matching
 * engine with its synthetic liquidity, the registered accounts and their
 * public keys, JWT issuance, the order records (Paradex ids, client ids,
 * NEW → OPEN → CLOSED with `cancel_reason`) and fills, and the armed faults.
 * Orders are accepted synchronously after shape, market and signature checks
 * (status NEW) and executed right after the answer is written, so risk
 * outcomes arrive as order updates the way Paradex reports them (paradex.md §5).
 */
export class ParadexExchange extends EventEmitter<ParadexExchangeEvents> {
  readonly engine: MatchingEngine;
  readonly liquidity: SyntheticLiquidity | null;
  readonly registry: AccountRegistry;
  readonly faults = new FaultState();
  /** Deposits and withdrawals (`GET /v1/transfers`). */
  readonly transfers = new TransferLog();
  readonly jwt: JwtIssuer;
  readonly clock: SimClock;
  readonly config: SystemConfig;
  private readonly bySymbol: ReadonlyMap<string, ParadexMarket>;
  private readonly byId: ReadonlyMap<number, ParadexMarket>;
  private readonly records = new Map<string, OrderRecord>();
  private readonly byRef = new Map<number, OrderRecord>();
  private readonly accountOrders = new Map<number, OrderRecord[]>();
  private readonly accountFills = new Map<number, FillRecord[]>();
  private nextRef = 1;
  private seq = 1;
  private closed = false;
  private generation = 0;
  private readonly store: SimStateStore | null;
  /** True when the state was restored from the store (not a fresh start). */
  readonly restored: boolean = false;

  /** @throws CorruptStateFileError when the store's state cannot be restored. */
  constructor(opts: ParadexExchangeOptions) {
    super();
    this.clock = opts.clock;
    this.store = opts.store ?? null;
    const store = this.store;
    this.config = opts.config;
    this.bySymbol = new Map(opts.markets.map((m) => [m.spec.symbol, m]));
    this.byId = new Map(opts.markets.map((m) => [m.engine.id, m]));
    this.registry = new AccountRegistry(opts.config, FIRST_USER_ENGINE_ID);
    this.jwt = new JwtIssuer(() => opts.clock.now(), opts.jwtTtlMs);
    this.engine = new MatchingEngine({
      markets: opts.markets.map((m) => m.engine),
      clock: opts.clock,
      finishedOrdersPerAccount: HISTORY_PER_ACCOUNT,
      onIdIssued: store ? (kind, id) => store.reserve(kind, id) : undefined,
    });
    this.engine.on('order', (o) => this.onEngineOrder(o));
    this.engine.on('trade', (t) => this.onTrade(t));
    for (const id of MAKER_ACCOUNTS) this.engine.createAccount(id, new Decimal(0), { unlimited: true });
    const mids = new Map(opts.markets.map((m) => [m.engine.id, m.referenceMid]));
    if (store) {
      const loaded = store.load();
      if (loaded.state !== null) {
        this.restored = true;
        try {
          for (const [symbol, mid] of this.restore(loaded.state as ParadexSimState, loaded.history as ParadexHistoryEntry[], loaded.idFloor)) {
            const m = this.bySymbol.get(symbol);
            if (m) mids.set(m.engine.id, mid);
          }
        } catch (err) {
          throw store.corrupt(`cannot be restored: ${(err as Error).message}`);
        }
      } else {
        this.nextRef = Math.max(this.nextRef, loaded.idFloor.ref ?? 0);
        this.seq = Math.max(this.seq, loaded.idFloor.seq ?? 0);
      }
      this.engine.on('account', (id) => {
        if (!isMaker(id)) store.markDirty();
      });
      this.engine.on('mark', () => store.markPricesDirty());
      this.on('order', (r) => {
        if (this.status(r) === 'CLOSED') store.record({ kind: 'order', order: savedOrder(r) } satisfies ParadexHistoryEntry);
        else store.markDirty();
      });
      this.on('fill', (f) => store.record({ kind: 'fill', fill: savedFill(f) } satisfies ParadexHistoryEntry));
    }
    this.liquidity = opts.liquidity
      ? new SyntheticLiquidity({
          engine: this.engine,
          clock: opts.clock,
          makerAccounts: MAKER_ACCOUNTS,
          seed: this.generation === 0 ? opts.seed : deriveSeed(opts.seed, this.generation),
          initialMids: mids,
          sizeScale: ladderSizeScale(opts.markets),
        })
      : null;
    if (this.liquidity) {
      for (const m of opts.markets) this.liquidity.activate(m.engine.id);
      this.liquidity.start();
    } else {
      for (const m of opts.markets) if (!this.engine.markPrice(m.engine.id)) this.engine.setMark(m.engine.id, m.referenceMid);
    }
    store?.start(
      () => this.snapshot(),
      () => this.retainedHistory(),
      opts.clock,
    );
    for (const r of this.records.values()) if (this.status(r) === 'NEW') setImmediate(() => this.execute(r));
  }

  // ---------------------------------------------------------------- persistence

  /** The live state to persist (see {@link ParadexSimState}). */
  snapshot(): ParadexSimState {
    return {
      venue: 'paradex',
      generation: this.generation,
      nextEngineId: this.registry.nextId(),
      accounts: this.registry.all().map((a) => ({ ...a })),
      engine: this.engine.snapshot((id) => !isMaker(id)),
      orders: [...this.accountOrders.values()]
        .flat()
        .filter((r) => this.status(r) !== 'CLOSED')
        .map(savedOrder),
      nextRef: this.nextRef,
      seq: this.seq,
      mids: this.markets().flatMap((m) => {
        const mid = this.liquidity?.mid(m.engine.id) ?? this.engine.markPrice(m.engine.id);
        return mid ? [[m.spec.symbol, mid] as [string, Decimal]] : [];
      }),
    };
  }

  /** Closed order records and fills still kept in memory, as history entries (a compacted `history.jsonl`). */
  private retainedHistory(): ParadexHistoryEntry[] {
    return [
      ...[...this.accountOrders.values()]
        .flat()
        .filter((r) => this.status(r) === 'CLOSED')
        .map((r) => ({ kind: 'order' as const, order: savedOrder(r) })),
      ...[...this.accountFills.values()].flat().map((f) => ({ kind: 'fill' as const, fill: savedFill(f) })),
    ];
  }

  /** Loads a saved state and its history into this fresh exchange; returns the mids to continue from, by symbol. */
  private restore(s: ParadexSimState, history: readonly ParadexHistoryEntry[], idFloor: Record<string, number>): [string, Decimal][] {
    if (s.venue !== 'paradex') throw new Error(`it is a ${String(s.venue)} simulator's state`);
    const marketOf = (symbol: string) => {
      const m = this.bySymbol.get(symbol);
      if (!m) throw new Error(`market ${symbol} is not loaded by this simulator`);
      return m;
    };
    const saved = new Map<string, SavedOrder>(s.orders.map((o) => [o.id, o]));
    const fills = new Map<string, SavedFill>();
    for (const e of history) {
      if (e.kind === 'order') saved.set(e.order.id, e.order);
      else if (e.kind === 'fill') fills.set(e.fill.id, e.fill);
      else throw new Error(`unknown history entry ${JSON.stringify(e).slice(0, 80)}`);
    }
    const closedEngineOrders = [...saved.values()].flatMap((o) => (o.engineOrder && o.engineOrder.status !== 'open' ? [o.engineOrder] : []));
    this.registry.restore(s.accounts, s.nextEngineId);
    this.engine.restore(s.engine, { finishedOrders: closedEngineOrders, trades: [] }, { order: idFloor.order, trade: idFloor.trade });
    const accountOf = (address: string) => {
      const a = this.registry.get(address);
      if (!a) throw new Error(`account ${address} is not registered`);
      return a;
    };
    for (const { address, market, engineOrder, ...r } of [...saved.values()].sort((a, b) => a.ref - b.ref)) {
      const live = engineOrder && engineOrder.status === 'open' ? (this.engine.order(engineOrder.id) ?? engineOrder) : engineOrder;
      const record: OrderRecord = { ...r, account: accountOf(address), market: marketOf(market), engineOrder: live };
      this.records.set(record.id, record);
      this.byRef.set(record.ref, record);
      this.remember(this.accountOrders, record.account.engineId, record, (x) => this.status(x) === 'CLOSED', (x) => {
        this.records.delete(x.id);
        this.byRef.delete(x.ref);
      });
    }
    for (const { address, orderRef, market, ...f } of [...fills.values()].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))) {
      const account = accountOf(address);
      this.remember(this.accountFills, account.engineId, { ...f, account, order: orderRef === null ? null : (this.byRef.get(orderRef) ?? null), market: marketOf(market) });
    }
    const maxRef = [...saved.values()].reduce((m, o) => Math.max(m, o.ref + 1), 0);
    const maxSeq = [...saved.values()].reduce((m, o) => Math.max(m, o.seqNo + 1), 0);
    this.nextRef = Math.max(s.nextRef, maxRef, idFloor.ref ?? 0);
    this.seq = Math.max(s.seq, maxSeq, idFloor.seq ?? 0);
    this.generation = s.generation + 1;
    return s.mids;
  }

  /** The next order ref (reserved on disk first when persisted). */
  private takeRef(): number {
    this.store?.reserve('ref', this.nextRef);
    return this.nextRef++;
  }

  /** The next seq_no (reserved on disk first when persisted). */
  private takeSeq(): number {
    this.store?.reserve('seq', this.seq);
    return this.seq++;
  }

  // ---------------------------------------------------------------- markets and accounts

  /** Every market, in load order. */
  markets(): ParadexMarket[] {
    return [...this.bySymbol.values()];
  }

  /** A market by symbol (`ETH-USD-PERP`), or undefined. */
  market(symbol: string): ParadexMarket | undefined {
    return this.bySymbol.get(symbol);
  }

  /** A market by engine id. */
  marketById(id: number): ParadexMarket | undefined {
    return this.byId.get(id);
  }

  /**
   * Registers the account of a STARK public key (or returns it), funded with `collateral` USDC when new.
   * @throws Error for a malformed key or negative collateral.
   */
  openAccount(publicKey: string, collateral: Decimal): ParadexAccount {
    if (collateral.isNeg()) throw new Error('collateral must not be negative');
    const { account, created } = this.registry.register(publicKey);
    if (created) {
      this.engine.createAccount(account.engineId, collateral);
      this.transfers.record(account.address, collateral, this.clock.now());
      this.store?.flush();
    }
    return account;
  }

  /**
   * Sets a market's mid (USD): the ladders re-quote around it, or without liquidity only the mark moves.
   * @throws Error for a price ≤ 0.
   */
  setMid(market: ParadexMarket, price: Decimal): void {
    if (!price.gt(0)) throw new Error('mid price must be positive');
    if (this.liquidity) this.liquidity.setMid(market.engine.id, price);
    else this.engine.setMark(market.engine.id, price);
  }

  // ---------------------------------------------------------------- orders

  /**
   * Accepts a new order for `account` after the checks Paradex makes before
   * queueing it: market known, size a multiple of `order_size_increment` and
   * ≤ `max_order_size`, price a multiple of `price_tick_size`, `recv_window`,
   * a unique `client_id` among live orders, and the StarkNet signature over the
   * Order typed data (paradex.md §5) against the account's public key. The
   * order is executed right after the caller's answer (status NEW until then).
   * @throws ParadexError 400: MARKET_NOT_FOUND, INVALID_ORDER_SIZE, INVALID_PRICE_PRECISION,
   *   INVALID_TIMESTAMP, DUPLICATED_CLIENT_ID, INVALID_STARKNET_SIGNATURE (unparsable), INVALID_ORDER_SIGNATURE.
   */
  accept(account: ParadexAccount, o: NewOrder, where = ''): OrderRecord {
    this.check(account, o, where);
    return this.queue(account, o);
  }

  /** Checks an order like {@link accept} without queueing it (batch orders are all checked first). */
  check(account: ParadexAccount, o: NewOrder, where = ''): void {
    const market = this.bySymbol.get(o.market);
    if (!market) throw new ParadexError('MARKET_NOT_FOUND', `${where}market: ${o.market} is not a market`);
    if (!o.size.gt(0) || !isMultipleOf(o.size, market.stepSize)) {
      throw new ParadexError('INVALID_ORDER_SIZE', `${where}size: ${o.sizeText} is not a positive multiple of ${market.spec.order_size_increment}`);
    }
    if (o.size.gt(market.maxOrderSize)) throw new ParadexError('INVALID_ORDER_SIZE', `${where}size: ${o.sizeText} is above max_order_size ${market.spec.max_order_size}`);
    if (o.price && (!o.price.gt(0) || !isMultipleOf(o.price, market.tickSize))) {
      throw new ParadexError('INVALID_PRICE_PRECISION', `${where}price: ${o.priceText} is not a positive multiple of ${market.spec.price_tick_size}`);
    }
    if (o.recvWindow !== null && this.clock.now() - o.signatureTimestamp > o.recvWindow) {
      throw new ParadexError('INVALID_TIMESTAMP', `${where}signature_timestamp: older than recv_window ${o.recvWindow} ms`);
    }
    if (o.clientId && this.liveOrders(account).some((r) => r.request.clientId === o.clientId)) {
      throw new ParadexError('DUPLICATED_CLIENT_ID', `${where}client_id: ${o.clientId} is already used by a live order`);
    }
    this.verifySignature(account, o, null, where);
  }

  /**
   * Modifies a resting LIMIT order (`PUT /v1/orders/{id}`, paradex.md §5 "Modify"): new
   * size (total, filled part included) and price; the signature is over `ModifyOrder`.
   * @throws ParadexError: ORDER_IS_CLOSED / ORDER_IS_NOT_OPEN, VALIDATION_ERROR (market, side or
   *   type differ from the order's), INVALID_ORDER_SIZE, INVALID_PRICE_PRECISION, INVALID_ORDER_SIGNATURE,
   *   NOT_ENOUGH_MARGIN when the new size needs more margin than the account has.
   */
  modify(record: OrderRecord, o: NewOrder): void {
    const status = this.status(record);
    if (status === 'CLOSED') throw new ParadexError('ORDER_IS_CLOSED', `order ${record.id} is already closed`);
    if (status !== 'OPEN') throw new ParadexError('ORDER_IS_NOT_OPEN', `order ${record.id} is not open yet`);
    const r = record.request;
    if (o.market !== r.market || o.side !== r.side || o.type !== r.type) throw new ParadexError('VALIDATION_ERROR', 'market, side and type must be those of the order');
    const market = record.market;
    const filled = record.engineOrder!.filled;
    if (!isMultipleOf(o.size, market.stepSize) || !o.size.gt(filled) || o.size.gt(market.maxOrderSize)) {
      throw new ParadexError('INVALID_ORDER_SIZE', `size: ${o.sizeText} must be a multiple of ${market.spec.order_size_increment} above the filled ${filled.toFixed()} and ≤ max_order_size`);
    }
    if (!o.price || !o.price.gt(0) || !isMultipleOf(o.price, market.tickSize)) throw new ParadexError('INVALID_PRICE_PRECISION', `price: ${o.priceText} is not a positive multiple of ${market.spec.price_tick_size}`);
    this.verifySignature(record.account, o, record.id, '');
    record.request = { ...r, size: o.size, price: o.price, sizeText: o.sizeText, priceText: o.priceText, signature: o.signature, signatureTimestamp: o.signatureTimestamp };
    const result = this.engine.modify(record.account.engineId, record.engineOrder!.id, o.price, o.size.sub(filled), selfTradePolicy(r.stp));
    if (!result?.ok) record.request = r;
    if (!result) throw new ParadexError('ORDER_IS_CLOSED', `order ${record.id} is already closed`);
    if (!result.ok) throw new ParadexError(rejectReason(result.reason), `order ${record.id} cannot be modified: ${result.reason}`);
  }

  /** Verifies an order's (or, with `modifyId`, a modification's) signature against the account's key. */
  private verifySignature(account: ParadexAccount, o: NewOrder, modifyId: string | null, where: string): void {
    const sig = parseSignature(o.signature);
    if (!sig) throw new ParadexError('INVALID_STARKNET_SIGNATURE', `${where}signature: expected a JSON array ["r","s"] of two integer strings`);
    const fields: OrderToSign = { signatureTimestampMs: o.signatureTimestamp, market: o.market, side: o.side, type: o.type, size: o.sizeText, price: o.priceText };
    let hash: string;
    try {
      const td = modifyId === null ? orderTypedData(this.config.starknet_chain_id, fields) : modifyOrderTypedData(this.config.starknet_chain_id, fields, modifyId);
      hash = messageHash(td, account.address);
    } catch (err) {
      throw new ParadexError('VALIDATION_ERROR', `${where}size / price: outside what a felt can carry (${(err as Error).message})`);
    }
    if (!verifyStarkSignature(hash, sig, account.publicKey)) {
      throw new ParadexError('INVALID_ORDER_SIGNATURE', `${where}signature: does not verify against the public key registered for ${account.address}`);
    }
  }

  /** Queues a checked order: status NEW now, executed after the current I/O turn. */
  queue(account: ParadexAccount, o: NewOrder): OrderRecord {
    const now = this.clock.now();
    const ref = this.takeRef();
    const record: OrderRecord = {
      ref,
      id: `${now}${String(ref).padStart(15, '0')}`,
      account,
      market: this.bySymbol.get(o.market)!,
      request: o,
      receivedAt: now,
      lastUpdatedAt: now,
      seqNo: this.takeSeq(),
      engineOrder: null,
      closedReason: null,
      cancelRequested: false,
    };
    this.records.set(record.id, record);
    this.byRef.set(ref, record);
    this.remember(
      this.accountOrders,
      account.engineId,
      record,
      (r) => this.status(r) === 'CLOSED',
      (r) => {
        this.records.delete(r.id);
        this.byRef.delete(r.ref);
      },
    );
    this.emit('order', record);
    setImmediate(() => this.execute(record));
    return record;
  }

  /** Status of an order record. */
  status(record: OrderRecord): ParadexOrderStatus {
    if (record.closedReason !== null) return 'CLOSED';
    if (!record.engineOrder) return 'NEW';
    return record.engineOrder.status === 'open' ? 'OPEN' : 'CLOSED';
  }

  /** `cancel_reason` of an order record ("" while live or when filled). */
  cancelReason(record: OrderRecord): string {
    if (record.closedReason !== null) return record.closedReason;
    const reason = record.engineOrder?.cancelReason;
    return reason ? CANCEL_REASONS[reason] : '';
  }

  /** An order of `account` by Paradex id, or undefined. */
  order(account: ParadexAccount, id: string): OrderRecord | undefined {
    const r = this.records.get(id);
    return r && r.account === account ? r : undefined;
  }

  /** The newest order of `account` with this client id, or undefined. */
  orderByClientId(account: ParadexAccount, clientId: string): OrderRecord | undefined {
    const list = this.accountOrders.get(account.engineId) ?? [];
    for (let i = list.length - 1; i >= 0; i--) if (list[i]!.request.clientId === clientId) return list[i];
    return undefined;
  }

  /** The account's NEW and OPEN orders, oldest first. */
  liveOrders(account: ParadexAccount): OrderRecord[] {
    return (this.accountOrders.get(account.engineId) ?? []).filter((r) => this.status(r) !== 'CLOSED');
  }

  /** Every order of the account still in the history, oldest first. */
  orders(account: ParadexAccount): readonly OrderRecord[] {
    return this.accountOrders.get(account.engineId) ?? [];
  }

  /** The account's fills still in the history, oldest first. */
  fills(account: ParadexAccount): readonly FillRecord[] {
    return this.accountFills.get(account.engineId) ?? [];
  }

  /**
   * Cancels a live order: a resting one at once, a NEW one when it would execute.
   * @throws ParadexError 400 ORDER_IS_CLOSED.
   */
  cancel(record: OrderRecord): void {
    const status = this.status(record);
    if (status === 'CLOSED') throw new ParadexError('ORDER_IS_CLOSED', `order ${record.id} is already closed`);
    if (status === 'NEW') record.cancelRequested = true;
    else this.engine.cancel(record.account.engineId, record.engineOrder!.id);
  }

  /** Cancels every live order of the account (optionally in one market); returns how many. */
  cancelAll(account: ParadexAccount, market?: ParadexMarket): number {
    const live = this.liveOrders(account).filter((r) => !market || r.market === market);
    for (const r of live) this.cancel(r);
    return live.length;
  }

  /** Stops the timers and writes the state a last time (queued NEW orders are kept and run after a restart). */
  close(): void {
    this.closed = true;
    this.liquidity?.stop();
    this.store?.close();
  }

  // ---------------------------------------------------------------- execution

  /** The worst price a MARKET order accepts: mark × (1 ± price_bands_width), on the tick grid. */
  private bandPrice(market: ParadexMarket, side: 'BUY' | 'SELL'): Decimal | null {
    const mark = this.engine.markPrice(market.engine.id);
    if (!mark) return null;
    if (side === 'BUY') return ceilToStep(mark.mul(new Decimal(1).add(market.priceBand)), market.tickSize);
    return Decimal.max(floorToStep(mark.mul(new Decimal(1).sub(market.priceBand)), market.tickSize), market.tickSize);
  }

  private execute(record: OrderRecord): void {
    if (this.closed) return;
    const o = record.request;
    const { market, account } = record;
    if (record.cancelRequested) return this.closeRecord(record, CANCEL_REASONS.canceled);
    const faulted = this.faults.takeOrderRejection();
    if (faulted) return this.closeRecord(record, faulted);
    const mark = this.engine.markPrice(market.engine.id);
    const position = this.engine.ledger.position(account.engineId, market.engine.id).size;
    const closesPosition = o.reduceOnly && o.size.eq(position.abs());
    const refPrice = o.price ?? mark;
    if (!closesPosition && refPrice && o.size.mul(refPrice).lt(market.minNotional)) return this.closeRecord(record, BELOW_MIN_REASON);
    const after = position.add(o.side === 'BUY' ? o.size : o.size.neg()).abs();
    if (!o.reduceOnly && after.gt(position.abs()) && after.gt(market.positionLimit)) return this.closeRecord(record, POSITION_LIMIT_REASON);
    const price = o.price ?? this.bandPrice(market, o.side);
    if (!price) return this.closeRecord(record, CANCEL_REASONS['no-liquidity']);
    const result = this.engine.submit(
      {
        accountId: account.engineId,
        marketId: market.engine.id,
        clientOrderId: record.ref,
        side: o.side === 'BUY' ? 'buy' : 'sell',
        type: o.type === 'MARKET' ? 'market' : 'limit',
        timeInForce: o.instruction === 'IOC' ? 'IOC' : o.instruction === 'POST_ONLY' ? 'POST_ONLY' : 'GTT',
        price,
        size: o.size,
        reduceOnly: o.reduceOnly,
        expiresAt: 0,
      },
      { fillFraction: this.faults.fillFraction ?? undefined, onReject: 'cancel', selfTrade: selfTradePolicy(o.stp) },
    );
    if (!result.ok) this.closeRecord(record, rejectReason(result.reason));
  }

  private closeRecord(record: OrderRecord, reason: string): void {
    record.closedReason = reason;
    record.lastUpdatedAt = this.clock.now();
    record.seqNo = this.takeSeq();
    this.emit('order', record);
  }

  private onEngineOrder(o: EngineOrder): void {
    const record = o.clientOrderId > 0 ? this.byRef.get(o.clientOrderId) : undefined;
    if (!record || record.account.engineId !== o.accountId) return;
    record.engineOrder = o;
    record.lastUpdatedAt = o.updatedAt;
    record.seqNo = this.takeSeq();
    this.emit('order', record);
  }

  private onTrade(t: EngineTrade): void {
    this.recordFill(t, 'TAKER', t.takerAccountId, t.takerClientOrderId, t.takerSide === 'buy' ? 'BUY' : 'SELL', t.takerFee, t.takerBefore);
    this.recordFill(t, 'MAKER', t.makerAccountId, t.makerClientOrderId, t.takerSide === 'buy' ? 'SELL' : 'BUY', t.makerFee, t.makerBefore);
  }

  private recordFill(t: EngineTrade, liquidity: 'TAKER' | 'MAKER', engineId: number, ref: number, side: 'BUY' | 'SELL', fee: Decimal, before: PositionBefore): void {
    const account = this.registry.byEngine(engineId);
    if (!account) return;
    const order = this.byRef.get(ref) ?? null;
    const avgEntry = before.size.isZero() ? new Decimal(0) : before.entryQuote.div(before.size.abs());
    const signed = side === 'BUY' ? t.size : t.size.neg();
    const { realized } = tradePosition({ size: before.size, avgEntry, realizedPnl: new Decimal(0) }, signed, t.price);
    const after = this.engine.ledger.get(engineId)!.collateral;
    const previousFills = (this.accountFills.get(engineId) ?? []).filter((f) => f.order === order && order !== null);
    const filledBefore = previousFills.reduce((sum, f) => sum.add(f.size), new Decimal(0));
    const fill: FillRecord = {
      id: `${t.timestamp}${String(t.id).padStart(14, '0')}${liquidity === 'TAKER' ? 1 : 2}`,
      account,
      order,
      market: this.byId.get(t.marketId)!,
      side,
      liquidity,
      price: t.price,
      size: t.size,
      fee,
      remainingSize: order ? order.request.size.sub(filledBefore).sub(t.size) : new Decimal(0),
      realizedPnl: realized,
      balanceBefore: after.sub(realized).add(fee),
      balanceAfter: after,
      createdAt: t.timestamp,
    };
    this.remember(this.accountFills, engineId, fill);
    this.emit('fill', fill);
  }

  /** Appends to a bounded per-account history, dropping the oldest items `canDrop` allows. */
  private remember<T>(store: Map<number, T[]>, engineId: number, item: T, canDrop: (old: T) => boolean = () => true, onDrop?: (old: T) => void): void {
    let list = store.get(engineId);
    if (!list) store.set(engineId, (list = []));
    list.push(item);
    while (list.length > HISTORY_PER_ACCOUNT) {
      const index = list.findIndex(canDrop);
      if (index < 0) break;
      onDrop?.(list.splice(index, 1)[0]!);
    }
  }
}
