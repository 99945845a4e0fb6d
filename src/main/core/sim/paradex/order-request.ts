import Decimal from 'decimal.js';
import { z } from 'zod';
import { ParadexError } from './paradex-error';

const decimalString = z.string().regex(/^\d+(\.\d+)?$/, 'must be a non-negative decimal string');

/**
 * Body of `POST /v1/orders` (and each entry of `POST /v1/orders/batch`):
 * paradex-py `requests.OrderRequest` (spec 1.97.0), paradex.md §5. Types other
 * than LIMIT / MARKET (stop, take-profit…) are valid on Paradex but not simulated.
 */
export const orderRequestSchema = z
  .object({
    market: z.string().min(1),
    side: z.enum(['BUY', 'SELL']),
    type: z.enum(['LIMIT', 'MARKET']),
    size: decimalString,
    price: decimalString.optional(),
    instruction: z.enum(['GTC', 'IOC', 'POST_ONLY', 'RPI', '']).optional(),
    signature: z.string().min(1),
    signature_timestamp: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    client_id: z.string().max(64).optional(),
    flags: z.array(z.string()).optional(),
    stp: z.enum(['EXPIRE_MAKER', 'EXPIRE_TAKER', 'EXPIRE_BOTH']).optional(),
    recv_window: z.number().int().min(10).optional(),
    trigger_price: z.string().optional(),
    on_behalf_of_account: z.string().optional(),
    signed_impact_price: z.string().optional(),
  })
  .passthrough();

/** A new order as sent, validated for shape (not yet against the market or the signature). */
export interface NewOrder {
  market: string;
  side: 'BUY' | 'SELL';
  type: 'LIMIT' | 'MARKET';
  size: Decimal;
  /** Limit price (USD); null for MARKET orders (a MARKET `price` is ignored, it is signed as "0"). */
  price: Decimal | null;
  /** The raw strings, exactly as signed. */
  sizeText: string;
  priceText: string | undefined;
  /** GTC when absent or empty (paradex.md §5). */
  instruction: 'GTC' | 'IOC' | 'POST_ONLY' | 'RPI';
  signature: string;
  /** Unix ms. */
  signatureTimestamp: number;
  clientId: string;
  flags: string[];
  reduceOnly: boolean;
  stp: 'EXPIRE_MAKER' | 'EXPIRE_TAKER' | 'EXPIRE_BOTH';
  recvWindow: number | null;
}

/**
 * Parses an order body.
 * @param where Field-path prefix for errors (`""`, or `orders[2].` in a batch).
 * @throws ParadexError 400 `VALIDATION_ERROR` naming the field (`size: must be …`).
 */
export function parseOrderRequest(body: unknown, where = ''): NewOrder {
  const r = orderRequestSchema.safeParse(body);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new ParadexError('VALIDATION_ERROR', `${where}${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  const o = r.data;
  const instruction = o.instruction === undefined || o.instruction === '' ? 'GTC' : o.instruction;
  if (o.type === 'LIMIT' && o.price === undefined) throw new ParadexError('VALIDATION_ERROR', `${where}price: required for LIMIT orders`);
  if (o.type === 'MARKET' && instruction === 'POST_ONLY') throw new ParadexError('VALIDATION_ERROR', `${where}instruction: POST_ONLY is not valid for MARKET orders`);
  const flags = o.flags ?? [];
  return {
    market: o.market,
    side: o.side,
    type: o.type,
    size: new Decimal(o.size),
    price: o.type === 'LIMIT' ? new Decimal(o.price!) : null,
    sizeText: o.size,
    priceText: o.price,
    instruction,
    signature: o.signature,
    signatureTimestamp: o.signature_timestamp,
    clientId: o.client_id ?? '',
    flags,
    reduceOnly: flags.includes('REDUCE_ONLY'),
    stp: o.stp ?? 'EXPIRE_TAKER',
    recvWindow: o.recv_window ?? null,
  };
}
