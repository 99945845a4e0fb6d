import { describe, expect, it } from 'vitest';
import { ExposureAlertRule, type NetExposureLine } from './exposure-alert-rule';

const settings = { exposureAlertSeconds: 30, exposureThresholdUsdc: '100' };
const eth = (beyond: boolean, notional = beyond ? '150' : '20'): NetExposureLine => ({ symbol: 'ETH', netSize: beyond ? '0.05' : '0.006', netNotional: notional, beyondThreshold: beyond });
const T = 1_700_000_000_000;

describe('ExposureAlertRule', () => {
  it('alerts only after the exposure stays beyond the threshold for exposureAlertSeconds', () => {
    const rule = new ExposureAlertRule();
    expect(rule.evaluate([eth(true)], settings, T)).toEqual([]);
    expect(rule.evaluate([eth(true)], settings, T + 29_999)).toEqual([]);
    const [alert] = rule.evaluate([eth(true)], settings, T + 30_000);
    expect(alert).toMatchObject({ kind: 'exposure', level: 'warn', title: 'Net exposure beyond the threshold: ETH', runId: null });
    expect(alert!.body).toContain('0.05 (150 USDC)');
    expect(alert!.body).toContain('above 100 USDC for 30 s');
  });

  it('alerts once per episode, says when it clears, and re-arms', () => {
    const rule = new ExposureAlertRule();
    rule.evaluate([eth(true)], settings, T);
    expect(rule.evaluate([eth(true)], settings, T + 31_000)).toHaveLength(1);
    expect(rule.evaluate([eth(true)], settings, T + 60_000)).toEqual([]);
    expect(rule.evaluate([eth(true)], settings, T + 600_000)).toEqual([]);
    const [cleared] = rule.evaluate([eth(false)], settings, T + 601_000);
    expect(cleared).toMatchObject({ kind: 'exposure', level: 'info', title: 'Net exposure back under the threshold: ETH' });
    expect(rule.evaluate([eth(false)], settings, T + 602_000)).toEqual([]);
    rule.evaluate([eth(true)], settings, T + 700_000);
    expect(rule.evaluate([eth(true)], settings, T + 729_000)).toEqual([]);
    expect(rule.evaluate([eth(true)], settings, T + 730_000)).toHaveLength(1);
  });

  it('never alerts for a dip beyond shorter than the delay, and restarts the delay after it', () => {
    const rule = new ExposureAlertRule();
    rule.evaluate([eth(true)], settings, T);
    expect(rule.evaluate([eth(false)], settings, T + 20_000)).toEqual([]);
    rule.evaluate([eth(true)], settings, T + 25_000);
    expect(rule.evaluate([eth(true)], settings, T + 40_000)).toEqual([]);
    expect(rule.evaluate([eth(true)], settings, T + 55_000)).toHaveLength(1);
  });

  it('reads the delay at every evaluation and treats a vanished symbol as flat', () => {
    const rule = new ExposureAlertRule();
    rule.evaluate([eth(true)], settings, T);
    expect(rule.evaluate([eth(true)], { ...settings, exposureAlertSeconds: 5 }, T + 5_000)).toHaveLength(1);
    const [cleared] = rule.evaluate([], settings, T + 6_000);
    expect(cleared!.body).toContain('ETH net exposure is flat');
  });

  it('tracks symbols separately', () => {
    const rule = new ExposureAlertRule();
    const btc: NetExposureLine = { symbol: 'BTC', netSize: '-0.01', netNotional: '900', beyondThreshold: true };
    rule.evaluate([eth(true)], settings, T);
    rule.evaluate([eth(true), btc], settings, T + 10_000);
    expect(rule.evaluate([eth(true), btc], settings, T + 30_000).map((a) => a.title)).toEqual(['Net exposure beyond the threshold: ETH']);
    expect(rule.evaluate([eth(true), btc], settings, T + 40_000).map((a) => a.title)).toEqual(['Net exposure beyond the threshold: BTC']);
  });
});
