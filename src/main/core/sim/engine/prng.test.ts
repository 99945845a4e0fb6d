import { describe, expect, it } from 'vitest';
import { deriveSeed, mulberry32 } from './prng';

describe('mulberry32', () => {
  it('is deterministic per seed, in [0, 1), and differs across seeds', () => {
    const take = (seed: number) => {
      const r = mulberry32(seed);
      return Array.from({ length: 5 }, () => r());
    };
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
    for (const x of take(7)) expect(x >= 0 && x < 1).toBe(true);
  });

  it('derives distinct, stable stream seeds', () => {
    expect(deriveSeed(1, 0)).toBe(deriveSeed(1, 0));
    expect(new Set([deriveSeed(1, 0), deriveSeed(1, 1), deriveSeed(2, 0)]).size).toBe(3);
  });
});
