import Decimal from 'decimal.js';
import { accountMargin } from '../engine/margin';
import type { EngineOrder, OrderRequest, RejectReason } from '../engine/order';
import type { SimAccount } from './account-registry';
import { LighterError } from './lighter-error';
import { FIRST_ORDER_INDEX, txHashOf, type LighterExchange, type TxContext } from './lighter-exchange';
import type { LighterMarket } from './markets';
import { parseTx, selfTradePolicyOf, txAttribute, type CancelAllInfo, type ChangePubKeyInfo, type CancelOrderInfo, type CreateOrderInfo, type ModifyOrderInfo, type ParsedTx, type UpdateLeverageInfo } from './tx-info';

/** One transaction as sent: `tx_type` and `tx_info` (a JSON string, or the decoded object of WS sendtx). */
export interface TxSubmission {
  txType: number;
  txInfo: unknown;
}

/** What an accepted sendTx / sendTxBatch answers with. */
export interface TxAcceptance {
  txHashes: string[];
  /** Unix ms; the sim executes right after answering. */
  predictedExecutionMs: number;
}

/** Largest batch (lighter.md §1.10, error 21514). */
const MAX_BATCH = 50;
const MIN_ORDER_EXPIRY_MS = 5 * 60_000;
const MAX_ORDER_EXPIRY_MS = 30 * 86_400_000;
const MIN_CANCEL_ALL_MS = 5 * 60_000;
const MAX_CANCEL_ALL_MS = 15 * 86_400_000;
/** Clock skew tolerated on expiry windows. */
const SKEW_MS = 1000;

const REJECT_CODES: Record<RejectReason, number> = {
  'unknown-market': 21602,
  'unknown-account': 21100,
  'market-inactive': 21605,
  'market-reduce-only': 21740,
  'invalid-size': 21701,
  'invalid-price': 21702,
  'below-minimum': 21706,
  'above-maximum': 21706,
  'reduce-only-increases': 21732,
  'insufficient-margin': 21739,
};

interface Plan {
  hash: string;
  context: TxContext;
  run: () => void;
}

function scaled(value: number, decimals: number): Decimal {
  return new Decimal(value).div(new Decimal(10).pow(decimals));
}

/**
 * Lighter's transaction intake. A tx is first validated as Lighter's API
 * server would: structure and ranges (`tx-info.ts`), account, nonce (exactly
 * the key's next one, or larger with the skip-nonce attribute), ExpiredAt in
 * the future, market, expiry window, integer scaling against the market
 * limits, client order index uniqueness, reduce-only direction and the
 * initial-margin pre-check. Any failure is an HTTP 400 `{code, message}` and
 * consumes no nonce. An accepted tx consumes its nonce and executes right
 * after the answer (FIFO, one block per tx); what happens to the order then
 * is reported as order status (canceled-post-only, -reduce-only,
 * -margin-not-allowed, -not-enough-liquidity, -too-much-slippage, …), never
 * as an error. A batch is all-or-nothing at validation.
 */
export class TxProcessor {
  private readonly queue: (() => void)[] = [];
  private scheduled = false;
  private closed = false;
  private readonly pendingClientIds = new Set<string>();

  constructor(private readonly venue: LighterExchange) {}

  /**
   * Validates and accepts one or more txs of one (account, API key).
   * @throws LighterError for the first invalid tx (21513/21514 for batch shape,
   *   21121 for mixed owners, 21104 / 21105 for nonces, the tx's own error otherwise).
   */
  submit(txs: readonly TxSubmission[]): TxAcceptance {
    if (txs.length === 0) throw new LighterError(21501, 'empty batch');
    if (txs.length > MAX_BATCH) throw new LighterError(21514);
    const parsed = txs.map((t) => parseTx(t.txType, t.txInfo));
    const first = parsed[0]!.info;
    if (parsed.some((t) => t.info.AccountIndex !== first.AccountIndex || t.info.ApiKeyIndex !== first.ApiKeyIndex)) throw new LighterError(21121);
    const { registry, faults, clock } = this.venue;
    const account = registry.get(first.AccountIndex);
    if (!account) throw new LighterError(21100);
    const key = registry.apiKey(account, first.ApiKeyIndex);
    const now = clock.now();
    const batchClientIds = new Set<string>();
    const plans: Plan[] = [];
    let expected = key.nextNonce;
    parsed.forEach((tx, i) => {
      if (faults.takeInvalidNonce()) throw new LighterError(21104);
      const skip = txAttribute(tx.info, 4) === 1;
      if (skip ? tx.info.Nonce < expected : tx.info.Nonce !== expected) throw new LighterError(i === 0 ? 21104 : 21105);
      expected = tx.info.Nonce + 1;
      if (tx.info.ExpiredAt <= now) throw new LighterError(21711);
      const raw = txs[i]!.txInfo;
      const hash = txHashOf(typeof raw === 'string' ? raw : JSON.stringify(raw));
      plans.push(this.plan(tx, account, hash, batchClientIds));
    });
    key.nextNonce = expected;
    key.transactionTime = now * 1000;
    parsed.forEach((tx, i) => {
      const raw = txs[i]!.txInfo;
      this.venue.txLog.queued({
        hash: plans[i]!.hash,
        txType: tx.type,
        info: typeof raw === 'string' ? raw : JSON.stringify(raw),
        accountIndex: account.index,
        apiKeyIndex: tx.info.ApiKeyIndex,
        l1Address: account.l1Address,
        nonce: tx.info.Nonce,
        expireAt: tx.info.ExpiredAt,
        queuedAt: now,
      });
    });
    for (const p of plans) {
      this.enqueue(() => {
        this.venue.execute(p.context, p.run);
        this.venue.txLog.executed(p.hash, this.venue.blockHeight(), this.venue.clock.now());
      });
    }
    return { txHashes: plans.map((p) => p.hash), predictedExecutionMs: now };
  }

  /** Drops queued executions; later submissions are refused. */
  close(): void {
    this.closed = true;
    this.queue.length = 0;
  }

  private enqueue(task: () => void): void {
    if (this.closed) throw new LighterError(29500, 'simulator is shutting down');
    this.queue.push(task);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.queue.length > 0) this.queue.shift()!();
    });
  }

  private plan(tx: ParsedTx, account: SimAccount, hash: string, batchClientIds: Set<string>): Plan {
    const context = { txHash: hash, nonce: tx.info.Nonce };
    switch (tx.type) {
      case 8:
        return { hash, context, run: this.planChangePubKey(tx.info, account) };
      case 14:
        return { hash, context, run: this.planCreate(tx.info, account, batchClientIds) };
      case 15:
        return { hash, context, run: this.planCancel(tx.info, account, batchClientIds) };
      case 16:
        return { hash, context, run: this.planCancelAll(tx.info, account) };
      case 17:
        return { hash, context, run: this.planModify(tx.info, account) };
      case 20:
        return { hash, context, run: this.planLeverage(tx.info, account) };
    }
  }

  private market(marketIndex: number): LighterMarket {
    const market = this.venue.market(marketIndex);
    if (!market) throw new LighterError(21602);
    this.venue.touchMarket(marketIndex);
    return market;
  }

  private precheck(req: OrderRequest, excludeOrderId?: number): void {
    const reason = this.venue.engine.precheck(req, excludeOrderId);
    if (reason) throw new LighterError(REJECT_CODES[reason]);
  }

  private planCreate(o: CreateOrderInfo, account: SimAccount, batchClientIds: Set<string>): () => void {
    const market = this.market(o.MarketIndex);
    const now = this.venue.clock.now();
    if (o.OrderExpiry !== 0 && (o.OrderExpiry < now + MIN_ORDER_EXPIRY_MS - SKEW_MS || o.OrderExpiry > now + MAX_ORDER_EXPIRY_MS + SKEW_MS)) {
      throw new LighterError(21711);
    }
    const req: OrderRequest = {
      accountId: account.index,
      marketId: o.MarketIndex,
      clientOrderId: o.ClientOrderIndex,
      side: o.IsAsk === 1 ? 'sell' : 'buy',
      type: o.Type === 1 ? 'market' : 'limit',
      timeInForce: o.TimeInForce === 0 ? 'IOC' : o.TimeInForce === 1 ? 'GTT' : 'POST_ONLY',
      price: scaled(o.Price, market.priceDecimals),
      size: scaled(o.BaseAmount, market.sizeDecimals),
      reduceOnly: o.ReduceOnly === 1,
      expiresAt: o.OrderExpiry,
    };
    const cid = `${account.index}:${o.ClientOrderIndex}`;
    if (o.ClientOrderIndex !== 0) {
      const taken = this.venue.engine.openOrderByClientId(account.index, o.ClientOrderIndex) || this.pendingClientIds.has(cid) || batchClientIds.has(cid);
      if (taken) throw new LighterError(21728);
    }
    this.precheck(req);
    const selfTrade = selfTradePolicyOf(o);
    const injected = this.venue.faults.takeOrderRejection();
    if (injected) throw injected;
    if (o.ClientOrderIndex !== 0) batchClientIds.add(cid);
    this.pendingClientIds.add(cid);
    return () => {
      this.pendingClientIds.delete(cid);
      this.venue.engine.submit(req, { onReject: 'cancel', fillFraction: this.venue.faults.fillFraction ?? undefined, selfTrade });
    };
  }

  /**
   * ChangePubKey (tx type 8): registers `PubKey` as the API key of slot
   * `ApiKeyIndex` (what `apikeys` then reports); the nonce is consumed like any tx.
   * Neither `Sig` nor `L1Sig` is verified (the sim checks no signature).
   */
  private planChangePubKey(c: ChangePubKeyInfo, account: SimAccount): () => void {
    const publicKey = Buffer.from(c.PubKey, 'base64').toString('hex');
    return () => {
      this.venue.registry.apiKey(account, c.ApiKeyIndex).publicKey = publicKey;
    };
  }

  /** The account's resting order in the market named by `index` (exchange order index or client order index). */
  private findOrder(account: SimAccount, marketIndex: number, index: number): EngineOrder | undefined {
    const { engine } = this.venue;
    const order = index >= FIRST_ORDER_INDEX ? engine.order(index) : engine.openOrderByClientId(account.index, index);
    if (order && order.accountId !== account.index) throw new LighterError(21707);
    return order && order.status === 'open' && order.marketId === marketIndex ? order : undefined;
  }

  private planCancel(c: CancelOrderInfo, account: SimAccount, batchClientIds: Set<string>): () => void {
    this.market(c.MarketIndex);
    const cid = `${account.index}:${c.Index}`;
    const pending = c.Index < FIRST_ORDER_INDEX && (this.pendingClientIds.has(cid) || batchClientIds.has(cid));
    if (!this.findOrder(account, c.MarketIndex, c.Index) && !pending) throw new LighterError(21600);
    return () => {
      const order = this.findOrder(account, c.MarketIndex, c.Index);
      if (order) this.venue.engine.cancel(account.index, order.id);
    };
  }

  private planCancelAll(c: CancelAllInfo, account: SimAccount): () => void {
    const { engine, clock } = this.venue;
    if (c.TimeInForce === 1) {
      const now = clock.now();
      if (c.Time < now + MIN_CANCEL_ALL_MS - SKEW_MS || c.Time > now + MAX_CANCEL_ALL_MS + SKEW_MS) throw new LighterError(21714);
      return () => {
        account.cancelAllTime = c.Time;
      };
    }
    if (c.TimeInForce === 2) {
      return () => {
        account.cancelAllTime = 0;
      };
    }
    const market = c.L2TxAttributes?.['5'];
    if (market !== undefined && market !== 255) this.market(market);
    return () => {
      engine.cancelAll(account.index, market === undefined || market === 255 ? undefined : market);
    };
  }

  private planModify(m: ModifyOrderInfo, account: SimAccount): () => void {
    const market = this.market(m.MarketIndex);
    const order = this.findOrder(account, m.MarketIndex, m.Index);
    if (!order) throw new LighterError(21600);
    const price = scaled(m.Price, market.priceDecimals);
    const size = scaled(m.BaseAmount, market.sizeDecimals);
    this.precheck({ ...order, price, size }, order.id);
    const selfTrade = selfTradePolicyOf(m);
    return () => {
      const current = this.findOrder(account, m.MarketIndex, m.Index);
      if (current) this.venue.engine.modify(account.index, current.id, price, size, selfTrade);
    };
  }

  private planLeverage(u: UpdateLeverageInfo, account: SimAccount): () => void {
    const market = this.market(u.MarketIndex);
    if (u.InitialMarginFraction < market.spec.min_initial_margin_fraction) throw new LighterError(21113);
    if (u.MarginMode !== 0) throw new LighterError(21613, 'isolated margin is not simulated');
    const { engine } = this.venue;
    const fraction = new Decimal(u.InitialMarginFraction).div(10_000);
    const ledger = engine.ledger.get(account.index)!;
    if (fraction.gt(engine.initialMarginFraction(account.index, u.MarketIndex))) {
      const exposures = engine.exposures(account.index).map((e) => (e.marketId === u.MarketIndex ? { ...e, initialMarginFraction: fraction } : e));
      if (accountMargin(ledger.collateral, exposures).available.isNeg()) throw new LighterError(21508);
    }
    return () => {
      engine.setInitialMarginFraction(account.index, u.MarketIndex, fraction);
    };
  }
}

/**
 * The txs of a sendTxBatch (REST form fields) or `jsonapi/sendtxbatch`: `tx_types`
 * and `tx_infos` are JSON-encoded strings of arrays (lighter.md §1.10, §6.5).
 * @throws LighterError 21501 for malformed fields, 21513 for different lengths.
 */
export function parseBatch(txTypes: unknown, txInfos: unknown): TxSubmission[] {
  let types: unknown;
  let infos: unknown;
  try {
    types = JSON.parse(String(txTypes));
    infos = JSON.parse(String(txInfos));
  } catch {
    throw new LighterError(21501, 'tx_types and tx_infos must be JSON-encoded arrays');
  }
  if (!Array.isArray(types) || !Array.isArray(infos)) throw new LighterError(21501, 'tx_types and tx_infos must be JSON-encoded arrays');
  if (types.length !== infos.length) throw new LighterError(21513);
  return types.map((t, i) => ({ txType: Number(t), txInfo: infos[i] }));
}

/** Rate-limit key of a tx submission: the sending account's L1 address, else the client IP. */
export function txRateKey(venue: LighterExchange, submissions: readonly TxSubmission[], ip: string): string {
  const info = submissions[0]?.txInfo;
  let accountIndex: unknown;
  try {
    accountIndex = (typeof info === 'string' ? JSON.parse(info) : (info as Record<string, unknown> | undefined))?.AccountIndex;
  } catch {
    accountIndex = undefined;
  }
  const account = typeof accountIndex === 'number' ? venue.registry.get(accountIndex) : undefined;
  return account ? `l1:${account.l1Address.toLowerCase()}` : `ip:${ip}`;
}
