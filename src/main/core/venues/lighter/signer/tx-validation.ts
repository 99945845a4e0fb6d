/**
 * The validation the official signer runs before signing (lighter.md §3.2,
 * §3.5; lighter-go types/txtypes/create_order.go, cancel_order.go,
 * cancel_all_orders.go, modify_order.go `Validate`, constants.go), for the four
 * transactions HedgeDesk signs. The paper signer runs it so that a paper
 * account rejects exactly what a live one would reject before anything is sent.
 * Fields carry their Go (`tx_info` JSON) names.
 */
import { LighterTxValidationError } from './signer-errors';

const TWO_POW_48 = 2 ** 48;
/** lighter-go constants.go. */
const LIMITS = {
  maxAccountIndex: TWO_POW_48 - 2,
  maxApiKeyIndex: 254,
  maxPerpMarket: 254,
  minSpotMarket: 2048,
  maxSpotMarket: 4094,
  maxClientOrderIndex: TWO_POW_48 - 1,
  maxBaseAmount: TWO_POW_48 - 1,
  maxPrice: 2 ** 32 - 1,
  maxTimestamp: TWO_POW_48 - 1,
} as const;

/** Fields every signed L2 transaction carries. */
export interface TxEnvelope {
  AccountIndex: number;
  ApiKeyIndex: number;
  /** Unix ms; expiry of the transaction itself. */
  ExpiredAt: number;
  Nonce: number;
}

/** CreateOrder (14) fields before signing, Go names (lighter.md §3.2). */
export interface CreateOrderTx extends TxEnvelope {
  MarketIndex: number;
  ClientOrderIndex: number;
  BaseAmount: number;
  Price: number;
  IsAsk: number;
  Type: number;
  TimeInForce: number;
  ReduceOnly: number;
  TriggerPrice: number;
  OrderExpiry: number;
}

/** CancelOrder (15) fields before signing (lighter.md §3.5). */
export interface CancelOrderTx extends TxEnvelope {
  MarketIndex: number;
  Index: number;
}

/** CancelAllOrders (16) fields before signing (lighter.md §3.5). */
export interface CancelAllOrdersTx extends TxEnvelope {
  TimeInForce: number;
  Time: number;
}

/** ModifyOrder (17) fields before signing (lighter.md §3.5). */
export interface ModifyOrderTx extends TxEnvelope {
  MarketIndex: number;
  Index: number;
  BaseAmount: number;
  Price: number;
  TriggerPrice: number;
}

function fail(field: string, rule: string, value: number): never {
  throw new LighterTxValidationError(field, `${field} ${rule}, got ${String(value)}`);
}

/** Every field is an integer (JSON numbers the signer reads as Go integers). */
function integers(tx: object): void {
  for (const [field, value] of Object.entries(tx)) {
    if (!Number.isSafeInteger(value)) fail(field, 'must be an integer below 2^53', value as number);
  }
}

function inRange(field: string, value: number, min: number, max: number, what = ''): void {
  if (value < min || value > max) fail(field, `must be ${min} … ${max}${what}`, value);
}

function envelope(tx: TxEnvelope): void {
  integers(tx);
  inRange('AccountIndex', tx.AccountIndex, 0, LIMITS.maxAccountIndex);
  inRange('ApiKeyIndex', tx.ApiKeyIndex, 0, LIMITS.maxApiKeyIndex);
  if (tx.Nonce < 0) fail('Nonce', 'must be ≥ 0', tx.Nonce);
  inRange('ExpiredAt', tx.ExpiredAt, 0, LIMITS.maxTimestamp, ' (Unix ms)');
}

function isPerpMarket(market: number): boolean {
  return market >= 0 && market <= LIMITS.maxPerpMarket;
}

function marketIndex(market: number): void {
  const spot = market >= LIMITS.minSpotMarket && market <= LIMITS.maxSpotMarket;
  if (!isPerpMarket(market) && !spot) fail('MarketIndex', `must be a perp market 0 … ${LIMITS.maxPerpMarket} or a spot market ${LIMITS.minSpotMarket} … ${LIMITS.maxSpotMarket}`, market);
}

/** `Index` of cancel/modify: a client order index (1 … 2^48−1) or an exchange order index (2^48 … 2^60−1) (lighter.md §3.2). */
function orderIndex(index: number): void {
  if (index < 1) fail('Index', 'must be a client order index (1 … 2^48−1) or an order index (≥ 2^48)', index);
}

function triggerPrice(value: number): void {
  if (value !== 0) inRange('TriggerPrice', value, 1, LIMITS.maxPrice, ' or 0 (none)');
}

/**
 * CreateOrder rules: ranges of MarketIndex, ClientOrderIndex (0 = none),
 * BaseAmount (0 only when reduce-only), Price, TriggerPrice; IsAsk/ReduceOnly
 * 0|1, no reduce-only on spot; TimeInForce 0|1|2; OrderExpiry 0 or ≥ 1;
 * market ⇒ IOC, OrderExpiry 0, TriggerPrice 0; limit ⇒ TriggerPrice 0, IOC ⇒
 * OrderExpiry 0, GTT/post-only ⇒ OrderExpiry ≠ 0. Order types other than
 * limit (0) and market (1) are not signed by HedgeDesk.
 * @throws LighterTxValidationError naming the field.
 */
export function validateCreateOrder(tx: CreateOrderTx): void {
  envelope(tx);
  marketIndex(tx.MarketIndex);
  if (tx.ClientOrderIndex !== 0) inRange('ClientOrderIndex', tx.ClientOrderIndex, 1, LIMITS.maxClientOrderIndex, ' or 0 (none)');
  if (tx.BaseAmount === 0 && tx.ReduceOnly !== 1) fail('BaseAmount', 'may be 0 only on a reduce-only order', tx.BaseAmount);
  inRange('BaseAmount', tx.BaseAmount, 0, LIMITS.maxBaseAmount);
  inRange('Price', tx.Price, 1, LIMITS.maxPrice, ' (price × 10^price_decimals)');
  inRange('IsAsk', tx.IsAsk, 0, 1);
  inRange('TimeInForce', tx.TimeInForce, 0, 2, ' (0 IOC, 1 GTT, 2 post-only)');
  inRange('ReduceOnly', tx.ReduceOnly, 0, 1);
  if (tx.ReduceOnly === 1 && !isPerpMarket(tx.MarketIndex)) fail('ReduceOnly', 'is not allowed on a spot market', tx.ReduceOnly);
  if (tx.OrderExpiry < 0) fail('OrderExpiry', 'must be 0 (none) or a Unix ms timestamp', tx.OrderExpiry);
  if (tx.Type === 1) {
    if (tx.TimeInForce !== 0) fail('TimeInForce', 'must be 0 (IOC) on a market order', tx.TimeInForce);
    if (tx.OrderExpiry !== 0) fail('OrderExpiry', 'must be 0 on a market order', tx.OrderExpiry);
    if (tx.TriggerPrice !== 0) fail('TriggerPrice', 'must be 0 on a market order', tx.TriggerPrice);
  } else if (tx.Type === 0) {
    if (tx.TriggerPrice !== 0) fail('TriggerPrice', 'must be 0 on a limit order', tx.TriggerPrice);
    if (tx.TimeInForce === 0 && tx.OrderExpiry !== 0) fail('OrderExpiry', 'must be 0 on an IOC limit order', tx.OrderExpiry);
    if (tx.TimeInForce !== 0 && tx.OrderExpiry === 0) fail('OrderExpiry', 'must be set (not 0) on a good-till-time or post-only order', tx.OrderExpiry);
  } else {
    fail('Type', 'must be 0 (limit) or 1 (market)', tx.Type);
  }
  triggerPrice(tx.TriggerPrice);
}

/**
 * CancelOrder rules: MarketIndex a valid market, Index a client or exchange order index.
 * @throws LighterTxValidationError naming the field.
 */
export function validateCancelOrder(tx: CancelOrderTx): void {
  envelope(tx);
  marketIndex(tx.MarketIndex);
  orderIndex(tx.Index);
}

/**
 * CancelAllOrders rules: TimeInForce 0 immediate (Time 0), 1 scheduled (Time a
 * Unix ms timestamp ≥ 1), 2 abort a scheduled cancel (Time 0).
 * @throws LighterTxValidationError naming the field.
 */
export function validateCancelAllOrders(tx: CancelAllOrdersTx): void {
  envelope(tx);
  if (tx.TimeInForce === 1) {
    if (tx.Time < 1) fail('Time', 'must be a Unix ms timestamp on a scheduled cancel-all', tx.Time);
  } else if (tx.TimeInForce === 0 || tx.TimeInForce === 2) {
    if (tx.Time !== 0) fail('Time', 'must be 0 on an immediate cancel-all or when aborting a scheduled one', tx.Time);
  } else {
    fail('TimeInForce', 'must be 0 (immediate), 1 (scheduled) or 2 (abort scheduled)', tx.TimeInForce);
  }
}

/**
 * ModifyOrder rules: MarketIndex, Index, BaseAmount 0 … 2^48−1, Price 1 … 2^32−1, TriggerPrice 0 or in range.
 * @throws LighterTxValidationError naming the field.
 */
export function validateModifyOrder(tx: ModifyOrderTx): void {
  envelope(tx);
  marketIndex(tx.MarketIndex);
  orderIndex(tx.Index);
  inRange('BaseAmount', tx.BaseAmount, 0, LIMITS.maxBaseAmount);
  inRange('Price', tx.Price, 1, LIMITS.maxPrice, ' (price × 10^price_decimals)');
  triggerPrice(tx.TriggerPrice);
}
