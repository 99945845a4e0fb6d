/**
 * A small deterministic pseudo-random number generator (mulberry32). The same
 * seed always yields the same sequence, on every platform, so the synthetic
 * liquidity of a seeded simulator is reproducible. Not for cryptography.
 */
export type Prng = () => number;

/**
 * Returns a generator of floats in [0, 1) seeded with the low 32 bits of `seed`.
 * @param seed Any integer; only `seed >>> 0` matters.
 */
export function mulberry32(seed: number): Prng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Derives an independent 32-bit seed for one stream (e.g. one market) from a
 * master seed, so adding a market does not change the others' sequences.
 */
export function deriveSeed(seed: number, stream: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (stream >>> 0), 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
