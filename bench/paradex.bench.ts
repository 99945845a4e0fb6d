/**
 * `npm run bench`: Paradex client numbers.
 * 1. StarkNet signing of one order (`Order` typed data): the SNIP-12 message
 *    hash (starknet.js `typedData.getMessageHash`) and hash + sign.
 * 2. Order round trip against the Paradex simulator over loopback through a
 *    paper account (the real client; the simulator verifies every signature):
 *    placeOrder (sign + POST /v1/orders + ack) and placeOrder → the order's
 *    `open` update on the authenticated WS stream.
 * Prints a table; bounded in count and time; binds 127.0.0.1 only.
 */
import Decimal from 'decimal.js';
import { ec } from 'starknet';
import pino from 'pino';
import type { Account } from '../src/shared/schemas/account';
import { systemClock } from '../src/main/core/clock';
import { PaperParadex } from '../src/main/core/venues/paradex/paper-paradex';
import { ParadexSigner } from '../src/main/core/venues/paradex/signer';
import { orderTypedData } from '../src/main/core/venues/paradex/typed-data';
import { latencyStats, orderRoundTrips } from './order-round-trips';

const logger = pino({ level: 'silent' });
const SIGNS = 200;
const ORDERS = 100;

function benchSigning(): { hash: number[]; sign: number[] } {
  const privateKey = `0x${Buffer.from(ec.starkCurve.utils.randomPrivateKey()).toString('hex')}`;
  const signer = new ParadexSigner(privateKey, '0x1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcd');
  const hash: number[] = [];
  const sign: number[] = [];
  for (let i = 0; i < SIGNS; i++) {
    const data = orderTypedData('PRIVATE_SN_PARACLEAR_MAINNET', {
      timestamp: String(1_760_000_000_000 + i),
      market: 'ETH-USD-PERP',
      side: '1',
      orderType: 'LIMIT',
      size: '1000000',
      price: String(300_000_000_000 + i),
    });
    const t0 = performance.now();
    signer.messageHash(data);
    const t1 = performance.now();
    signer.sign(data);
    const t2 = performance.now();
    hash.push(t1 - t0);
    sign.push(t2 - t1);
  }
  return { hash, sign };
}

async function benchOrders(): Promise<{ ack: number[]; stream: number[] }> {
  const paper = new PaperParadex({ collateral: '1000000', seed: 3 });
  const account: Account = { id: 'acc_bench', venue: 'paradex', label: 'bench', mode: 'paper', identifiers: {}, createdAt: 0, updatedAt: 0 };
  try {
    const venue = await paper.venueFor(account, { clock: systemClock, logger });
    await venue.connect();
    const bid = (await venue.bestBidAsk('ETH')).bid;
    if (!bid) throw new Error('no bid on the simulator');
    const price = bid.mul('0.8').toDecimalPlaces(0);
    const trips = await orderRoundTrips(venue, { symbol: 'ETH', side: 'buy', size: new Decimal('0.1'), type: 'limit', price, timeInForce: 'POST_ONLY' }, ORDERS);
    await venue.close();
    return trips;
  } finally {
    await paper.close();
  }
}

async function main(): Promise<void> {
  const signing = benchSigning();
  const orders = await benchOrders();

  const lines = [
    `node ${process.versions.node}, Paradex (paper, built-in simulator)`,
    `order typed data → message hash:           ${latencyStats(signing.hash)}`,
    `order typed data → signature (hash + sign): ${latencyStats(signing.sign)}`,
    `order round trip, placeOrder → ack:         ${latencyStats(orders.ack)}`,
    `order round trip, placeOrder → open on WS:  ${latencyStats(orders.stream)}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${String(err instanceof Error ? err.stack : err)}\n`);
  process.exit(1);
});
