/**
 * Paradex's JSON on the wire: zod schemas and their inferred types for the
 * REST responses (paradex.md §2, §4–§7) and the WebSocket JSON-RPC messages
 * (§8). The client parses every answer with these before using it.
 *
 * Conventions (checked against `shared/data/paradex/ccxt_static_response.json`):
 * - Prices, sizes and money are **decimal strings** in human units
 *   (`"67643.2"`, `"0.026"`); some are empty strings when not applicable
 *   (`avg_fill_price: ""`, `liquidation_price: ""`).
 * - Timestamps are Unix **ms**, sometimes as JSON numbers (`created_at:
 *   1718377985388` on trades) and sometimes as strings (`"1721903808505"` on
 *   orders-history); both are accepted and read as numbers.
 * - Sequence numbers can exceed 2^53 (`seq_no: "1721903808521364144"` on
 *   orders) and are kept as strings, except the order book's `seq_no` (a small
 *   integer, read as a number).
 * - Schemas are tolerant: unknown fields are accepted (and stripped); fields
 *   the client does not read are optional.
 */
import { z } from 'zod';

/** A decimal written as a string (`"67643.2"`, `"-2.84"`); numbers are accepted and written back as strings. */
export const decimalString = z.union([z.string().regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/, 'expected a decimal string'), z.number()]).transform(String);
/** A decimal string or `""` (Paradex's "not applicable"), read as null when empty. */
const optionalDecimal = z
  .union([z.literal(''), decimalString])
  .nullish()
  .transform((v) => (v === '' || v === null || v === undefined ? null : v));
/** Unix ms as a number or a numeric string. */
export const timestampMs = z.union([z.number(), z.string().regex(/^\d+$/, 'expected an integer string')]).transform(Number);
/** A possibly huge integer kept as its decimal string. */
const bigIntString = z.union([z.number(), z.string()]).transform(String);

// ---------------------------------------------------------------------------
// Errors (paradex.md §6 "Error shape")
// ---------------------------------------------------------------------------

/** Error body of a failed REST call: `{"error":"ORDER_ID_NOT_FOUND","message":"…","data":null}`. */
export const restErrorSchema = z.object({ error: z.string(), message: z.string().optional(), data: z.unknown().optional() });
/** The parsed form of {@link restErrorSchema}. */
export type RestError = z.infer<typeof restErrorSchema>;

// ---------------------------------------------------------------------------
// System (paradex.md §2, §6)
// ---------------------------------------------------------------------------

/** One bridged token of `/system/config` (USDC: 6 decimals). */
export const bridgedTokenSchema = z.object({ name: z.string(), symbol: z.string(), decimals: z.number().int() });

/**
 * `GET /system/config` (paradex.md §2): the chain id (a short string used as
 * the typed-data domain's chainId), the chain quantum (`paraclear_decimals`,
 * 8: scaling of signed order size and price) and the account class hashes
 * (address derivation, §1).
 */
export const systemConfigSchema = z.object({
  starknet_chain_id: z.string().min(1),
  paraclear_decimals: z.number().int().min(0).max(18),
  paraclear_account_proxy_hash: z.string().regex(/^0x[0-9a-fA-F]+$/),
  paraclear_account_hash: z.string().regex(/^0x[0-9a-fA-F]+$/),
  l1_chain_id: z.string().optional(),
  paraclear_address: z.string().optional(),
  bridged_tokens: z.array(bridgedTokenSchema).optional(),
  liquidation_fee: z.string().optional(),
});
/** The parsed form of {@link systemConfigSchema}. */
export type SystemConfig = z.infer<typeof systemConfigSchema>;

/** `GET /system/time` → `{"server_time":"1721281853309"}` (ms). */
export const systemTimeSchema = z.object({ server_time: timestampMs });
/** `GET /system/state` → `{"status":"ok"}`. */
export const systemStateSchema = z.object({ status: z.string() });

// ---------------------------------------------------------------------------
// Auth (paradex.md §4)
// ---------------------------------------------------------------------------

/** `POST /v1/auth` → `{"jwt_token":"<JWT>"}`. */
export const authResponseSchema = z.object({ jwt_token: z.string().min(1) });

// ---------------------------------------------------------------------------
// Markets (paradex.md §6, §7)
// ---------------------------------------------------------------------------

/** A fee entry of a market's optional `fee_config` (e.g. `{"fee":"0.0002"}`, a fraction of notional). */
const feeEntrySchema = z.object({ fee: decimalString }).partial();

/**
 * One `GET /markets` entry (§7). `order_size_increment` is the step size,
 * `price_tick_size` the tick size, `min_notional` the minimum order notional
 * (USD, size × mark price), `max_order_size` the largest size. The optional
 * `fee_config.api_fee` carries maker/taker fee fractions when the venue sends it.
 */
export const marketSchema = z.object({
  symbol: z.string().min(1),
  base_currency: z.string().min(1),
  quote_currency: z.string(),
  settlement_currency: z.string().optional(),
  order_size_increment: decimalString,
  price_tick_size: decimalString,
  min_notional: decimalString,
  max_order_size: decimalString.optional(),
  position_limit: decimalString.optional(),
  max_open_orders: z.number().int().optional(),
  asset_kind: z.string(),
  open_at: timestampMs.optional(),
  expiry_at: timestampMs.optional(),
  fee_config: z
    .object({ api_fee: z.object({ maker_fee: feeEntrySchema.optional(), taker_fee: feeEntrySchema.optional() }).partial().optional() })
    .partial()
    .optional(),
});
/** The parsed form of {@link marketSchema}. */
export type ParadexMarket = z.infer<typeof marketSchema>;
/** `GET /markets` → `{results:[market…]}`. */
export const marketsResponseSchema = z.object({ results: z.array(marketSchema) });

/** One `GET /markets/summary` entry (§7): mark price, best bid/ask. */
export const marketSummarySchema = z.object({
  symbol: z.string(),
  mark_price: optionalDecimal,
  bid: optionalDecimal,
  ask: optionalDecimal,
  last_traded_price: optionalDecimal,
  created_at: timestampMs.optional(),
});
/** `GET /markets/summary?market=` → `{results:[…]}`. */
export const marketsSummaryResponseSchema = z.object({ results: z.array(marketSummarySchema) });

/** `[price, size]` as strings, e.g. `["67643.2","3.734"]`. */
const levelTuple = z.tuple([decimalString, decimalString]);

/** `GET /orderbook/{market}` (§6): asks ascending, bids descending, `seq_no` of the snapshot. */
export const orderBookResponseSchema = z.object({
  market: z.string(),
  seq_no: z.number().int(),
  last_updated_at: timestampMs,
  asks: z.array(levelTuple),
  bids: z.array(levelTuple),
});
/** The parsed form of {@link orderBookResponseSchema}. */
export type OrderBookResponse = z.infer<typeof orderBookResponseSchema>;

/** `GET /bbo/{market}` (§6) and the `bbo.{market}` channel: best bid/ask (empty when a side is empty). */
export const bboSchema = z.object({
  market: z.string(),
  bid: optionalDecimal,
  bid_size: optionalDecimal,
  ask: optionalDecimal,
  ask_size: optionalDecimal,
  last_updated_at: timestampMs,
  seq_no: z.number().int().optional(),
});
/** The parsed form of {@link bboSchema}. */
export type Bbo = z.infer<typeof bboSchema>;

/** One public trade of `GET /trades` (§6). */
export const tradeSchema = z.object({ id: z.string(), market: z.string(), side: z.enum(['BUY', 'SELL']), size: decimalString, price: decimalString, created_at: timestampMs });
/** A paginated list: `{next, prev, results}` with opaque cursors (§6 "Pagination"). */
export const paginated = <T extends z.ZodTypeAny>(item: T) => z.object({ next: z.string().nullish(), prev: z.string().nullish(), results: z.array(item) });
/** `GET /trades?market=` → paginated public trades. */
export const tradesResponseSchema = paginated(tradeSchema);

// ---------------------------------------------------------------------------
// Orders (paradex.md §5)
// ---------------------------------------------------------------------------

/** Order status: NEW (accepted, not yet on the book), UNTRIGGERED, OPEN, CLOSED (§5). */
export const orderStatusSchema = z.enum(['NEW', 'UNTRIGGERED', 'OPEN', 'CLOSED']);

/**
 * The order object (§5): `size` and `remaining_size` in base units, `price`
 * `"0"` for MARKET, `avg_fill_price` `""` before a fill, `cancel_reason` set
 * once CLOSED other than by a complete fill (e.g. `NOT_ENOUGH_MARGIN`,
 * `POST_ONLY_WOULD_CROSS`, `USER_CANCELED`), `client_id` `""` when none.
 */
export const orderSchema = z.object({
  id: z.string().min(1),
  account: z.string().optional(),
  market: z.string(),
  side: z.enum(['BUY', 'SELL']),
  type: z.string(),
  size: decimalString,
  remaining_size: decimalString,
  price: optionalDecimal,
  status: orderStatusSchema,
  created_at: timestampMs,
  last_updated_at: timestampMs.optional(),
  cancel_reason: z.string().nullish(),
  client_id: z.string().nullish(),
  seq_no: bigIntString.optional(),
  instruction: z.string().nullish(),
  avg_fill_price: optionalDecimal,
  flags: z.array(z.string()).nullish(),
  stp: z.string().nullish(),
  trigger_price: optionalDecimal,
});
/** The parsed form of {@link orderSchema}. */
export type ParadexOrder = z.infer<typeof orderSchema>;
/** `GET /orders` (open orders, not paginated) → `{results:[order…]}`; `GET /orders-history` is paginated the same way. */
export const ordersResponseSchema = z.object({ results: z.array(orderSchema), next: z.string().nullish(), prev: z.string().nullish() });

/** `DELETE /orders/batch` → `{results:[{id?, client_id?, status}]}` (§5). */
export const cancelBatchResponseSchema = z.object({
  results: z.array(z.object({ id: z.string().nullish(), client_id: z.string().nullish(), status: z.string(), account: z.string().optional() })),
});

/** `POST /orders/batch` → `{orders:[…], errors:[{error,message}|null]}` (§5). */
export const orderBatchResponseSchema = z.object({
  orders: z.array(orderSchema.nullable()).default([]),
  errors: z.array(z.object({ error: z.string(), message: z.string().optional() }).nullable()).default([]),
});

// ---------------------------------------------------------------------------
// Fills, positions, balances, account (paradex.md §6)
// ---------------------------------------------------------------------------

/**
 * A fill of one of the account's orders (§6 `GET /fills`, `fills.{market}`
 * channel): `fee` in `fee_currency` (USDC; negative = rebate), `liquidity`
 * MAKER or TAKER, `fill_type` FILL, LIQUIDATION, …
 */
export const fillSchema = z.object({
  id: z.string().min(1),
  side: z.enum(['BUY', 'SELL']),
  liquidity: z.enum(['MAKER', 'TAKER']),
  market: z.string(),
  order_id: z.string(),
  price: decimalString,
  size: decimalString,
  fee: decimalString,
  fee_currency: z.string().optional(),
  created_at: timestampMs,
  client_id: z.string().nullish(),
  fill_type: z.string().optional(),
  remaining_size: decimalString.optional(),
  realized_pnl: decimalString.optional(),
});
/** The parsed form of {@link fillSchema}. */
export type ParadexFill = z.infer<typeof fillSchema>;
/** `GET /fills` → paginated fills, most recent first. */
export const fillsResponseSchema = paginated(fillSchema);

/**
 * A position (§6 `GET /positions`, `positions` channel): `side` LONG/SHORT
 * with `size` (its sign is unverified: the client uses the absolute value
 * and the side), `average_entry_price`, `unrealized_pnl`, `liquidation_price`
 * (`""` when none), `status` OPEN/CLOSED.
 */
export const positionSchema = z.object({
  id: z.string().optional(),
  market: z.string(),
  status: z.enum(['OPEN', 'CLOSED']),
  side: z.enum(['LONG', 'SHORT', '']).optional(),
  size: decimalString,
  average_entry_price: optionalDecimal,
  unrealized_pnl: optionalDecimal,
  realized_pnl: optionalDecimal,
  liquidation_price: optionalDecimal,
  last_updated_at: timestampMs.optional(),
  last_fill_id: z.string().nullish(),
  seq_no: bigIntString.optional(),
});
/** The parsed form of {@link positionSchema}. */
export type ParadexPosition = z.infer<typeof positionSchema>;
/** `GET /positions` → `{results:[position…]}`. */
export const positionsResponseSchema = z.object({ results: z.array(positionSchema) });

/** `GET /balance` → `{results:[{token:"USDC", size:"78.544", last_updated_at}]}` (§6). */
export const balanceResponseSchema = z.object({
  results: z.array(z.object({ token: z.string(), size: decimalString, last_updated_at: timestampMs.optional() })),
});

/**
 * `GET /account` and the `account` channel (§6, paradex-py AccountSummary):
 * `account_value` (total equity, USDC), `free_collateral` (available for new
 * margin), `total_collateral`, margin requirements.
 */
export const accountSummarySchema = z.object({
  account: z.string().optional(),
  account_value: decimalString,
  free_collateral: decimalString,
  total_collateral: decimalString.optional(),
  initial_margin_requirement: decimalString.optional(),
  maintenance_margin_requirement: decimalString.optional(),
  status: z.string().optional(),
  updated_at: timestampMs.optional(),
});
/** The parsed form of {@link accountSummarySchema}. */
export type AccountSummary = z.infer<typeof accountSummarySchema>;

// ---------------------------------------------------------------------------
// WebSocket JSON-RPC 2.0 (paradex.md §8)
// ---------------------------------------------------------------------------

/** A reply to a request: `{"jsonrpc":"2.0","result":{…},"id":1}`. */
export const wsResultSchema = z.object({ jsonrpc: z.literal('2.0'), id: z.number().int(), result: z.unknown() });
/** An error reply: `{"jsonrpc":"2.0","id":0,"error":{"code":-32600,"message":"…","data":"…"}}` (codes −32700…−32603, 100, 40110–40112). */
export const wsErrorSchema = z.object({
  jsonrpc: z.literal('2.0'),
  id: z.number().int().nullish(),
  error: z.object({ code: z.number().int(), message: z.string(), data: z.unknown().optional() }),
});
/** A data push: `{"jsonrpc":"2.0","method":"subscription","params":{"channel":"<name>","data":{…}}}`. */
export const wsSubscriptionSchema = z.object({
  jsonrpc: z.literal('2.0'),
  method: z.literal('subscription'),
  params: z.object({ channel: z.string(), data: z.unknown() }),
});

/** One book change: `{side:"BUY"|"SELL", price, size}` (size 0 in `deletes`). */
const bookChangeSchema = z.object({ side: z.enum(['BUY', 'SELL']), price: decimalString, size: decimalString });

/**
 * `order_book.{market}.snapshot@15@…` and `order_book.{market}.deltas` data
 * (§8): `update_type` `"s"` (a full snapshot: replace the book) or `"d"`
 * (a delta: apply `deletes`, `updates`, `inserts` in that order), with the
 * venue's `seq_no`.
 */
export const wsOrderBookSchema = z.object({
  seq_no: z.number().int(),
  market: z.string(),
  last_updated_at: timestampMs,
  update_type: z.enum(['s', 'd']),
  inserts: z.array(bookChangeSchema).default([]),
  updates: z.array(bookChangeSchema).default([]),
  deletes: z.array(bookChangeSchema).default([]),
});
/** The parsed form of {@link wsOrderBookSchema}. */
export type WsOrderBook = z.infer<typeof wsOrderBookSchema>;
