import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { parsePriceCsv, RandomWalk, ReplayPath } from './price-path';
import { mulberry32 } from './prng';

describe('price paths', () => {
  it('random walk: reproducible from the seed, bounded by the volatility per step', () => {
    const run = (seed: number) => {
      const walk = new RandomWalk(new Decimal(3000), mulberry32(seed), 10);
      return Array.from({ length: 20 }, () => walk.next().toString());
    };
    expect(run(1)).toEqual(run(1));
    expect(run(1)).not.toEqual(run(2));
    const walk = new RandomWalk(new Decimal(3000), mulberry32(3), 10);
    let prev = walk.current();
    for (let i = 0; i < 50; i++) {
      const next = walk.next();
      expect(next.div(prev).sub(1).abs().lte('0.001')).toBe(true);
      prev = next;
    }
    walk.set(new Decimal(100));
    expect(walk.next().sub(100).abs().lte('0.1')).toBe(true);
  });

  it('replay follows the clock from the first row and holds the last price', () => {
    const path = new ReplayPath(parsePriceCsv('timestamp,price\n1000,10\n3000,12.5\n2000,11\n'), 50_000);
    expect(path.current().toString()).toBe('10');
    expect(path.next(50_999).toString()).toBe('10');
    expect(path.next(51_000).toString()).toBe('11');
    expect(path.next(52_500).toString()).toBe('12.5');
    expect(path.next(99_000).toString()).toBe('12.5');
  });

  it('parses CSV strictly', () => {
    expect(parsePriceCsv('1,2\n\n3,4.5').map((p) => [p.timestamp, p.price.toString()])).toEqual([
      [1, '2'],
      [3, '4.5'],
    ]);
    expect(() => parsePriceCsv('1,2\n3,abc')).toThrow(/line 2/);
    expect(() => parsePriceCsv('1,-2')).toThrow(/line 1/);
    expect(() => parsePriceCsv('timestamp,price\n')).toThrow(/no rows/);
  });
});
