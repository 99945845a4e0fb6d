/**
 * Live books over a scripted loopback JSON-RPC server: the first snapshot
 * makes the book ready, a `seq_no` gap resubscribes the deltas channel and
 * the fresh snapshot counts as one resync (paradex.md §8).
 */
import Decimal from 'decimal.js';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { systemClock } from '../../clock';
import { BookSubscriptions } from './book-subscriptions';
import { DEFAULT_PARADEX_FEES, MarketCatalog } from './markets';
import { marketSchema } from './wire';
import { ParadexWs } from './ws-connection';

const logger = pino({ level: 'silent' });
const CHANNEL = 'order_book.ETH-USD-PERP.deltas';

async function until(cond: () => boolean, what: string, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0).reverse()) c();
});

const level = (side: 'BUY' | 'SELL', price: string, size: string) => ({ side, price, size });
const book = (seq_no: number, update_type: 's' | 'd', inserts: unknown[]) => ({ seq_no, market: 'ETH-USD-PERP', last_updated_at: seq_no, update_type, inserts, updates: [], deletes: [] });

describe('Paradex book subscriptions', () => {
  it('a gap in seq_no resubscribes; the new snapshot is one resync', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((r) => wss.once('listening', () => r()));
    cleanup.push(() => wss.close());
    let socket: WebSocket | null = null;
    const methods: string[] = [];
    let snapshots = 0;
    const push = (data: unknown) => socket!.send(JSON.stringify({ jsonrpc: '2.0', method: 'subscription', params: { channel: CHANNEL, data } }));
    wss.on('connection', (s) => {
      socket = s;
      s.on('message', (raw) => {
        const m = JSON.parse(raw.toString()) as { method: string; id: number; params: { channel?: string } };
        methods.push(m.method);
        s.send(JSON.stringify({ jsonrpc: '2.0', id: m.id, result: {} }));
        if (m.method === 'subscribe' && m.params.channel === CHANNEL) {
          snapshots++;
          push(book(snapshots * 100, 's', [level('BUY', '2999', '1'), level('SELL', '3001', String(snapshots))]));
        }
      });
    });
    const ws = new ParadexWs({ url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/v1`, clock: systemClock, logger, jwt: { get: async () => 'jwt', invalidate: () => undefined } });
    cleanup.push(() => ws.close());
    const eth = marketSchema.parse({ symbol: 'ETH-USD-PERP', base_currency: 'ETH', quote_currency: 'USD', order_size_increment: '0.001', price_tick_size: '0.01', min_notional: '100', asset_kind: 'PERP' });
    const books = new BookSubscriptions(ws, new MarketCatalog([eth], DEFAULT_PARADEX_FEES, 1), logger, 'deltas');
    ws.start();
    const sub = await books.open('ETH', 2_000);
    expect(sub.snapshot().sequence).toBe(100);
    push(book(101, 'd', [level('BUY', '2999.5', '2')]));
    await until(() => sub.snapshot().sequence === 101, 'the delta');
    expect(sub.snapshot().bids[0]!.price.eq(new Decimal('2999.5'))).toBe(true);
    expect(books.ready('ETH')).toBeDefined();
    push(book(105, 'd', [level('BUY', '2990', '1')]));
    await until(() => sub.resyncs === 1, 'the resync');
    expect(methods.slice(-2)).toEqual(['unsubscribe', 'subscribe']);
    expect(sub.snapshot().sequence).toBe(200);
    expect(sub.snapshot().asks[0]!.size.toString()).toBe('2');
    expect(sub.snapshot().bids.map((l) => l.price.toString())).toEqual(['2999']);
    sub.close();
    await until(() => methods.at(-1) === 'unsubscribe', 'the unsubscribe on close');
    expect(books.ready('ETH')).toBeUndefined();
  });
});
