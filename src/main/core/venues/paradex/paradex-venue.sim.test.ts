/**
 * The real Paradex client against the Paradex simulator over loopback (REST +
 * JSON-RPC WS on 127.0.0.1), with StarkNet keys registered through the admin:
 * every Venue operation, typed rejections, JWT expiry, WS drop and resync,
 * rate limits, and a wrong key refused at auth.
 */
import Decimal from 'decimal.js';
import pino from 'pino';
import { ec } from 'starknet';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../clock';
import { startParadexSim, type RunningParadexSim } from '../../sim/paradex/paradex-sim';
import type { Fill, Venue } from '../venue';
import { BelowMinSizeError, InvalidOrderError, InvalidSignatureError, OrderNotFoundError, type VenueError } from '../venue-errors';
import { until as waitUntil } from '../../../../../tests/helpers/until';
import { connectRecording, fillEvents, lastOrder, orderEvents } from '../testing/recorded-account-events';
import { createParadexVenue, type ParadexVenueOptions } from './paradex-venue';

const logger = pino({ level: 'silent' });
const d = (v: string | number) => new Decimal(v);

let sim: RunningParadexSim;
const open: Venue[] = [];

beforeAll(async () => {
  sim = await startParadexSim({ port: 0, seed: 7 });
  sim.admin.setMid('ETH-USD-PERP', '3000');
});
afterAll(async () => {
  await sim.close();
});
afterEach(async () => {
  sim.admin.clearFaults();
  for (const v of open.splice(0)) await v.close();
});

/** A new funded simulator account and a connected client for it, with the events it saw. */
async function client(extra: Partial<ParadexVenueOptions> = {}, collateral = '100000') {
  const privateKey = `0x${Buffer.from(ec.starkCurve.utils.randomPrivateKey()).toString('hex')}`;
  const { address } = sim.admin.createAccount({ publicKey: ec.starkCurve.getStarkKey(privateKey), collateral });
  const venue = createParadexVenue({
    accountId: `acc_${address.slice(2, 10)}`,
    baseUrl: `${sim.url}/v1`,
    wsUrl: sim.wsUrl,
    l2PrivateKey: privateKey,
    l2Address: address,
    clock: systemClock,
    logger,
    timing: { reconnect: { baseMs: 20, maxMs: 100 }, rateLimitBackoff: { baseMs: 10, maxMs: 40 }, connectTimeoutMs: 5_000, bookTimeoutMs: 5_000 },
    ...extra,
  });
  const events = await connectRecording(venue, open);
  return { venue, events, address, privateKey };
}

/** A logger that keeps every line (info and up) in `lines`. */
function recordingLogger(lines: string[]) {
  return pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
}

/** Waits (bounded, 5 s by default) until `pred` holds. */
const until = (pred: () => boolean, what: string, timeoutMs = 5_000) => waitUntil(pred, what, timeoutMs);
const sum = (fills: Fill[]) => fills.reduce((s, f) => s.plus(f.size), d(0));

describe('Paradex client ↔ simulator: reads', () => {
  it('markets under the base-asset symbol, best bid/ask over REST and from the live book', async () => {
    const { venue } = await client();
    const eth = await venue.market('ETH');
    expect(eth).toMatchObject({ symbol: 'ETH', venueMarketId: 'ETH-USD-PERP', status: 'active' });
    expect([eth.tickSize.toString(), eth.stepSize.toString(), eth.minNotional.toString()]).toEqual(['0.01', '0.001', '100']);
    expect((await venue.markets()).map((m) => m.symbol).sort()).toEqual(['BTC', 'ETH', 'SOL']);
    await expect(venue.market('NOPE')).rejects.toBeInstanceOf(InvalidOrderError);
    const rest = await venue.bestBidAsk('ETH');
    expect(rest.bid!.lt(rest.ask!)).toBe(true);
    const book = await venue.subscribeBook('ETH');
    const snap = book.snapshot();
    expect(snap.bids.length).toBeGreaterThan(0);
    expect(snap.asks[0]!.price.gt(snap.bids[0]!.price)).toBe(true);
    let updates = 0;
    book.onUpdate(() => updates++);
    sim.admin.setMid('ETH-USD-PERP', '3030');
    await until(() => updates > 0 && book.snapshot().bids[0]!.price.gt(3010), 'the book to follow the new mid');
    const live = await venue.bestBidAsk('ETH');
    expect(live.bid!.gt(3010)).toBe(true);
    expect(book.resyncs).toBe(0);
    expect(book.snapshot().sequence).toBeGreaterThan(snap.sequence);
    book.close();
    sim.admin.setMid('ETH-USD-PERP', '3000');
  });

  it('the snapshot feed (15 levels, whole books) as the alternative', async () => {
    const { venue } = await client({ bookFeed: 'snapshot' });
    const book = await venue.subscribeBook('ETH');
    const snap = book.snapshot();
    expect(snap.bids.length).toBeGreaterThan(0);
    expect(snap.bids.length).toBeLessThanOrEqual(15);
    expect(snap.asks[0]!.price.gt(snap.bids[0]!.price)).toBe(true);
    book.close();
  });

  it('collateral and positions of a fresh account', async () => {
    const { venue } = await client({}, '2500');
    const c = await venue.collateral();
    expect(c.total.toString()).toBe('2500');
    expect(c.available.toString()).toBe('2500');
    expect(await venue.positions()).toEqual([]);
  });

  it('a wrong StarkNet key is refused at auth: InvalidSignatureError', async () => {
    const { address } = await client();
    const wrong = `0x${Buffer.from(ec.starkCurve.utils.randomPrivateKey()).toString('hex')}`;
    const venue = createParadexVenue({ accountId: 'acc_wrong', baseUrl: `${sim.url}/v1`, wsUrl: sim.wsUrl, l2PrivateKey: wrong, l2Address: address, clock: systemClock, logger });
    const err = await venue.connect().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidSignatureError);
    expect((err as VenueError).venueCode).toBe('STARKNET_SIGNATURE_VERIFICATION_FAILED');
    await expect(venue.markets()).rejects.toThrow(/connect\(\) first/);
  });

  it('without an address the standard account address is derived from the key and /system/config', async () => {
    const { privateKey } = await client();
    const venue = createParadexVenue({ accountId: 'acc_derived', baseUrl: `${sim.url}/v1`, wsUrl: sim.wsUrl, l2PrivateKey: privateKey, clock: systemClock, logger });
    await venue.connect();
    open.push(venue);
    expect((await venue.collateral()).total.toString()).toBe('100000');
  });
});

describe('Paradex client ↔ simulator: orders', () => {
  it('a resting limit order: accepted with its venue id, listed, cancelled', async () => {
    const { venue, events } = await client();
    const handle = await venue.placeOrder({ symbol: 'ETH', side: 'buy', type: 'limit', size: d('0.1'), price: d('2800.004'), timeInForce: 'GTC', clientOrderId: 'rest-1' });
    expect(handle.venueOrderId).toMatch(/^\d+$/);
    await until(() => lastOrder(events, 'rest-1')?.status === 'open', 'the order to rest');
    const [listed] = await venue.openOrders('ETH');
    expect(listed).toMatchObject({ venueOrderId: handle.venueOrderId, clientOrderId: 'rest-1', side: 'buy', timeInForce: 'GTC' });
    expect(listed!.price.toString()).toBe('2800');
    await venue.cancelOrder('ETH', handle.venueOrderId!);
    await until(() => lastOrder(events, 'rest-1')?.status === 'canceled', 'the cancel');
    expect(lastOrder(events, 'rest-1')).toMatchObject({ statusReason: 'USER_CANCELED', rejection: null });
    expect(await venue.openOrders()).toEqual([]);
  });

  it('a native MARKET buy fills once, opens a long, then a reduce-only sell closes it', async () => {
    const { venue, events } = await client();
    await venue.placeOrder({ symbol: 'ETH', side: 'buy', type: 'market', size: d('0.2'), price: d('3100'), timeInForce: 'IOC', clientOrderId: 'mkt-1' });
    await until(() => lastOrder(events, 'mkt-1')?.status === 'filled' && sum(fillEvents(events, 'mkt-1')).eq(0.2), 'the market buy to fill');
    const [fill] = fillEvents(events, 'mkt-1');
    expect(fill).toMatchObject({ symbol: 'ETH', side: 'buy', liquidity: 'taker' });
    expect(lastOrder(events, 'mkt-1')).toMatchObject({ type: 'market', timeInForce: 'IOC' });
    const [position] = await venue.positions();
    expect(position!.symbol).toBe('ETH');
    expect(position!.size.toString()).toBe('0.2');
    await until(() => events.some((e) => e.type === 'positions' && e.positions.some((p) => p.size.eq(0.2))), 'the position on the stream');
    await venue.placeOrder({ symbol: 'ETH', side: 'sell', type: 'market', size: d('0.2'), price: d('2900'), timeInForce: 'IOC', reduceOnly: true, clientOrderId: 'close-1' });
    await until(() => lastOrder(events, 'close-1')?.status === 'filled', 'the reduce-only close');
    expect(lastOrder(events, 'close-1')!.reduceOnly).toBe(true);
    expect(await venue.positions()).toEqual([]);
    await new Promise((r) => setTimeout(r, 100));
    expect(fillEvents(events).map((f) => f.fillId)).toEqual([...new Set(fillEvents(events).map((f) => f.fillId))]);
  });

  it('typed refusals: post-only crossing, reduce-only on a flat account, injected NOT_ENOUGH_MARGIN, below-minimum before sending', async () => {
    const { venue, events } = await client();
    const { ask } = await venue.bestBidAsk('ETH');
    await venue.placeOrder({ symbol: 'ETH', side: 'buy', type: 'limit', size: d('0.1'), price: ask!.plus(5), timeInForce: 'POST_ONLY', clientOrderId: 'po-1' });
    await until(() => lastOrder(events, 'po-1')?.status === 'rejected', 'the post-only refusal');
    expect(lastOrder(events, 'po-1')!.rejection).toBe('PostOnlyWouldCross');

    await venue.placeOrder({ symbol: 'ETH', side: 'sell', type: 'market', size: d('0.1'), price: d('2500'), timeInForce: 'IOC', reduceOnly: true, clientOrderId: 'ro-1' });
    await until(() => lastOrder(events, 'ro-1')?.status === 'rejected', 'the reduce-only refusal');
    // The POST answer (NEW) may arrive after the WS update (CLOSED): the order never goes back to pending.
    await new Promise((r) => setTimeout(r, 50));
    expect(orderEvents(events, 'ro-1').map((o) => o.status).filter((st) => st === 'rejected')).toHaveLength(1);
    expect(lastOrder(events, 'ro-1')!.status).toBe('rejected');
    expect(lastOrder(events, 'ro-1')!.rejection).toBe('ReduceOnlyRejected');

    sim.admin.rejectNextOrders(1, 'NOT_ENOUGH_MARGIN');
    await venue.placeOrder({ symbol: 'ETH', side: 'buy', type: 'market', size: d('0.1'), price: d('3100'), timeInForce: 'IOC', clientOrderId: 'nem-1' });
    await until(() => lastOrder(events, 'nem-1')?.status === 'rejected', 'the margin refusal');
    expect(lastOrder(events, 'nem-1')).toMatchObject({ rejection: 'InsufficientMargin', statusReason: 'NOT_ENOUGH_MARGIN' });

    await expect(venue.placeOrder({ symbol: 'ETH', side: 'buy', type: 'limit', size: d('0.01'), price: d('2900'), timeInForce: 'GTC' })).rejects.toBeInstanceOf(BelowMinSizeError);
    expect(fillEvents(events)).toEqual([]);
  });

  it('a partial fill: the order ends partly filled, each fill delivered once', async () => {
    const { venue, events } = await client();
    sim.admin.fillFraction(0.5);
    await venue.placeOrder({ symbol: 'ETH', side: 'buy', type: 'market', size: d('0.4'), price: d('3100'), timeInForce: 'IOC', clientOrderId: 'pf-1' });
    await until(() => ['canceled', 'filled'].includes(lastOrder(events, 'pf-1')?.status ?? '') && fillEvents(events, 'pf-1').length > 0, 'the partial fill');
    const order = lastOrder(events, 'pf-1')!;
    expect(order.filledSize.toString()).toBe('0.2');
    expect(order.status).toBe('canceled');
    expect(sum(fillEvents(events, 'pf-1')).toString()).toBe('0.2');
    expect((await venue.positions())[0]!.size.toString()).toBe('0.2');
  });

  it('modify a resting order (ModifyOrder signature): new size and price', async () => {
    const { venue, events } = await client();
    const handle = await venue.placeOrder({ symbol: 'ETH', side: 'sell', type: 'limit', size: d('0.1'), price: d('3300'), timeInForce: 'GTC', clientOrderId: 'mod-1' });
    await until(() => lastOrder(events, 'mod-1')?.status === 'open', 'the order to rest');
    await venue.modifyOrder({ symbol: 'ETH', venueOrderId: handle.venueOrderId!, size: d('0.15'), price: d('3250.004') });
    const [listed] = await venue.openOrders('ETH');
    expect([listed!.size.toString(), listed!.price.toString()]).toEqual(['0.15', '3250.01']);
    await venue.cancelOrder('ETH', handle.venueOrderId!);
    await until(() => lastOrder(events, 'mod-1')?.status === 'canceled', 'the cancel');
    await expect(venue.modifyOrder({ symbol: 'ETH', venueOrderId: handle.venueOrderId!, size: d('0.1'), price: d('3200') })).rejects.toBeInstanceOf(OrderNotFoundError);
  });

  it('a batch of two orders; cancel all of one market', async () => {
    const { venue, events } = await client();
    const handles = await venue.placeOrders([
      { symbol: 'ETH', side: 'buy', type: 'limit', size: d('0.1'), price: d('2700'), timeInForce: 'GTC', clientOrderId: 'b-1' },
      { symbol: 'ETH', side: 'sell', type: 'limit', size: d('0.1'), price: d('3300'), timeInForce: 'POST_ONLY', clientOrderId: 'b-2' },
    ]);
    expect(handles.map((h) => h.clientOrderId)).toEqual(['b-1', 'b-2']);
    await until(() => lastOrder(events, 'b-1')?.status === 'open' && lastOrder(events, 'b-2')?.status === 'open', 'both to rest');
    await venue.cancelAll('ETH');
    await until(() => lastOrder(events, 'b-1')?.status === 'canceled' && lastOrder(events, 'b-2')?.status === 'canceled', 'both cancelled');
  });

  it("the seed's market-order emulation: a limit IOC at best ask × (1 + offset), never post-only", async () => {
    const { venue, events } = await client({ marketOrderMode: 'limit-emulation', emulation: { offset: d('0.002') } });
    const { ask } = await venue.bestBidAsk('ETH');
    await venue.placeOrder({ symbol: 'ETH', side: 'buy', type: 'market', size: d('0.1'), price: d('3500'), timeInForce: 'IOC', clientOrderId: 'emu-1' });
    await until(() => lastOrder(events, 'emu-1')?.status === 'filled', 'the emulated market buy to fill');
    const order = lastOrder(events, 'emu-1')!;
    expect(order).toMatchObject({ type: 'limit', timeInForce: 'IOC' });
    expect(order.price.lte(ask!.times(1.002))).toBe(true);
    expect(order.price.gte(ask!)).toBe(true);
    // In a batch too: both legs go as limit IOC; a worst price below the ask caps the limit, which then rests nowhere.
    await venue.placeOrders([
      { symbol: 'ETH', side: 'sell', type: 'market', size: d('0.1'), price: d('2500'), timeInForce: 'IOC', clientOrderId: 'emu-2' },
      { symbol: 'ETH', side: 'buy', type: 'market', size: d('0.1'), price: ask!.minus(50), timeInForce: 'IOC', clientOrderId: 'emu-3' },
    ]);
    await until(() => lastOrder(events, 'emu-2')?.status === 'filled' && lastOrder(events, 'emu-3')?.status === 'canceled', 'the emulated batch to end');
    expect(lastOrder(events, 'emu-3')!.price.eq(ask!.minus(50))).toBe(true);
    expect(fillEvents(events, 'emu-3')).toEqual([]);
    expect(await venue.openOrders()).toEqual([]);
  });
});

describe('Paradex client ↔ simulator: faults', () => {
  it('JWT expiry mid-session: the next private call re-authenticates transparently', async () => {
    const lines: string[] = [];
    const { venue, events } = await client({ logger: recordingLogger(lines) });
    sim.admin.expireJwts();
    expect((await venue.collateral()).total.toString()).toBe('100000');
    sim.admin.expireJwts();
    await venue.placeOrder({ symbol: 'ETH', side: 'buy', type: 'market', size: d('0.05'), price: d('3100'), timeInForce: 'IOC', clientOrderId: 'jwt-1' });
    await until(() => lastOrder(events, 'jwt-1')?.status === 'filled', 'the order after the JWT expired');
    // One re-auth per expiry at least (the stream's own REST reads may meet an expired token too).
    expect(lines.filter((l) => l.includes('re-authenticating once')).length).toBeGreaterThanOrEqual(2);
  });

  it('short-lived JWTs are refreshed before they expire (no 401 needed)', async () => {
    sim.admin.setJwtTtl(1_000);
    try {
      const lines: string[] = [];
      const { venue } = await client({ logger: recordingLogger(lines) });
      for (let i = 0; i < 4; i++) {
        await new Promise((r) => setTimeout(r, 400));
        expect((await venue.collateral()).total.toString()).toBe('100000');
      }
      expect(lines.filter((l) => l.includes('re-authenticating once'))).toEqual([]);
    } finally {
      sim.admin.setJwtTtl(300_000);
    }
  });

  it('WS drop → reconnect and REST resync: a fill made while disconnected is delivered exactly once', async () => {
    const { venue, events } = await client();
    sim.admin.dropWebSockets();
    await venue.placeOrder({ symbol: 'ETH', side: 'buy', type: 'market', size: d('0.1'), price: d('3100'), timeInForce: 'IOC', clientOrderId: 'drop-1' });
    await until(() => events.some((e) => e.type === 'connection' && e.state === 'resynced'), 'the resync');
    await until(() => fillEvents(events, 'drop-1').length > 0 && lastOrder(events, 'drop-1')?.status === 'filled', 'the fill');
    await new Promise((r) => setTimeout(r, 200));
    expect(sum(fillEvents(events, 'drop-1')).toString()).toBe('0.1');
    const states = events.filter((e) => e.type === 'connection').map((e) => (e as { state: string }).state);
    expect(states).toEqual(expect.arrayContaining(['disconnected', 'connected', 'resynced']));
    // The stream keeps working after the reconnect.
    await venue.placeOrder({ symbol: 'ETH', side: 'sell', type: 'market', size: d('0.1'), price: d('2900'), timeInForce: 'IOC', reduceOnly: true, clientOrderId: 'drop-2' });
    await until(() => lastOrder(events, 'drop-2')?.status === 'filled' && fillEvents(events, 'drop-2').length > 0, 'a fill after the reconnect');
  });

  it('HTTP 429 bursts are retried with backoff', async () => {
    const { venue } = await client();
    sim.admin.rateLimitBurst(2);
    expect((await venue.collateral()).total.toString()).toBe('100000');
  });
});
