import { describe, expect, it } from 'vitest';
import { DisconnectAlertRule, type AccountConnection } from './disconnect-alert-rule';

const settings = { disconnectAlertSeconds: 30 };
const T = 1_700_000_000_000;
const acc = (connection: AccountConnection['connection'], disconnectedSince: number | null, error: string | null = null): AccountConnection => ({
  accountId: 'acc_1',
  label: 'alpha',
  venue: 'lighter',
  connection,
  disconnectedSince,
  error,
});

describe('DisconnectAlertRule', () => {
  it('alerts once a venue has been down for disconnectAlertSeconds, once per episode', () => {
    const rule = new DisconnectAlertRule();
    expect(rule.evaluate([acc('disconnected', T)], settings, T + 29_000)).toEqual([]);
    const [alert] = rule.evaluate([acc('disconnected', T)], settings, T + 30_000);
    expect(alert).toMatchObject({ kind: 'venueDisconnected', level: 'warn', title: 'Venue disconnected: alpha (lighter)' });
    expect(alert!.body).toContain('disconnected for 30 s');
    expect(rule.evaluate([acc('connecting', T)], settings, T + 90_000)).toEqual([]);
  });

  it('says when it is connected again and re-arms', () => {
    const rule = new DisconnectAlertRule();
    rule.evaluate([acc('disconnected', T)], settings, T + 31_000);
    const [back] = rule.evaluate([acc('connected', null)], settings, T + 32_000);
    expect(back).toMatchObject({ kind: 'venueDisconnected', level: 'info', title: 'Venue reconnected: alpha (lighter)' });
    expect(rule.evaluate([acc('connected', null)], settings, T + 33_000)).toEqual([]);
    expect(rule.evaluate([acc('error', T + 40_000, 'no signer')], settings, T + 69_000)).toEqual([]);
    const [again] = rule.evaluate([acc('error', T + 40_000, 'no signer')], settings, T + 70_000);
    expect(again!.body).toContain('in error for 30 s: no signer');
  });

  it('never alerts for a first connect (no disconnectedSince) nor a short drop', () => {
    const rule = new DisconnectAlertRule();
    expect(rule.evaluate([acc('connecting', null)], settings, T + 999_000)).toEqual([]);
    rule.evaluate([acc('disconnected', T)], settings, T + 10_000);
    expect(rule.evaluate([acc('connected', null)], settings, T + 11_000)).toEqual([]);
  });
});
