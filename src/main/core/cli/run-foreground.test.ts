import { describe, expect, it } from 'vitest';
import { parseReconcileEvery } from './run-foreground';
import { UsageError } from './usage-error';

describe('--reconcile-every', () => {
  it('takes whole or decimal seconds from 5 to 3600 and gives ms; absent is the engine default', () => {
    expect(parseReconcileEvery(undefined)).toBeUndefined();
    expect(parseReconcileEvery('30')).toBe(30_000);
    expect(parseReconcileEvery('7.5')).toBe(7_500);
    expect(parseReconcileEvery('3600')).toBe(3_600_000);
    expect(parseReconcileEvery('1e2')).toBe(100_000);
  });

  it.each(['0', '4', '3601', '-10', 'abc', '', 'Infinity'])('refuses %j naming the flag', (value) => {
    expect(() => parseReconcileEvery(value)).toThrowError(UsageError);
    expect(() => parseReconcileEvery(value)).toThrowError(/--reconcile-every/);
  });
});
