/**
 * The real Lighter client against the Lighter simulator over loopback (REST +
 * WS on 127.0.0.1), signing with the paper signer: every Venue operation and
 * each injected fault (invalid nonce, HTTP 429, WS drop, partial fills,
 * delayed acks, order rejections).
 */
import Decimal from 'decimal.js';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../clock';
import { startLighterSim, type RunningLighterSim } from '../../sim/lighter/lighter-sim';
import type { Venue } from '../venue';
import {
  BelowMinSizeError,
  InsufficientMarginError,
  InvalidNonceError,
  InvalidOrderError,
  RateLimitedError,
} from '../venue-errors';
import { until as waitUntil } from '../../../../../tests/helpers/until';
import { connectRecording, fillEvents, lastOrder } from '../testing/recorded-account-events';
import { createLighterVenue, type LighterVenueOptions } from './lighter-venue';
import { PaperSigner } from './signer/paper-signer';

const logger = pino({ level: 'silent' });
const API_KEY = 4;
const d = (v: string | number) => new Decimal(v);

let sim: RunningLighterSim;
const open: Venue[] = [];

beforeAll(async () => {
  sim = await startLighterSim({ port: 0, accounts: 4, collateral: '100000', seed: 7 });
  sim.admin.setMid(0, '3000');
});
afterAll(async () => {
  await sim.close();
});
afterEach(async () => {
  sim.admin.clearFaults();
  for (const v of open.splice(0)) await v.close();
});

/** A connected client for sim account `n` (or a simulator account index given as `{ index }`), with the events it saw. */
async function client(n: number | { index: number }, extra: Partial<LighterVenueOptions> = {}) {
  const accountIndex = typeof n === 'number' ? sim.accounts[n]! : n.index;
  const venue = createLighterVenue({
    accountId: `acc_sim_${accountIndex}`,
    baseUrl: sim.url,
    wsUrl: sim.wsUrl,
    accountIndex,
    apiKeyIndex: API_KEY,
    signer: new PaperSigner({ mode: 'paper', accountIndex, apiKeyIndex: API_KEY }, systemClock),
    tier: 'premium',
    clock: systemClock,
    logger,
    timing: { reconnect: { baseMs: 20, maxMs: 100 }, rateLimitBackoff: { baseMs: 10, maxMs: 40 }, connectTimeoutMs: 5_000, bookTimeoutMs: 5_000 },
    ...extra,
  });
  const events = await connectRecording(venue, open);
  return { venue, events, accountIndex };
}

/** Waits (bounded, 5 s by default) until `pred` holds. */
const until = (pred: () => boolean, what: string, timeoutMs = 5_000) => waitUntil(pred, what, timeoutMs);

describe('Lighter client ↔ simulator: reads', () => {
  it('loads markets with their limits and rejects unknown symbols', async () => {
    const { venue } = await client(0);
    const eth = await venue.market('ETH');
    expect(eth).toMatchObject({ venueMarketId: 0, sizeDecimals: 4, priceDecimals: 2 });
    expect(eth.tickSize.toString()).toBe('0.01');
    expect((await venue.markets()).length).toBeGreaterThan(10);
    await expect(venue.market('NOPE')).rejects.toBeInstanceOf(InvalidOrderError);
    await venue.close();
    await expect(venue.markets()).rejects.toThrow(/connect\(\) first/);
    await venue.connect();
    expect((await venue.bestBidAsk('ETH')).bid).not.toBeNull();
  });

  it('best bid/ask over REST and from a live book; the book follows the market', async () => {
    const { venue } = await client(0);
    const rest = await venue.bestBidAsk('ETH');
    expect(rest.bid!.lt(rest.ask!)).toBe(true);
    const book = await venue.subscribeBook('ETH');
    const snap = book.snapshot();
    expect(snap.bids.length).toBeGreaterThan(0);
    expect(snap.asks[0]!.price.gt(snap.bids[0]!.price)).toBe(true);
    const live = await venue.bestBidAsk('ETH');
    expect(live.bid!.eq(snap.bids[0]!.price)).toBe(true);
    let updates = 0;
    book.onUpdate(() => updates++);
    sim.admin.setMid(0, '3010');
    await until(() => updates > 0 && book.snapshot().bids[0]!.price.gt(3005), 'book to move to the new mid');
    expect(book.resyncs).toBe(0);
    book.close();
    sim.admin.setMid(0, '3000');
  });

  it('positions and collateral from the account', async () => {
    const { venue } = await client(1);
    const c = await venue.collateral();
    expect(c.total.toString()).toBe('100000');
    expect(await venue.positions()).toEqual([]);
  });

  it('warns when the API key index is one Lighter’s own apps use (0–3, lighter.md §5.1)', async () => {
    const lines: string[] = [];
    const capture = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    const accountIndex = sim.accounts[2]!;
    await client(2, { apiKeyIndex: 3, logger: capture, signer: new PaperSigner({ mode: 'paper', accountIndex, apiKeyIndex: 3 }, systemClock) });
    expect(lines.some((l) => l.includes('"apiKeyIndex":3') && l.includes('reserved'))).toBe(true);
  });

  it('refuses a signer made for another account or key', async () => {
    const other = sim.accounts[3]!;
    await expect(client(2, { signer: new PaperSigner({ mode: 'paper', accountIndex: other, apiKeyIndex: API_KEY }, systemClock) })).rejects.toThrow(TypeError);
  });

  it('finds the account index from the L1 address', async () => {
    const account = sim.admin.state().accounts.find((a) => a.account_index === sim.accounts[2])!;
    const { venue } = await client(2, { accountIndex: undefined, l1Address: account.l1_address });
    expect((await venue.collateral()).total.gt(0)).toBe(true);
  });
});

describe('Lighter client ↔ simulator: orders', () => {
  it('limit GTC: open → modify → cancel, each on the order stream with the caller’s client order id', async () => {
    const { venue, events } = await client(0);
    const handle = await venue.placeOrder({ symbol: 'ETH', side: 'buy', size: d('0.0100'), type: 'limit', price: d('2900.019'), timeInForce: 'GTC', clientOrderId: 'leg-A-1' });
    expect(handle).toMatchObject({ clientOrderId: 'leg-A-1', venueOrderId: null });
    expect(handle.txId).toBeTruthy();
    await until(() => lastOrder(events, 'leg-A-1')?.status === 'open', 'the order to rest');
    const rested = lastOrder(events, 'leg-A-1')!;
    expect(rested.price.toString()).toBe('2900.01'); // buy limit rounded down to the tick
    expect(rested.timeInForce).toBe('GTC');
    const openOrders = await venue.openOrders('ETH');
    expect(openOrders.map((o) => o.clientOrderId)).toContain('leg-A-1');

    await venue.modifyOrder({ symbol: 'ETH', venueOrderId: rested.venueOrderId, size: d('0.0200'), price: d('2899.5') });
    await until(() => lastOrder(events, 'leg-A-1')!.price.eq(d('2899.5')), 'the modified price');
    expect(lastOrder(events, 'leg-A-1')!.size.toString()).toBe('0.02');

    await venue.cancelOrder('ETH', rested.venueOrderId);
    await until(() => lastOrder(events, 'leg-A-1')!.status === 'canceled', 'the cancel');
    expect(await venue.openOrders('ETH')).toEqual([]);
  });

  it('market order: IOC at the worst price, a taker fill, a position', async () => {
    const { venue, events } = await client(1);
    const handle = await venue.placeOrder({ symbol: 'ETH', side: 'buy', size: d('0.05'), type: 'market', price: d('3100'), timeInForce: 'GTC' });
    await until(() => fillEvents(events).some((f) => f.clientOrderId === handle.clientOrderId), 'the fill');
    const fills = fillEvents(events).filter((f) => f.clientOrderId === handle.clientOrderId);
    const filled = fills.reduce((s, f) => s.plus(f.size), d(0));
    expect(filled.toString()).toBe('0.05');
    expect(fills.every((f) => f.side === 'buy' && f.liquidity === 'taker' && f.symbol === 'ETH')).toBe(true);
    await until(() => lastOrder(events, handle.clientOrderId)?.status === 'filled', 'the order to be filled');
    expect(lastOrder(events, handle.clientOrderId)!.type).toBe('market');
    const positions = await venue.positions();
    expect(positions.find((p) => p.symbol === 'ETH')!.size.toString()).toBe('0.05');
    await until(() => events.some((e) => e.type === 'positions' && e.positions.some((p) => p.size.eq(d('0.05')))), 'the positions event');
    // close it again, reduce-only
    await venue.placeOrder({ symbol: 'ETH', side: 'sell', size: d('0.05'), type: 'market', price: d('2900'), timeInForce: 'IOC', reduceOnly: true });
    await until(() => events.some((e) => e.type === 'positions' && e.positions.every((p) => p.symbol !== 'ETH')), 'the flat position');
  });

  it('post-only that would cross is rejected on the order stream with its reason', async () => {
    const { venue, events } = await client(0);
    const { ask } = await venue.bestBidAsk('ETH');
    const handle = await venue.placeOrder({ symbol: 'ETH', side: 'buy', size: d('0.01'), type: 'limit', price: ask!.plus(5), timeInForce: 'POST_ONLY' });
    await until(() => lastOrder(events, handle.clientOrderId)?.status === 'rejected', 'the post-only rejection');
    expect(lastOrder(events, handle.clientOrderId)).toMatchObject({ statusReason: 'canceled-post-only', rejection: 'PostOnlyWouldCross', timeInForce: 'POST_ONLY' });
  });

  it('placeOrders sends one batch; cancelAll per market and for all markets', async () => {
    const { venue, events } = await client(3);
    const handles = await venue.placeOrders([
      { symbol: 'ETH', side: 'buy', size: d('0.01'), type: 'limit', price: d('2800'), timeInForce: 'GTC' },
      { symbol: 'ETH', side: 'sell', size: d('0.01'), type: 'limit', price: d('3200'), timeInForce: 'GTC' },
      { symbol: 'BTC', side: 'buy', size: d('0.001'), type: 'limit', price: d('20000'), timeInForce: 'GTC' },
    ]);
    expect(new Set(handles.map((h) => h.txId)).size).toBe(3);
    await until(() => handles.every((h) => lastOrder(events, h.clientOrderId)?.status === 'open'), 'all three to rest');
    await venue.cancelAll('ETH');
    await until(() => handles.slice(0, 2).every((h) => lastOrder(events, h.clientOrderId)?.status === 'canceled'), 'the ETH cancels');
    expect((await venue.openOrders()).map((o) => o.symbol)).toEqual(['BTC']);
    await venue.cancelAll();
    await until(() => lastOrder(events, handles[2]!.clientOrderId)?.status === 'canceled', 'cancel-all');
    expect(await venue.openOrders()).toEqual([]);
  });

  it('reconciliation reads: the trade history as fills, newest first, and an order’s state by client order id', async () => {
    const { accountIndex } = sim.admin.createAccount({ collateral: '100000' });
    const { venue, events } = await client({ index: accountIndex });
    const buy = await venue.placeOrder({ symbol: 'ETH', side: 'buy', size: d('0.05'), type: 'market', price: d('3100'), timeInForce: 'IOC', clientOrderId: '123456789' });
    await until(() => lastOrder(events, buy.clientOrderId)?.status === 'filled', 'the buy to be filled');
    const sell = await venue.placeOrder({ symbol: 'ETH', side: 'sell', size: d('0.05'), type: 'market', price: d('2900'), timeInForce: 'IOC', reduceOnly: true });
    await until(() => lastOrder(events, sell.clientOrderId)?.status === 'filled', 'the sell to be filled');
    const resting = await venue.placeOrder({ symbol: 'ETH', side: 'buy', size: d('0.01'), type: 'limit', price: d('2500'), timeInForce: 'GTC' });
    await until(() => lastOrder(events, resting.clientOrderId)?.status === 'open', 'the resting order');

    const history = await venue.fillHistory(100);
    // The same fills the stream delivered (same ids and content), newest first.
    const streamed = fillEvents(events);
    expect(history.map((f) => f.fillId)).toEqual([...streamed].reverse().map((f) => f.fillId));
    expect(history.map((f) => [f.side, f.clientOrderId, f.symbol, f.liquidity])).toEqual([
      ...streamed.filter((f) => f.side === 'sell').map((f) => ['sell', sell.clientOrderId, 'ETH', f.liquidity]),
      ...streamed.filter((f) => f.side === 'buy').map((f) => ['buy', '123456789', 'ETH', f.liquidity]),
    ]);
    expect(history.reduce((s, f) => s.plus(f.side === 'buy' ? f.size : f.size.neg()), d(0)).toString()).toBe('0');
    for (const h of history) {
      const s = streamed.find((f) => f.fillId === h.fillId)!;
      expect([h.price.eq(s.price), h.size.eq(s.size), h.venueOrderId, h.liquidity, h.fee.eq(s.fee)]).toEqual([true, true, s.venueOrderId, s.liquidity, true]);
    }
    expect((await venue.fillHistory(1)).map((f) => f.fillId)).toEqual([history[0]!.fillId]);

    expect(await venue.orderByClientId('ETH', '123456789')).toMatchObject({ status: 'filled', clientOrderId: '123456789', side: 'buy' });
    expect((await venue.orderByClientId('ETH', '123456789'))!.filledSize.toString()).toBe('0.05');
    expect(await venue.orderByClientId('ETH', resting.clientOrderId)).toMatchObject({ status: 'open', clientOrderId: resting.clientOrderId });
    expect(await venue.orderByClientId('ETH', '987654321')).toBeNull();
    await venue.cancelAll();
  });

  it('checks minimum size and notional before sending', async () => {
    const { venue } = await client(0);
    await expect(venue.placeOrder({ symbol: 'ETH', side: 'buy', size: d('0.001'), type: 'limit', price: d('3000'), timeInForce: 'GTC' })).rejects.toBeInstanceOf(BelowMinSizeError);
    await expect(venue.placeOrder({ symbol: 'ETH', side: 'buy', size: d('0.005'), type: 'limit', price: d('1000'), timeInForce: 'GTC' })).rejects.toBeInstanceOf(BelowMinSizeError);
  });
});

describe('Lighter client ↔ simulator: faults', () => {
  it('invalid nonce once: one hard refresh from nextNonce, the order goes through', async () => {
    const { venue, events } = await client(0);
    sim.admin.setFaults({ invalid_nonce: { count: 1 } });
    const handle = await venue.placeOrder({ symbol: 'ETH', side: 'buy', size: d('0.01'), type: 'limit', price: d('2700'), timeInForce: 'GTC' });
    await until(() => lastOrder(events, handle.clientOrderId)?.status === 'open', 'the order after the nonce refresh');
    sim.admin.setFaults({ invalid_nonce: { count: 2 } });
    await expect(venue.cancelAll()).rejects.toBeInstanceOf(InvalidNonceError);
    await venue.cancelAll();
  });

  it('HTTP 429: backs off and succeeds; gives up with RateLimitedError after the retries', async () => {
    const { venue } = await client(0, { timing: { rateLimitBackoff: { baseMs: 5, maxMs: 20 }, maxRateLimitRetries: 3 } });
    sim.admin.setFaults({ rate_limit: { count: 2 } });
    expect((await venue.collateral()).total.gt(0)).toBe(true);
    sim.admin.setFaults({ rate_limit: { count: 10 } });
    await expect(venue.positions()).rejects.toBeInstanceOf(RateLimitedError);
  });

  it('order refused by the venue (21739) → InsufficientMarginError', async () => {
    const { venue } = await client(0);
    sim.admin.setFaults({ reject_orders: { count: 1, code: 21739 } });
    await expect(venue.placeOrder({ symbol: 'ETH', side: 'buy', size: d('0.01'), type: 'limit', price: d('2700'), timeInForce: 'GTC' })).rejects.toBeInstanceOf(InsufficientMarginError);
  });

  it('partial fill: the filled part arrives as a fill, the rest is cancelled with its reason', async () => {
    const { venue, events } = await client(1);
    sim.admin.setFaults({ fill_fraction: 0.5 });
    const handle = await venue.placeOrder({ symbol: 'ETH', side: 'buy', size: d('0.02'), type: 'market', price: d('3100'), timeInForce: 'IOC' });
    await until(() => lastOrder(events, handle.clientOrderId)?.status === 'canceled', 'the partial fill to end');
    const order = lastOrder(events, handle.clientOrderId)!;
    expect(order.filledSize.toString()).toBe('0.01');
    expect(order.statusReason).toBe('canceled-not-enough-liquidity');
    await until(() => fillEvents(events).filter((f) => f.clientOrderId === handle.clientOrderId).reduce((s, f) => s.plus(f.size), d(0)).eq(d('0.01')), 'the partial fill');
    sim.admin.clearFaults();
    await venue.placeOrder({ symbol: 'ETH', side: 'sell', size: d('0.01'), type: 'market', price: d('2900'), timeInForce: 'IOC', reduceOnly: true });
  });

  it('delayed ack: the order stream may report the order before placeOrder resolves', async () => {
    const { venue, events } = await client(0);
    sim.admin.setFaults({ ack_delay_ms: 300 });
    const started = Date.now();
    const handle = await venue.placeOrder({ symbol: 'ETH', side: 'buy', size: d('0.01'), type: 'limit', price: d('2600'), timeInForce: 'GTC', clientOrderId: 'slow-ack' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(handle.clientOrderId).toBe('slow-ack');
    await until(() => lastOrder(events, 'slow-ack')?.status === 'open', 'the order event');
    sim.admin.clearFaults();
    await venue.cancelAll();
  });

  it('WS drop: reconnect, resubscribe, REST resync; fills made while down arrive exactly once', async () => {
    const { venue, events } = await client(1, { timing: { reconnect: { baseMs: 400, maxMs: 400 } } });
    const book = await venue.subscribeBook('ETH');
    sim.admin.setFaults({ drop_ws: true });
    await until(() => events.some((e) => e.type === 'connection' && e.state === 'disconnected'), 'the disconnect');
    // While the socket is down (≥ 200 ms of backoff): trade over REST.
    const buy = await venue.placeOrder({ symbol: 'ETH', side: 'buy', size: d('0.03'), type: 'market', price: d('3100'), timeInForce: 'IOC' });
    await until(() => events.some((e) => e.type === 'connection' && e.state === 'resynced'), 'the resync', 8_000);
    const kinds = events.filter((e) => e.type === 'connection').map((e) => (e.type === 'connection' ? e.state : ''));
    expect(kinds.slice(-3)).toEqual(['disconnected', 'connected', 'resynced']);
    await until(() => fillEvents(events).some((f) => f.clientOrderId === buy.clientOrderId), 'the missed fill');
    // Give late snapshots a moment, then check nothing was delivered twice.
    await new Promise((r) => setTimeout(r, 200));
    const ids = fillEvents(events).map((f) => f.fillId);
    expect(new Set(ids).size).toBe(ids.length);
    const bought = fillEvents(events).filter((f) => f.clientOrderId === buy.clientOrderId).reduce((s, f) => s.plus(f.size), d(0));
    expect(bought.toString()).toBe('0.03');
    expect(lastOrder(events, buy.clientOrderId)?.status).toBe('filled');
    await until(() => book.resyncs === 1 && book.snapshot().bids.length > 0, 'the book resync');
    await venue.placeOrder({ symbol: 'ETH', side: 'sell', size: d('0.03'), type: 'market', price: d('2900'), timeInForce: 'IOC', reduceOnly: true });
  });
});
