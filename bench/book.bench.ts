/**
 * `npm run bench`: the venue-agnostic L2 book (`L2Book`, through
 * `LighterOrderBook.apply` on already-decoded messages) at 200 levels per side:
 * book updates per second with no listener, with one listener reading the best
 * bid/ask and the mid, and with one listener reading the depth to 5 base units
 * on both sides (`depthToSize`, kept per size by the book; and, for comparison,
 * walked afresh on every update). One single-level delta per update, 10 % of them removing a
 * level (re-added by later deltas); seeded, bounded in count.
 */
import Decimal from 'decimal.js';
import pino from 'pino';
import { bookMid } from '../src/main/core/portfolio/mark-price';
import { sweep } from '../src/main/core/venues/book-depth';
import { depthToSize } from '../src/main/core/venues/book-side-levels';
import { LighterOrderBook } from '../src/main/core/venues/lighter/order-book';
import type { WsOrderBook } from '../src/main/core/venues/lighter/wire';
import type { BookSnapshot } from '../src/main/core/venues/venue';
import { lighterBookMessages } from './lighter-book-messages';

const logger = pino({ level: 'silent' });
const LEVELS = 200;
const UPDATES = 200_000;
const DEPTH_SIZE = new Decimal(5);

/** Updates/s applying `msgs` to a fresh book with `listener` (if any) subscribed. */
function run(msgs: WsOrderBook[], listener: ((book: BookSnapshot) => void) | null): number {
  const book = new LighterOrderBook('ETH', () => {
    throw new Error('unexpected gap');
  }, () => 0, logger);
  book.apply(msgs[0]!);
  if (listener) book.onUpdate(listener);
  const start = process.hrtime.bigint();
  for (let i = 1; i < msgs.length; i++) book.apply(msgs[i]!);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (!book.ready) throw new Error('book went stale');
  return UPDATES / seconds;
}

function main(): void {
  const msgs = lighterBookMessages(LEVELS, UPDATES, 7);
  let sink = 0;
  const bestAndMid = (book: BookSnapshot) => {
    const bid = book.bids[0]?.price;
    const ask = book.asks[0]?.price;
    const mid = bookMid(book);
    if (bid && ask && mid) sink += 1;
  };
  const depth = (book: BookSnapshot) => {
    if (depthToSize(book.bids, DEPTH_SIZE).complete && depthToSize(book.asks, DEPTH_SIZE).complete) sink += 1;
  };
  const walkedDepth = (book: BookSnapshot) => {
    if (sweep(book.bids, DEPTH_SIZE).depth.complete && sweep(book.asks, DEPTH_SIZE).depth.complete) sink += 1;
  };
  run(msgs, bestAndMid); // warm-up
  const rows: [string, number][] = [
    ['no listener', run(msgs, null)],
    ['1 listener: best bid/ask + mid', run(msgs, bestAndMid)],
    [`1 listener: depth to ${DEPTH_SIZE.toFixed()} on both sides`, run(msgs, depth)],
    [`1 listener: depth to ${DEPTH_SIZE.toFixed()} on both sides, walked every update`, run(msgs, walkedDepth)],
  ];
  if (sink === 0) throw new Error('listeners saw no book');
  const lines = [
    `node ${process.versions.node}, ${LEVELS} levels per side, ${UPDATES.toLocaleString('en-US')} updates (one level each)`,
    '| case | updates/s |',
    '|---|---:|',
    ...rows.map(([name, perSec]) => `| ${name} | ${Math.round(perSec).toLocaleString('en-US')} |`),
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main();
