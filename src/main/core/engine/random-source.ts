import { mulberry32 } from '../sim/engine/prng';

/**
 * A seeded source of random numbers for a strategy run (split ratios, slice
 * jitter): the same seed gives the same draws, so a test can reproduce a run.
 * Not for cryptography.
 */
export interface RandomSource {
  /** The seed this source started from. */
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** A float in [lo, hi] (lo when lo = hi). */
  between(lo: number, hi: number): number;
}

/** A {@link RandomSource} over mulberry32, seeded with the low 32 bits of `seed`. */
export function seededRandom(seed: number): RandomSource {
  const prng = mulberry32(seed);
  return {
    seed,
    next: prng,
    between: (lo, hi) => (hi <= lo ? lo : lo + prng() * (hi - lo)),
  };
}
