import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { sweep } from './book-depth';
import { depthToSize } from './book-side-levels';
import { L2Book, type BookSide } from './l2-book';
import type { BookLevel, BookSnapshot } from './venue';

/** An L2Book driven directly: the venue subclasses' protected steps made callable. */
class TestBook extends L2Book {
  get resyncs(): number {
    return 0;
  }
  snapshotStart(): void {
    this.beginSnapshot();
  }
  set(side: BookSide, price: string, size: string): void {
    this.setLevel(side, new Decimal(price), new Decimal(size));
  }
  remove(side: BookSide, price: string): void {
    this.deleteLevel(side, new Decimal(price));
  }
  end(sequence: number): void {
    this.commit(sequence, 1_000 + sequence);
  }
}

/** The book as it was built before: a map per side keyed by the price's plain text, sorted on every read. */
class ReferenceBook {
  private readonly sides = { bid: new Map<string, BookLevel>(), ask: new Map<string, BookLevel>() };
  clear(): void {
    this.sides.bid.clear();
    this.sides.ask.clear();
  }
  set(side: BookSide, price: string, size: string): void {
    const p = new Decimal(price);
    if (new Decimal(size).isZero()) this.sides[side].delete(p.toFixed());
    else this.sides[side].set(p.toFixed(), { price: p, size: new Decimal(size) });
  }
  remove(side: BookSide, price: string): void {
    this.sides[side].delete(new Decimal(price).toFixed());
  }
  levels(side: BookSide): BookLevel[] {
    const sign = side === 'bid' ? -1 : 1;
    return [...this.sides[side].values()].sort((a, b) => sign * a.price.comparedTo(b.price));
  }
  /** Depth to `size` the plain way: take min(level, rest) from each level until nothing is left. */
  depth(side: BookSide, size: Decimal) {
    let rest = size;
    let notional = new Decimal(0);
    let worstPrice: Decimal | null = null;
    for (const l of this.levels(side)) {
      if (rest.lte(0)) break;
      const take = Decimal.min(rest, l.size);
      notional = notional.plus(take.times(l.price));
      rest = rest.minus(take);
      worstPrice = l.price;
    }
    return { filled: size.minus(rest), complete: rest.lte(0), worstPrice: worstPrice?.toFixed() ?? null, notional: notional.toFixed() };
  }
}

/** mulberry32: a small seeded PRNG in [0, 1). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const text = (levels: readonly BookLevel[]) => levels.map((l) => [l.price.toFixed(), l.size.toFixed()]);
const plain = (d: ReturnType<typeof depthToSize>) => ({ filled: d.filled, complete: d.complete, worstPrice: d.worstPrice?.toFixed() ?? null, notional: d.notional.toFixed() });
const DEPTH_SIZES = ['0', '0.5', '3', '12.25', '40'].map((s) => new Decimal(s));

describe('L2Book kept incrementally, against a sort-based reference book', () => {
  for (const seed of [1, 2, 3, 42, 2026]) {
    it(`seed ${seed}: snapshots, best, mid and depth to size equal the reference after every commit; held snapshots never change`, () => {
      const rnd = rng(seed);
      const book = new TestBook('ETH');
      const ref = new ReferenceBook();
      const held: { snap: BookSnapshot; bids: string[][]; asks: string[][] }[] = [];
      const heard: number[] = [];
      book.onUpdate((s) => heard.push(s.sequence));
      // Prices on a 0.5 grid around 100, written with varying trailing zeros ("100.5", "100.50", "100.500").
      const price = (side: BookSide) => {
        const ticks = Math.floor(rnd() * 60);
        const p = (side === 'bid' ? 100 - ticks * 0.5 : 100.5 + ticks * 0.5).toFixed(1);
        return p + '0'.repeat(Math.floor(rnd() * 3));
      };
      let sequence = 0;
      for (let msg = 0; msg < 400; msg++) {
        if (msg === 0 || rnd() < 0.02) {
          book.snapshotStart();
          ref.clear();
        }
        const changes = 1 + Math.floor(rnd() * 4);
        for (let c = 0; c < changes; c++) {
          const side: BookSide = rnd() < 0.5 ? 'bid' : 'ask';
          const p = price(side);
          const r = rnd();
          if (r < 0.15) {
            book.remove(side, p);
            ref.remove(side, p);
          } else {
            const size = r < 0.3 ? '0' : (rnd() * 10).toFixed(3);
            book.set(side, p, size);
            ref.set(side, p, size);
          }
        }
        book.end(++sequence);

        const snap = book.snapshot();
        expect(text(snap.bids)).toEqual(text(ref.levels('bid')));
        expect(text(snap.asks)).toEqual(text(ref.levels('ask')));
        expect(snap.sequence).toBe(sequence);
        const bestBid = ref.levels('bid')[0]?.price ?? null;
        const bestAsk = ref.levels('ask')[0]?.price ?? null;
        const best = book.best();
        expect([best.bid?.toFixed() ?? null, best.ask?.toFixed() ?? null]).toEqual([bestBid?.toFixed() ?? null, bestAsk?.toFixed() ?? null]);
        expect(book.mid()?.toFixed() ?? null).toBe(bestBid && bestAsk ? bestBid.plus(bestAsk).div(2).toFixed() : null);
        for (const size of DEPTH_SIZES) {
          for (const side of ['bid', 'ask'] as const) {
            const want = ref.depth(side, size);
            expect(plain(book.depthToSize(side, size))).toEqual(want);
            expect(plain(depthToSize(side === 'bid' ? snap.bids : snap.asks, size))).toEqual(want);
          }
        }
        if (rnd() < 0.1) held.push({ snap, bids: text(snap.bids), asks: text(snap.asks) });
      }
      expect(heard).toEqual(Array.from({ length: sequence }, (_, i) => i + 1));
      expect(held.length).toBeGreaterThan(10);
      for (const h of held) {
        expect(text(h.snap.bids)).toEqual(h.bids);
        expect(text(h.snap.asks)).toEqual(h.asks);
      }
    });
  }

  it('a level written as 3000, 3000.0 and 3000.00 is one level', () => {
    const book = new TestBook('ETH');
    book.snapshotStart();
    book.set('bid', '3000', '1');
    book.set('bid', '3000.00', '2');
    book.set('bid', '2999.5', '1');
    book.end(1);
    expect(text(book.snapshot().bids)).toEqual([['3000', '2'], ['2999.5', '1']]);
    book.remove('bid', '3000.0');
    book.end(2);
    expect(text(book.snapshot().bids)).toEqual([['2999.5', '1']]);
  });

  it('depth to size on a held snapshot stays the snapshot’s after the book moves on', () => {
    const book = new TestBook('ETH');
    book.snapshotStart();
    book.set('ask', '101', '2');
    book.set('ask', '102', '2');
    book.end(1);
    const before = book.snapshot();
    expect(plain(depthToSize(before.asks, new Decimal(3)))).toEqual({ filled: new Decimal(3), complete: true, worstPrice: '102', notional: '304' });
    book.set('ask', '100', '5');
    book.end(2);
    expect(plain(depthToSize(before.asks, new Decimal(3)))).toEqual({ filled: new Decimal(3), complete: true, worstPrice: '102', notional: '304' });
    expect(plain(book.depthToSize('ask', new Decimal(3)))).toEqual({ filled: new Decimal(3), complete: true, worstPrice: '100', notional: '300' });
  });
});

describe('depth to size', () => {
  const levels = [
    { price: new Decimal('99'), size: new Decimal('1') },
    { price: new Decimal('98'), size: new Decimal('2') },
  ];

  it('sweeps best first, partly taking the last level, and says how many levels it read', () => {
    expect(sweep(levels, new Decimal('2'))).toEqual({ depth: { filled: new Decimal(2), complete: true, worstPrice: new Decimal(98), notional: new Decimal(197) }, reach: 2 });
    expect(sweep(levels, new Decimal('1')).reach).toBe(1);
  });

  it('a thin side fills what it has and is not complete; an empty side has no worst price', () => {
    expect(depthToSize(levels, new Decimal('5'))).toEqual({ filled: new Decimal(3), complete: false, worstPrice: new Decimal(98), notional: new Decimal(295) });
    expect(depthToSize([], new Decimal('1'))).toEqual({ filled: new Decimal(0), complete: false, worstPrice: null, notional: new Decimal(0) });
  });

  it('rejects a negative size, naming it', () => {
    expect(() => depthToSize(levels, new Decimal('-1'))).toThrow(/size must not be negative \(got -1\)/);
  });
});
