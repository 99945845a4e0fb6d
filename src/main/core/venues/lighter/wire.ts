/**
 * Lighter's JSON on the wire: zod schemas and their inferred types for the
 * REST responses, the WebSocket messages (both directions) and the signed
 * `tx_info` objects. Shared by the Lighter client and the Lighter simulator,
 * so both speak exactly the same field names and types.
 *
 * Conventions (checked against `shared/data/lighter/`, lighter.md §1, §3, §6):
 * - Prices, sizes and money are **decimal strings** already scaled to human
 *   units (`"3430.00"`, `"0.2000"`); ids, indexes, counts, nonces, decimals and
 *   timestamps (Unix ms) are JSON **numbers** (integers). Exceptions are noted
 *   per field (e.g. `order_id` is the order index as a string).
 * - Per-trade fees (`maker_fee`, `taker_fee`) are integers in millionths
 *   (§1.7, §8); market-list fees are percentage strings (§8).
 * - Schemas are tolerant: unknown fields are accepted (and stripped), fields the
 *   client does not read are optional. Fields the client reads are required, so
 *   a simulator must send them.
 */
import { z } from 'zod';

/** A non-negative or negative decimal number written as a string, e.g. `"3430.00"`, `"-0.02594"`. */
export const decimalString = z.string().regex(/^-?\d+(\.\d+)?$/, 'expected a decimal string');
/** A JSON integer (Lighter ids and indexes stay below 2^53). */
const int = z.number().int();

// ---------------------------------------------------------------------------
// Common REST envelope and errors (lighter.md §0, §7.1)
// ---------------------------------------------------------------------------

/**
 * Error body of a failed REST call (HTTP 400, sometimes 429/5xx):
 * `{"code": 21104, "message": "invalid nonce"}` (lighter.md §0, §4).
 */
export const restErrorSchema = z.object({ code: int, message: z.string().optional() });
/** The parsed form of {@link restErrorSchema}. */
export type RestError = z.infer<typeof restErrorSchema>;

/** `GET /` root status: `{"status":200,"network_id":1,"timestamp":1763005601}` (Unix seconds; lighter.md §0). */
export const rootStatusSchema = z.object({ status: int, network_id: int.optional(), timestamp: int.optional() });
/** The parsed form of {@link rootStatusSchema}. */
export type RootStatus = z.infer<typeof rootStatusSchema>;

// ---------------------------------------------------------------------------
// Markets: GET /api/v1/orderBookDetails (lighter.md §1.1, §8)
// ---------------------------------------------------------------------------

/** `market_config` of a perp market; `force_reduce_only: true` = only reducing orders accepted (§1.1). */
export const marketConfigSchema = z.object({
  market_margin_mode: int.optional(),
  insurance_fund_account_index: int.optional(),
  liquidation_mode: int.optional(),
  force_reduce_only: z.boolean(),
  trading_hours: z.string().optional(),
  funding_fee_discounts_enabled: z.boolean().optional(),
  hidden: z.boolean().optional(),
  rfq_enabled: z.boolean().optional(),
});
/** The parsed form of {@link marketConfigSchema}. */
export type MarketConfig = z.infer<typeof marketConfigSchema>;

/**
 * One market of `orderBookDetails` (perp or spot; spot entries have no
 * margin/funding fields and no `market_config`). `taker_fee`/`maker_fee` are
 * percentage strings (`"0.0200"` = 0.02 %); `min_base_amount` is in base units,
 * `min_quote_amount` and `order_quote_limit` in USDC (`order_quote_limit` may be
 * `""` in older payloads); margin fractions are in 1/10,000 (§1.1, §8).
 */
export const orderBookDetailSchema = z.object({
  symbol: z.string(),
  market_id: int,
  /** `"perp"` or `"spot"`; absent in older payloads (ccxt fixture), where every entry is a perp. */
  market_type: z.string().optional(),
  base_asset_id: int.optional(),
  quote_asset_id: int.optional(),
  /** `"active"` or `"inactive"`. */
  status: z.string(),
  taker_fee: decimalString,
  is_taker_fee_enabled: z.boolean().optional(),
  maker_fee: decimalString,
  is_maker_fee_enabled: z.boolean().optional(),
  liquidation_fee: decimalString.optional(),
  min_base_amount: decimalString,
  min_quote_amount: decimalString,
  order_quote_limit: z.string(),
  supported_size_decimals: int.optional(),
  supported_price_decimals: int.optional(),
  supported_quote_decimals: int.optional(),
  size_decimals: int,
  price_decimals: int,
  display_size_decimals: int.optional(),
  display_price_decimals: int.optional(),
  quote_multiplier: int.optional(),
  default_initial_margin_fraction: int.optional(),
  min_initial_margin_fraction: int.optional(),
  maintenance_margin_fraction: int.optional(),
  closeout_margin_fraction: int.optional(),
  market_config: marketConfigSchema.optional(),
  market_flags: int.optional(),
  strategy_index: int.optional(),
  funding_clamp_small: decimalString.optional(),
  funding_clamp_big: decimalString.optional(),
  funding_premium_multiplier: int.optional(),
  base_interest_rate: decimalString.optional(),
  /** Unix ms as a string. */
  created_at: z.string().optional(),
  multiplier: z.string().optional(),
});
/** The parsed form of {@link orderBookDetailSchema}. */
export type OrderBookDetail = z.infer<typeof orderBookDetailSchema>;

/** `GET /api/v1/orderBookDetails` → `{code, order_book_details, spot_order_book_details}` (§1.1). */
export const orderBookDetailsResponseSchema = z.object({
  code: int,
  order_book_details: z.array(orderBookDetailSchema),
  spot_order_book_details: z.array(orderBookDetailSchema).optional(),
});
/** The parsed form of {@link orderBookDetailsResponseSchema}. */
export type OrderBookDetailsResponse = z.infer<typeof orderBookDetailsResponseSchema>;

// ---------------------------------------------------------------------------
// Book snapshot over REST: GET /api/v1/orderBookOrders (lighter.md §1.3)
// ---------------------------------------------------------------------------

/** One resting order of `orderBookOrders` (not aggregated). `order_id` = `order_index` as a string. */
export const restingOrderSchema = z.object({
  order_index: int,
  order_id: z.string(),
  owner_account_index: int,
  initial_base_amount: decimalString,
  remaining_base_amount: decimalString,
  price: decimalString,
  order_expiry: int,
});
/** The parsed form of {@link restingOrderSchema}. */
export type RestingOrder = z.infer<typeof restingOrderSchema>;

/** `GET /api/v1/orderBookOrders?market_id=&limit=` → best-first asks and bids (§1.3). */
export const orderBookOrdersResponseSchema = z.object({
  code: int,
  total_asks: int,
  asks: z.array(restingOrderSchema),
  total_bids: int,
  bids: z.array(restingOrderSchema),
});
/** The parsed form of {@link orderBookOrdersResponseSchema}. */
export type OrderBookOrdersResponse = z.infer<typeof orderBookOrdersResponseSchema>;

// ---------------------------------------------------------------------------
// Accounts (lighter.md §1.4, §1.5)
// ---------------------------------------------------------------------------

/**
 * A position inside an account (REST `account`, WS `account_all`). `position`
 * is the absolute size, `sign` 1 = long, −1 = short (0 may appear for a flat
 * position); `initial_margin_fraction` is a percent string (§1.5).
 */
export const accountPositionSchema = z.object({
  market_id: int,
  symbol: z.string(),
  initial_margin_fraction: z.string().optional(),
  open_order_count: int.optional(),
  pending_order_count: int.optional(),
  position_tied_order_count: int.optional(),
  sign: int,
  position: decimalString,
  avg_entry_price: decimalString,
  position_value: decimalString.optional(),
  unrealized_pnl: decimalString,
  realized_pnl: decimalString.optional(),
  /** Usually a decimal string; `""`/`"0"` when there is none. */
  liquidation_price: z.string().optional(),
  total_funding_paid_out: z.string().optional(),
  /** 0 cross, 1 isolated. */
  margin_mode: int.optional(),
  allocated_margin: decimalString.optional(),
});
/** The parsed form of {@link accountPositionSchema}. */
export type AccountPosition = z.infer<typeof accountPositionSchema>;

/** A spot balance: `balance` and `locked_balance` in the asset's units (§1.5). */
export const accountAssetSchema = z.object({
  symbol: z.string(),
  asset_id: int,
  balance: decimalString,
  locked_balance: decimalString,
});
/** The parsed form of {@link accountAssetSchema}. */
export type AccountAsset = z.infer<typeof accountAssetSchema>;

/**
 * The leading fields of an account, shared by `DetailedAccount` and the
 * `accountsByL1Address` entries, in the recorded order (§1.4, §1.5).
 * `collateral` and `available_balance` are USDC decimal strings.
 */
const accountBaseShape = {
  code: int.optional(),
  /** 0 main, 1 sub. */
  account_type: int.optional(),
  index: int,
  l1_address: z.string().optional(),
  cancel_all_time: int.optional(),
  total_order_count: int.optional(),
  total_isolated_order_count: int.optional(),
  pending_order_count: int.optional(),
  available_balance: decimalString,
  status: int.optional(),
  collateral: decimalString,
};

/**
 * `DetailedAccount` of `GET /api/v1/account` (§1.5). `collateral` and
 * `available_balance` are USDC decimal strings; `index` = `account_index`.
 */
export const detailedAccountSchema = z.object({
  ...accountBaseShape,
  account_index: int.optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  can_invite: z.boolean().optional(),
  referral_points_percentage: z.string().optional(),
  positions: z.array(accountPositionSchema),
  assets: z.array(accountAssetSchema).optional(),
  total_asset_value: decimalString.optional(),
  cross_asset_value: decimalString.optional(),
  shares: z.array(z.unknown()).optional(),
});
/** The parsed form of {@link detailedAccountSchema}. */
export type DetailedAccount = z.infer<typeof detailedAccountSchema>;

/** `GET /api/v1/account?by=index|l1_address&value=` → `{code, total, accounts}` (§1.4). */
export const accountResponseSchema = z.object({
  code: int,
  total: int.optional(),
  accounts: z.array(detailedAccountSchema),
});
/** The parsed form of {@link accountResponseSchema}. */
export type AccountResponse = z.infer<typeof accountResponseSchema>;

/** One entry of `accountsByL1Address.sub_accounts`; `index` is the account index (§1.4). */
export const subAccountSchema = z.object({
  ...accountBaseShape,
  // Optional here (the keys keep their place in the order above).
  available_balance: decimalString.optional(),
  collateral: decimalString.optional(),
  transaction_time: int.optional(),
  account_trading_mode: int.optional(),
});
/** The parsed form of {@link subAccountSchema}. */
export type SubAccount = z.infer<typeof subAccountSchema>;

/** `GET /api/v1/accountsByL1Address?l1_address=` → the first entry is the master account (§1.4). */
export const accountsByL1AddressResponseSchema = z.object({
  code: int,
  message: z.string().optional(),
  l1_address: z.string(),
  sub_accounts: z.array(subAccountSchema),
});
/** The parsed form of {@link accountsByL1AddressResponseSchema}. */
export type AccountsByL1AddressResponse = z.infer<typeof accountsByL1AddressResponseSchema>;

/** One API key of `GET /api/v1/apikeys` (§1.4). */
export const apiKeySchema = z.object({
  account_index: int,
  api_key_index: int,
  nonce: int,
  public_key: z.string(),
  transaction_time: int.optional(),
});
/** The parsed form of {@link apiKeySchema}. */
export type ApiKey = z.infer<typeof apiKeySchema>;

/** `GET /api/v1/apikeys?account_index=&api_key_index=` → `{code, api_keys}` (§1.4). */
export const apiKeysResponseSchema = z.object({ code: int, message: z.string().optional(), api_keys: z.array(apiKeySchema) });
/** The parsed form of {@link apiKeysResponseSchema}. */
export type ApiKeysResponse = z.infer<typeof apiKeysResponseSchema>;

/** `GET /api/v1/nextNonce?account_index=&api_key_index=` → `{"code":200,"nonce":722}` (§1.9). */
export const nextNonceResponseSchema = z.object({ code: int, message: z.string().optional(), nonce: int });
/** The parsed form of {@link nextNonceResponseSchema}. */
export type NextNonceResponse = z.infer<typeof nextNonceResponseSchema>;

// ---------------------------------------------------------------------------
// Orders and trades (lighter.md §1.6, §1.7)
// ---------------------------------------------------------------------------

/** `Order.status` strings (§1.6). */
export const ORDER_STATUSES = [
  'in-progress',
  'pending',
  'open',
  'filled',
  'canceled',
  'canceled-post-only',
  'canceled-reduce-only',
  'canceled-position-not-allowed',
  'canceled-margin-not-allowed',
  'canceled-too-much-slippage',
  'canceled-not-enough-liquidity',
  'canceled-self-trade',
  'canceled-expired',
  'canceled-oco',
  'canceled-child',
  'canceled-liquidation',
  'canceled-invalid-balance',
] as const;
/** One of {@link ORDER_STATUSES}. */
export type LighterOrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * An `Order` (REST `accountActiveOrders`/`accountInactiveOrders`, WS
 * `account_all_orders`/`account_orders`), §1.6. `order_index` ≥ 2^48 is the
 * exchange id, `client_order_index` the caller's (0 = none); `order_id` /
 * `client_order_id` are the same numbers as strings. Amounts are decimal
 * strings in base units, prices and `filled_quote_amount` in USDC.
 * `status` and `type` are kept as plain strings so an unknown value from a
 * newer server does not drop the whole message; see {@link ORDER_STATUSES}.
 */
export const orderSchema = z.object({
  order_index: int,
  client_order_index: int,
  order_id: z.string(),
  client_order_id: z.string().optional(),
  market_index: int,
  owner_account_index: int,
  initial_base_amount: decimalString,
  price: decimalString,
  nonce: int.optional(),
  remaining_base_amount: decimalString,
  is_ask: z.boolean(),
  base_size: int.optional(),
  base_price: int.optional(),
  filled_base_amount: decimalString,
  filled_quote_amount: decimalString,
  side: z.string().optional(),
  type: z.string(),
  time_in_force: z.string(),
  reduce_only: z.boolean(),
  trigger_price: z.string().optional(),
  order_expiry: int.optional(),
  status: z.string(),
  trigger_status: z.string().optional(),
  trigger_time: int.optional(),
  parent_order_index: int.optional(),
  parent_order_id: z.string().optional(),
  to_trigger_order_id_0: z.string().optional(),
  to_trigger_order_id_1: z.string().optional(),
  to_cancel_order_id_0: z.string().optional(),
  block_height: int.optional(),
  /** Unix ms (seconds in some older payloads). */
  timestamp: int,
  created_at: int.optional(),
  updated_at: int.optional(),
  transaction_time: int.optional(),
  integrator_fee_collector_index: z.string().optional(),
  integrator_maker_fee: z.string().optional(),
  integrator_taker_fee: z.string().optional(),
  order_flags: int.optional(),
  order_version: int.optional(),
});
/** The parsed form of {@link orderSchema}. */
export type LighterOrder = z.infer<typeof orderSchema>;

/** The head of a paged list answer: `{code, message?, next_cursor?, …}` (§1.6, §1.7). */
const pagedResponseShape = {
  code: int,
  message: z.string().optional(),
  next_cursor: z.string().optional(),
};

/** `accountActiveOrders` / `accountInactiveOrders` → `{code, message?, next_cursor?, orders}` (§1.6). */
export const ordersResponseSchema = z.object({
  ...pagedResponseShape,
  orders: z.array(orderSchema),
});
/** The parsed form of {@link ordersResponseSchema}. */
export type OrdersResponse = z.infer<typeof ordersResponseSchema>;

/**
 * A `Trade` (REST `trades`/`recentTrades`, WS `trade`, `account_all`,
 * `account_all_trades`), §1.7. `ask_id`/`bid_id` are order indexes,
 * `ask_client_id`/`bid_client_id` client order indexes; you bought if
 * `bid_account_id` is you; `is_maker_ask` says which side was maker.
 * `maker_fee`/`taker_fee` are millionths of notional and omitted when zero.
 * `timestamp` is Unix ms.
 */
export const tradeSchema = z.object({
  trade_id: int,
  tx_hash: z.string().optional(),
  /** `trade`, `liquidation`, `deleverage`, `market-settlement`. */
  type: z.string().optional(),
  market_id: int,
  size: decimalString,
  price: decimalString,
  usd_amount: decimalString.optional(),
  ask_id: int,
  bid_id: int,
  ask_client_id: int.optional(),
  bid_client_id: int.optional(),
  ask_account_id: int,
  bid_account_id: int,
  is_maker_ask: z.boolean(),
  block_height: int.optional(),
  timestamp: int,
  taker_fee: int.optional(),
  taker_position_size_before: z.string().optional(),
  taker_entry_quote_before: z.string().optional(),
  taker_initial_margin_fraction_before: int.optional(),
  taker_position_sign_changed: z.boolean().optional(),
  maker_fee: int.optional(),
  maker_position_size_before: z.string().optional(),
  maker_entry_quote_before: z.string().optional(),
  maker_initial_margin_fraction_before: int.optional(),
  maker_position_sign_changed: z.boolean().optional(),
  transaction_time: int.optional(),
});
/** The parsed form of {@link tradeSchema}. */
export type LighterTrade = z.infer<typeof tradeSchema>;

/** `GET /api/v1/trades` / `recentTrades` → `{code, message?, next_cursor?, trades}` (§1.7). */
export const tradesResponseSchema = z.object({
  ...pagedResponseShape,
  trades: z.array(tradeSchema),
});
/** The parsed form of {@link tradesResponseSchema}. */
export type TradesResponse = z.infer<typeof tradesResponseSchema>;

// ---------------------------------------------------------------------------
// Sending transactions (lighter.md §1.10, §3)
// ---------------------------------------------------------------------------

/** Multipart form field names of `POST /api/v1/sendTx` (§1.10). */
export const SEND_TX_FIELDS = { txType: 'tx_type', txInfo: 'tx_info', priceProtection: 'price_protection' } as const;
/** Multipart form field names of `POST /api/v1/sendTxBatch` (JSON-encoded arrays as strings, §1.10). */
export const SEND_TX_BATCH_FIELDS = { txTypes: 'tx_types', txInfos: 'tx_infos' } as const;

/**
 * The fields of every sendTx / sendTxBatch answer, REST and WS (§1.10, §6.5):
 * `code` 200 = accepted, `message`, `tx_hash` (one hash, or an array for a
 * batch; optional on WS), `predicted_execution_time_ms`.
 */
const sendTxAnswerShape = <H extends z.ZodType>(txHash: H) => ({
  code: int,
  message: z.string().optional(),
  tx_hash: txHash,
  predicted_execution_time_ms: int.optional(),
});

/**
 * `POST /api/v1/sendTx` success: `{"code":200,"message":"{\"ratelimit\": …}","tx_hash":"…",
 * "predicted_execution_time_ms":…}`. code 200 = accepted by the sequencer only (§1.10).
 */
export const sendTxResponseSchema = z.object(sendTxAnswerShape(z.string()));
/** The parsed form of {@link sendTxResponseSchema}. */
export type SendTxResponse = z.infer<typeof sendTxResponseSchema>;

/** `POST /api/v1/sendTxBatch` success (`TxHashes`): one hash per tx, in order (§1.10). */
export const sendTxBatchResponseSchema = z.object(sendTxAnswerShape(z.array(z.string())));
/** The parsed form of {@link sendTxBatchResponseSchema}. */
export type SendTxBatchResponse = z.infer<typeof sendTxBatchResponseSchema>;

/** `L2TxAttributes`: `null` or an object keyed by attribute number as a string, e.g. `{"4":1}` (§3.2, §3.6). */
const l2TxAttributes = z.record(z.string(), int).nullable().optional();

/** The fields every `tx_info` starts with: the signing account and API key (§3.2). */
const txSignerShape = { AccountIndex: int, ApiKeyIndex: int };
/** The fields every `tx_info` ends with: `ExpiredAt` (Unix ms), `Nonce`, `Sig` (base64), `L2TxAttributes` (§3.2, §3.6). */
const txSealShape = { ExpiredAt: int, Nonce: int, Sig: z.string(), L2TxAttributes: l2TxAttributes };

/**
 * `tx_info` of CreateOrder (tx_type 14), the JSON the signer produces (§3.2):
 * Go field names, integers already scaled (BaseAmount = size × 10^size_decimals,
 * Price = price × 10^price_decimals), `IsAsk`/`ReduceOnly` 0|1, `Type` 0 limit
 * 1 market, `TimeInForce` 0 IOC 1 GTT 2 post-only, `OrderExpiry`/`ExpiredAt`
 * Unix ms, `Sig` base64.
 */
export const createOrderTxInfoSchema = z.object({
  ...txSignerShape,
  MarketIndex: int,
  ClientOrderIndex: int,
  BaseAmount: int,
  Price: int,
  IsAsk: int,
  Type: int,
  TimeInForce: int,
  ReduceOnly: int,
  TriggerPrice: int,
  OrderExpiry: int,
  ...txSealShape,
});
/** The parsed form of {@link createOrderTxInfoSchema}. */
export type CreateOrderTxInfo = z.infer<typeof createOrderTxInfoSchema>;

/** `tx_info` of CancelOrder (tx_type 15); `Index` is an order index or a client order index (§3.5). */
export const cancelOrderTxInfoSchema = z.object({
  ...txSignerShape,
  MarketIndex: int,
  Index: int,
  ...txSealShape,
});
/** The parsed form of {@link cancelOrderTxInfoSchema}. */
export type CancelOrderTxInfo = z.infer<typeof cancelOrderTxInfoSchema>;

/** `tx_info` of CancelAllOrders (tx_type 16): `TimeInForce` 0 immediate, 1 scheduled, 2 abort; `Time` Unix ms (§3.5). */
export const cancelAllOrdersTxInfoSchema = z.object({
  ...txSignerShape,
  TimeInForce: int,
  Time: int,
  ...txSealShape,
});
/** The parsed form of {@link cancelAllOrdersTxInfoSchema}. */
export type CancelAllOrdersTxInfo = z.infer<typeof cancelAllOrdersTxInfoSchema>;

/** `tx_info` of ModifyOrder (tx_type 17): new BaseAmount/Price/TriggerPrice of order `Index` (§3.5). */
export const modifyOrderTxInfoSchema = z.object({
  ...txSignerShape,
  MarketIndex: int,
  Index: int,
  BaseAmount: int,
  Price: int,
  TriggerPrice: int,
  ...txSealShape,
});
/** The parsed form of {@link modifyOrderTxInfoSchema}. */
export type ModifyOrderTxInfo = z.infer<typeof modifyOrderTxInfoSchema>;


// ---------------------------------------------------------------------------
// WebSocket (lighter.md §6)
// ---------------------------------------------------------------------------

/** Client → server: `{"type":"subscribe","channel":"order_book/0"}`; private channels add `auth` (§6.1, §2). */
export const wsSubscribeSchema = z.object({
  type: z.literal('subscribe'),
  channel: z.string(),
  auth: z.string().optional(),
});
/** The parsed form of {@link wsSubscribeSchema}. */
export type WsSubscribe = z.infer<typeof wsSubscribeSchema>;

/** Client → server: `{"type":"unsubscribe","channel":"order_book/0"}` (§6.1). */
export const wsUnsubscribeSchema = z.object({ type: z.literal('unsubscribe'), channel: z.string() });
/** The parsed form of {@link wsUnsubscribeSchema}. */
export type WsUnsubscribe = z.infer<typeof wsUnsubscribeSchema>;

/** Keepalive, either direction: `{"type":"ping"}`, answered with a pong (§6.1). */
export const wsPingSchema = z.object({ type: z.literal('ping') });
/** Keepalive answer: `{"type":"pong"}` (§6.1). */
export const wsPongSchema = z.object({ type: z.literal('pong') });

/** Client → server: one tx over WS; `tx_info` is the decoded object here, unlike REST (§6.5). */
export const wsSendTxSchema = z.object({
  type: z.literal('jsonapi/sendtx'),
  data: z.object({ id: z.string().optional(), tx_type: int, tx_info: z.record(z.string(), z.unknown()) }),
});
/** The parsed form of {@link wsSendTxSchema}. */
export type WsSendTx = z.infer<typeof wsSendTxSchema>;

/** Client → server: a batch over WS; both fields are JSON-encoded arrays as strings, as on REST (§6.5). */
export const wsSendTxBatchSchema = z.object({
  type: z.literal('jsonapi/sendtxbatch'),
  data: z.object({ id: z.string().optional(), tx_types: z.string(), tx_infos: z.string() }),
});
/** The parsed form of {@link wsSendTxBatchSchema}. */
export type WsSendTxBatch = z.infer<typeof wsSendTxBatchSchema>;

/** Any message the client may send. */
export const wsClientMessageSchema = z.union([wsSubscribeSchema, wsUnsubscribeSchema, wsPingSchema, wsPongSchema, wsSendTxSchema, wsSendTxBatchSchema]);
/** The parsed form of {@link wsClientMessageSchema}. */
export type WsClientMessage = z.infer<typeof wsClientMessageSchema>;

/** Server → client on connect: `{"type":"connected","session_id":"…"}` (§6.1). */
export const wsConnectedSchema = z.object({ type: z.literal('connected'), session_id: z.string().optional() });
/** The parsed form of {@link wsConnectedSchema}. */
export type WsConnected = z.infer<typeof wsConnectedSchema>;


/** Server → client error: `{"error":{"code":30005,"message":"Invalid Channel: …"}}`, possibly echoing an `id` (§6.1, §7.1). */
export const wsErrorSchema = z.object({
  error: z.object({ code: int, message: z.string().optional() }),
  id: z.string().optional(),
});
/** The parsed form of {@link wsErrorSchema}. */
export type WsError = z.infer<typeof wsErrorSchema>;

/** `subscribed/<channel>` (first, snapshot) or `update/<channel>` (§6.1). */
const subscribedOrUpdate = (channel: string) => z.enum([`subscribed/${channel}`, `update/${channel}`]);

/** An aggregated book level `{price, size}`; size `"0"`/`"0.0000"` removes the level in an update (§6.2). */
export const priceLevelSchema = z.object({ price: decimalString, size: decimalString });
/** The parsed form of {@link priceLevelSchema}. */
export type PriceLevel = z.infer<typeof priceLevelSchema>;

/**
 * `order_book:<market>`: the `subscribed/order_book` message carries the full
 * book, each `update/order_book` changed levels with their new absolute size.
 * Continuity: an update's `begin_nonce` equals the previous message's `nonce`
 * (§6.2; `begin_nonce` may be absent on the snapshot).
 */
export const wsOrderBookSchema = z.object({
  type: subscribedOrUpdate('order_book'),
  channel: z.string(),
  offset: int.optional(),
  order_book: z.object({
    code: int.optional(),
    asks: z.array(priceLevelSchema),
    bids: z.array(priceLevelSchema),
    offset: int.optional(),
    nonce: int,
    begin_nonce: int.optional(),
  }),
  timestamp: int.optional(),
});
/** The parsed form of {@link wsOrderBookSchema}. */
export type WsOrderBook = z.infer<typeof wsOrderBookSchema>;

/** `trade:<market>`: public trades (§6.3). */
export const wsTradeSchema = z.object({
  type: subscribedOrUpdate('trade'),
  channel: z.string(),
  trades: z.array(tradeSchema),
  liquidation_trades: z.array(tradeSchema).optional(),
  nonce: int.optional(),
});
/** The parsed form of {@link wsTradeSchema}. */
export type WsTrade = z.infer<typeof wsTradeSchema>;

/** One market's stats; prices and funding as decimal strings, daily volumes as JSON numbers (§6.3). */
export const marketStatsSchema = z.object({
  market_id: int,
  index_price: decimalString.optional(),
  mark_price: decimalString.optional(),
  open_interest: decimalString.optional(),
  open_interest_limit: decimalString.optional(),
  funding_clamp_small: decimalString.optional(),
  funding_clamp_big: decimalString.optional(),
  last_trade_price: decimalString.optional(),
  current_funding_rate: decimalString.optional(),
  funding_rate: decimalString.optional(),
  funding_timestamp: int.optional(),
  daily_base_token_volume: z.number().optional(),
  daily_quote_token_volume: z.number().optional(),
  daily_price_low: z.number().optional(),
  daily_price_high: z.number().optional(),
  daily_price_change: z.number().optional(),
});
/** The parsed form of {@link marketStatsSchema}. */
export type MarketStats = z.infer<typeof marketStatsSchema>;

/** `market_stats:<market>` (one object) or `market_stats:all` (map keyed by market id), §6.3. */
export const wsMarketStatsSchema = z.object({
  type: subscribedOrUpdate('market_stats'),
  channel: z.string(),
  market_stats: z.union([marketStatsSchema, z.record(z.string(), marketStatsSchema)]),
});
/** The parsed form of {@link wsMarketStatsSchema}. */
export type WsMarketStats = z.infer<typeof wsMarketStatsSchema>;

/** Maps keyed by market id as a string, e.g. `{"0": [Order…]}` (§6.4). */
const byMarket = <T extends z.ZodType>(item: T) => z.record(z.string(), item);

/**
 * `account_all:<account>`: account state on subscribe, then changes (§6.4).
 * `positions` maps market id → Position (the docs' structure shows a
 * one-element array in places, so both are accepted); `trades` maps market id
 * → Trade[] (in the snapshot they are history, in updates new fills).
 */
export const wsAccountAllSchema = z.object({
  type: subscribedOrUpdate('account_all'),
  channel: z.string(),
  account: int.optional(),
  positions: byMarket(z.union([accountPositionSchema, z.array(accountPositionSchema)])).optional(),
  trades: byMarket(z.array(tradeSchema)).optional(),
  assets: z.union([z.array(accountAssetSchema), z.record(z.string(), accountAssetSchema)]).optional(),
  funding_histories: z.record(z.string(), z.unknown()).optional(),
  shares: z.array(z.unknown()).optional(),
});
/** The parsed form of {@link wsAccountAllSchema}. */
export type WsAccountAll = z.infer<typeof wsAccountAllSchema>;

/** `account_all_orders:<account>` (auth): `{"orders":{"<market_id>":[Order…]}}` (§6.4). */
export const wsAccountAllOrdersSchema = z.object({
  type: subscribedOrUpdate('account_all_orders'),
  channel: z.string(),
  orders: byMarket(z.array(orderSchema)),
});
/** The parsed form of {@link wsAccountAllOrdersSchema}. */
export type WsAccountAllOrders = z.infer<typeof wsAccountAllOrdersSchema>;

/** `account_orders:<market>` (auth; subscribed as `account_orders/<market>/<account>`), §6.4. */
export const wsAccountOrdersSchema = z.object({
  type: subscribedOrUpdate('account_orders'),
  channel: z.string(),
  account: int.optional(),
  nonce: int.optional(),
  orders: byMarket(z.array(orderSchema)),
});
/** The parsed form of {@link wsAccountOrdersSchema}. */
export type WsAccountOrders = z.infer<typeof wsAccountOrdersSchema>;

/** `account_all_trades:<account>`: the account's fills, `{"trades":{"<market_id>":[Trade…]}}` (§6.4). */
export const wsAccountAllTradesSchema = z.object({
  type: subscribedOrUpdate('account_all_trades'),
  channel: z.string(),
  trades: byMarket(z.array(tradeSchema)),
  total_volume: z.number().optional(),
  monthly_volume: z.number().optional(),
  weekly_volume: z.number().optional(),
  daily_volume: z.number().optional(),
});
/** The parsed form of {@link wsAccountAllTradesSchema}. */
export type WsAccountAllTrades = z.infer<typeof wsAccountAllTradesSchema>;

/** Collateral figures of `user_stats` (USDC decimal strings; leverage and margin usage as decimal strings), §6.4. */
export const userStatsFiguresSchema = z.object({
  collateral: decimalString,
  portfolio_value: decimalString.optional(),
  leverage: decimalString.optional(),
  available_balance: decimalString,
  margin_usage: decimalString.optional(),
  buying_power: decimalString.optional(),
});

/** `user_stats:<account>`: collateral, available balance, leverage… (§6.4). */
export const wsUserStatsSchema = z.object({
  type: subscribedOrUpdate('user_stats'),
  channel: z.string(),
  stats: userStatsFiguresSchema.extend({
    account_trading_mode: int.optional(),
    cross_stats: userStatsFiguresSchema.partial().optional(),
    total_stats: userStatsFiguresSchema.partial().optional(),
  }),
  timestamp: int.optional(),
});
/** The parsed form of {@link wsUserStatsSchema}. */
export type WsUserStats = z.infer<typeof wsUserStatsSchema>;

/** Answer to `jsonapi/sendtx`: echoes `id`; `code` 200 = accepted (§6.5). */
export const wsSendTxResponseSchema = z.object({
  type: z.literal('jsonapi/sendtx'),
  id: z.string().optional(),
  ...sendTxAnswerShape(z.string().optional()),
});
/** The parsed form of {@link wsSendTxResponseSchema}. */
export type WsSendTxResponse = z.infer<typeof wsSendTxResponseSchema>;

/** Answer to `jsonapi/sendtxbatch`: `tx_hash` is an array (§6.5). */
export const wsSendTxBatchResponseSchema = z.object({
  type: z.literal('jsonapi/sendtxbatch'),
  id: z.string().optional(),
  ...sendTxAnswerShape(z.array(z.string()).optional()),
});
/** The parsed form of {@link wsSendTxBatchResponseSchema}. */
export type WsSendTxBatchResponse = z.infer<typeof wsSendTxBatchResponseSchema>;

/**
 * The WS channel name as Lighter writes it back: the subscribe form uses
 * slashes (`order_book/0`, `account_orders/0/123`), replies use a colon after
 * the channel kind (`order_book:0`), §6.1. Returns the kind and the id part.
 */
export function parseWsChannel(channel: string): { kind: string; id: string } {
  const sep = channel.search(/[:/]/);
  if (sep < 0) return { kind: channel, id: '' };
  return { kind: channel.slice(0, sep), id: channel.slice(sep + 1) };
}
