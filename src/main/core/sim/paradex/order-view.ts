import type { OrderRecord, ParadexExchange } from './paradex-exchange';

/**
 * A Paradex order object (paradex.md §5 "Order object"), with the field names,
 * order and types of the recorded `GET /orders-history` entry
 * (shared/data/paradex/ccxt_static_response.json fetchOrders): times and
 * `seq_no` as numeric strings, `avg_fill_price` "" until filled, `price` "0"
 * for MARKET orders, `timestamp` = the signature timestamp (ms).
 */
export interface ParadexOrderJson {
  id: string;
  account: string;
  market: string;
  side: 'BUY' | 'SELL';
  type: 'LIMIT' | 'MARKET';
  size: string;
  remaining_size: string;
  price: string;
  status: 'NEW' | 'OPEN' | 'CLOSED';
  created_at: string;
  last_updated_at: string;
  timestamp: string;
  cancel_reason: string;
  client_id: string;
  seq_no: string;
  instruction: string;
  avg_fill_price: string;
  stp: string;
  received_at: string;
  published_at: string;
  flags: string[];
  trigger_price: string;
}

/** Builds the order object of a record. */
export function orderJson(venue: ParadexExchange, r: OrderRecord): ParadexOrderJson {
  const e = r.engineOrder;
  const filled = e?.filled;
  return {
    id: r.id,
    account: r.account.address,
    market: r.market.spec.symbol,
    side: r.request.side,
    type: r.request.type,
    size: r.request.size.toFixed(),
    remaining_size: e ? e.remaining.toFixed() : r.request.size.toFixed(),
    price: r.request.price ? r.request.price.toFixed() : '0',
    status: venue.status(r),
    created_at: String(r.receivedAt),
    last_updated_at: String(r.lastUpdatedAt),
    timestamp: String(r.request.signatureTimestamp),
    cancel_reason: venue.cancelReason(r),
    client_id: r.request.clientId,
    seq_no: String(r.seqNo),
    instruction: r.request.instruction,
    avg_fill_price: e && filled && filled.gt(0) ? e.filledQuote.div(filled).toDecimalPlaces(r.market.tickSize.decimalPlaces() + 4).toFixed() : '',
    stp: r.request.stp,
    received_at: String(r.receivedAt),
    published_at: String(r.receivedAt),
    flags: r.request.flags,
    trigger_price: '0',
  };
}
