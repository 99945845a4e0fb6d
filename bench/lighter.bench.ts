/**
 * `npm run bench`: Lighter client numbers.
 * 1. L2 book deltas applied per second by the client's book (`LighterOrderBook`),
 *    raw apply and the full path a WS frame takes (JSON.parse + zod + apply).
 * 2. Order round trip against the Lighter simulator over loopback: placeOrder
 *    (sign + sendTx + ack) and ack → the order's `open` update on the WS stream.
 * Prints a table; bounded in count and time; binds 127.0.0.1 only.
 */
import Decimal from 'decimal.js';
import pino from 'pino';
import { systemClock } from '../src/main/core/clock';
import { startLighterSim } from '../src/main/core/sim/lighter/lighter-sim';
import { createLighterVenue } from '../src/main/core/venues/lighter/lighter-venue';
import { LighterOrderBook } from '../src/main/core/venues/lighter/order-book';
import { PaperSigner } from '../src/main/core/venues/lighter/signer/paper-signer';
import { wsOrderBookSchema } from '../src/main/core/venues/lighter/wire';
import { lighterBookMessages } from './lighter-book-messages';
import { latencyStats, orderRoundTrips } from './order-round-trips';

const logger = pino({ level: 'silent' });
const LEVELS = 200;
const DELTAS = 200_000;
const ORDERS = 300;

function benchBook(): { applyPerSec: number; framePerSec: number } {
  const messages = lighterBookMessages(LEVELS, DELTAS, 42);
  const frames = messages.map((m) => JSON.stringify(m));
  const run = (apply: (book: LighterOrderBook, i: number) => void) => {
    const book = new LighterOrderBook('ETH', () => {
      throw new Error('unexpected gap');
    }, Date.now, logger);
    apply(book, 0);
    const start = process.hrtime.bigint();
    for (let i = 1; i < messages.length; i++) apply(book, i);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (!book.ready) throw new Error('book went stale');
    return DELTAS / seconds;
  };
  const applyPerSec = run((book, i) => book.apply(messages[i]!));
  const framePerSec = run((book, i) => book.apply(wsOrderBookSchema.parse(JSON.parse(frames[i]!))));
  return { applyPerSec, framePerSec };
}

async function benchOrders(): Promise<{ ack: number[]; stream: number[] }> {
  const sim = await startLighterSim({ port: 0, accounts: 1, collateral: '1000000', seed: 3, liquidity: true });
  try {
    sim.admin.setMid(0, '3000');
    const accountIndex = sim.accounts[0]!;
    const venue = createLighterVenue({
      accountId: 'bench',
      baseUrl: sim.url,
      wsUrl: sim.wsUrl,
      accountIndex,
      apiKeyIndex: 4,
      signer: new PaperSigner({ mode: 'paper', accountIndex, apiKeyIndex: 4 }, systemClock),
      tier: 'premium',
      clock: systemClock,
      logger,
    });
    await venue.connect();
    const trips = await orderRoundTrips(venue, { symbol: 'ETH', side: 'buy', size: new Decimal('0.01'), type: 'limit', price: new Decimal('2500'), timeInForce: 'POST_ONLY' }, ORDERS);
    await venue.close();
    return trips;
  } finally {
    await sim.close();
  }
}

async function main(): Promise<void> {
  const book = benchBook();
  const orders = await benchOrders();

  const lines = [
    `node ${process.versions.node}, ${LEVELS} levels per side, ${DELTAS} deltas`,
    `L2 deltas applied/s (book.apply):               ${Math.round(book.applyPerSec).toLocaleString('en-US')}`,
    `L2 deltas applied/s (JSON.parse + zod + apply): ${Math.round(book.framePerSec).toLocaleString('en-US')}`,
    `order round trip, placeOrder → ack:             ${latencyStats(orders.ack)}`,
    `order round trip, placeOrder → open on WS:      ${latencyStats(orders.stream)}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${String(err instanceof Error ? err.stack : err)}\n`);
  process.exit(1);
});
