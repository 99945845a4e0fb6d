import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { Fill, Order } from '../venues/venue';
import { RiskRejectedError } from './engine-errors';
import { RiskGuard, type ExposureValue } from './risk-guard';
import type { RiskMode } from './risk-mode';

const d = (v: string | number) => new Decimal(v);

function guard() {
  const modes: string[] = [];
  const reports: ExposureValue[][] = [];
  const g = new RiskGuard({
    limits: { boundSize: () => d('0.005'), haltAboveUsdc: d(300) },
    onModeChange: (from: RiskMode, to: RiskMode, reason) => modes.push(`${from}→${to}: ${reason}`),
    onExposure: (all) => reports.push(all),
  });
  return { g, modes, reports };
}

const fill = (side: 'buy' | 'sell', size: string, clientOrderId: string | null = null): Fill => ({
  fillId: `${Math.random()}`,
  symbol: 'ETH',
  venueOrderId: '1',
  clientOrderId,
  side,
  price: d(3000),
  size: d(size),
  fee: d(0),
  liquidity: 'taker',
  timestamp: 0,
});

const ended = (clientOrderId: string, filled: string): Order => ({
  symbol: 'ETH',
  venueOrderId: '1',
  clientOrderId,
  side: 'sell',
  type: 'market',
  timeInForce: 'IOC',
  reduceOnly: false,
  price: d(2990),
  size: d('0.02'),
  filledSize: d(filled),
  avgFillPrice: null,
  status: 'canceled',
  statusReason: 'canceled-not-enough-liquidity',
  rejection: null,
  updatedAt: 0,
});

describe('RiskGuard', () => {
  it('tracks net, pending hedges and uncovered exposure across accounts', () => {
    const { g } = guard();
    g.recordFill('A', fill('buy', '0.02'));
    g.expectHedge('B', 'h1', 'ETH', d('-0.02'));
    expect(g.exposure('ETH')).toMatchObject({ net: d('0.02'), pending: d('-0.02'), uncovered: d(0) });
    g.recordFill('B', fill('sell', '0.015', 'h1'));
    expect(g.exposure('ETH')).toMatchObject({ net: d('0.005'), pending: d('-0.005'), uncovered: d(0) });
    // the hedge ended with 0.005 unfilled: it no longer covers anything
    g.recordOrder('B', ended('h1', '0.015'));
    expect(g.exposure('ETH')).toMatchObject({ pending: d(0), uncovered: d('0.005') });
  });

  it('keeps a hedge pending when its end arrives before its fills', () => {
    const { g } = guard();
    g.recordFill('A', fill('buy', '0.02'));
    g.expectHedge('B', 'h1', 'ETH', d('-0.02'));
    g.recordOrder('B', ended('h1', '0.02'));
    expect(g.exposure('ETH').uncovered.toString()).toBe('0');
    g.recordFill('B', fill('sell', '0.02', 'h1'));
    expect(g.exposure('ETH')).toMatchObject({ net: d(0), pending: d(0) });
  });

  it('publish escalates above one minimum order uncovered to reducing-only, above the halt limit to halted, never back', () => {
    const { g, modes, reports } = guard();
    g.recordFill('A', fill('buy', '0.004'));
    g.publish();
    expect(g.mode).toBe('normal');
    g.recordFill('A', fill('buy', '0.002'));
    g.publish();
    expect(g.mode).toBe('reducing-only');
    g.recordFill('A', fill('buy', '0.2'));
    g.publish();
    expect(g.mode).toBe('halted');
    expect(g.escalate('reducing-only', 'x')).toBe(false);
    expect(modes).toHaveLength(2);
    expect(reports).toHaveLength(3);
    g.publish();
    expect(reports).toHaveLength(3); // nothing changed: nothing reported
  });

  it('check lets reducing-only runs send only reduce-only orders and hedges against the exposure', () => {
    const { g } = guard();
    const order = (side: 'buy' | 'sell', size: string, reduceOnly = false) => ({ symbol: 'ETH', side, size: d(size), type: 'market' as const, price: d(3000), timeInForce: 'IOC' as const, reduceOnly });
    g.recordFill('A', fill('buy', '0.01'));
    expect(() => g.check(order('buy', '0.01'))).not.toThrow();
    g.escalate('reducing-only', 'test');
    expect(() => g.check(order('buy', '0.01'))).toThrow(RiskRejectedError);
    expect(() => g.check(order('sell', '0.02'))).toThrow(RiskRejectedError);
    expect(() => g.check(order('sell', '0.01'))).not.toThrow();
    expect(() => g.check(order('buy', '0.01', true))).not.toThrow();
    g.escalate('halted', 'test');
    expect(() => g.check(order('sell', '0.01'))).toThrow(/halted/);
    expect(() => g.check(order('sell', '0.01', true))).not.toThrow();
  });
});

describe('RiskGuard: naked-time bound and queued hedges', () => {
  function timed() {
    let now = 1_000_000;
    const modes: string[] = [];
    const g = new RiskGuard({
      limits: { boundSize: () => d('0.005'), haltAboveUsdc: d(1_000_000) },
      clock: { now: () => now, sleep: () => Promise.resolve() },
      naked: { reduceAfterMs: 10_000, haltAfterMs: 60_000 },
      onModeChange: (from: RiskMode, to: RiskMode) => modes.push(`${from}→${to}`),
      onExposure: () => undefined,
    });
    return { g, modes, advance: (ms: number) => (now += ms) };
  }

  it('a queued hedge counts as pending, but a net exposure left naked turns the run reducing-only, then halted', () => {
    const { g, modes, advance } = timed();
    g.recordFill('A', fill('buy', '0.1'));
    g.setQueuedHedge('B', 'ETH', d('-0.1'));
    g.publish();
    expect(g.exposure('ETH').uncovered.toString()).toBe('0');
    expect(g.mode).toBe('normal');
    advance(9_999);
    g.checkNaked();
    expect(g.mode).toBe('normal');
    advance(1);
    g.checkNaked();
    expect(g.mode).toBe('reducing-only');
    advance(50_000);
    g.checkNaked();
    expect(modes).toEqual(['normal→reducing-only', 'reducing-only→halted']);
  });

  it('forgets the naked time once the exposure is back within one minimum order', () => {
    const { g, advance } = timed();
    g.recordFill('A', fill('buy', '0.1'));
    g.checkNaked();
    advance(9_000);
    g.recordFill('B', fill('sell', '0.098'));
    g.checkNaked();
    g.recordFill('A', fill('buy', '0.1'));
    advance(9_000);
    g.checkNaked();
    expect(g.mode).toBe('normal');
    g.setQueuedHedge('B', 'ETH', d(0));
    expect(g.exposure('ETH').pending.toString()).toBe('0');
  });
});
