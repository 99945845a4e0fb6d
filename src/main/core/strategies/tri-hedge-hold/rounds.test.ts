import { describe, expect, it } from 'vitest';
import { assignRound, roundsPerPass, rotateRight } from './rounds';

describe('rounds', () => {
  it('rotates the coin list right by one per round', () => {
    expect(rotateRight(['a', 'b', 'c', 'd'], 1)).toEqual(['d', 'a', 'b', 'c']);
    expect(rotateRight(['a', 'b', 'c', 'd'], 2)).toEqual(['c', 'd', 'a', 'b']);
    expect(rotateRight(['a', 'b', 'c', 'd'], 4)).toEqual(['a', 'b', 'c', 'd']);
    expect(rotateRight([], 3)).toEqual([]);
  });

  it('gives A, B, C the symbols at the current offset, wrapping; a repeated symbol leaves that account hedging only', () => {
    expect(assignRound(['ETH', 'BTC', 'SOL', 'DOGE'], 0, 3)).toEqual(['ETH', 'BTC', 'SOL']);
    expect(assignRound(['ETH', 'BTC', 'SOL', 'DOGE'], 1, 3)).toEqual(['DOGE', 'ETH', 'BTC']);
    expect(assignRound(['ETH', 'BTC', 'SOL'], 1, 3)).toEqual(['SOL', 'ETH', 'BTC']);
    expect(assignRound(['ETH', 'BTC'], 0, 3)).toEqual(['ETH', 'BTC', null]);
    expect(assignRound(['ETH', 'BTC'], 1, 3)).toEqual(['BTC', 'ETH', null]);
    expect(assignRound(['ETH'], 0, 3)).toEqual(['ETH', null, null]);
  });

  it('one pass over the list (run_once) takes n − 2 rounds for three accounts, at least one', () => {
    expect(roundsPerPass(1, 3)).toBe(1);
    expect(roundsPerPass(3, 3)).toBe(1);
    expect(roundsPerPass(5, 3)).toBe(3);
    const seen = new Set<string>();
    for (let r = 0; r < roundsPerPass(5, 3); r++) for (const s of assignRound(['a', 'b', 'c', 'd', 'e'], r, 3)) if (s) seen.add(s);
    expect(seen.size).toBe(5);
  });
});
