import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { exposureReport, nakedEpisodes, nakedNotional, quantile, type ExposureSample } from './exposure';

/** A sample at `t` ms with ETH net `eth` (bound 0.005 ETH, mark 3000). */
const at = (t: number, eth: string): ExposureSample => ({
  t,
  net: new Map([['ETH', new Decimal(eth)]]),
  bound: new Map([['ETH', new Decimal('0.005')]]),
  marks: new Map([['ETH', new Decimal(3000)]]),
});

describe('drill exposure maths', () => {
  it('is naked only beyond one minimum order, and counts the notional at the mark', () => {
    expect(nakedNotional(at(0, '0.005')).toNumber()).toBe(0);
    expect(nakedNotional(at(0, '-0.0051')).toNumber()).toBeCloseTo(15.3);
  });

  it('cuts the samples into naked episodes, clipped to the window start, an open one has no end', () => {
    const samples = [at(0, '0.05'), at(100, '0.05'), at(200, '0'), at(300, '0'), at(400, '0.1'), at(500, '0.02'), at(600, '0.001'), at(700, '0.03')];
    expect(nakedEpisodes(samples, 0, 1000).map((e) => [e.start, e.end, e.peakNotional.toNumber()])).toEqual([
      [0, 200, 150],
      [400, 600, 300],
      [700, null, 90],
    ]);
    // A kill -9 drill measures from the restart at 150: the first episode counts 50 ms.
    expect(nakedEpisodes(samples, 150, 650).map((e) => [e.start, e.end])).toEqual([
      [150, 200],
      [400, 600],
    ]);
  });

  it('reports p50 / max, an episode open at the end, the largest notional and whether it ended flat', () => {
    const samples = [at(0, '0'), at(1000, '0.05'), at(2000, '0'), at(3000, '0.05'), at(6000, '0'), at(7000, '0.2')];
    const closed = exposureReport(samples, 0, 6500);
    expect(closed).toMatchObject({ episodes: 2, p50: 1, max: 3, openAtEnd: false, flatAtEnd: true });
    expect(closed.largestNotional.toNumber()).toBe(150);
    const open = exposureReport(samples, 0, 9000);
    expect(open).toMatchObject({ episodes: 3, max: 3, openAtEnd: true, flatAtEnd: false });
    expect(open.largestNotional.toNumber()).toBe(600);
    expect(exposureReport([at(0, '0')], 0, 100)).toMatchObject({ episodes: 0, p50: 0, max: 0, flatAtEnd: true });
  });

  it('takes the nearest-rank quantile', () => {
    expect(quantile([5, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(quantile([1, 2], 0.5)).toBe(1);
    expect(Number.isNaN(quantile([], 0.5))).toBe(true);
  });
});
