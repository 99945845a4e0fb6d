import { describe, expect, it } from 'vitest';
import { labelFlagIssues, parseNumberFlag } from './flags';

describe('parseNumberFlag', () => {
  it('reads decimal numbers as people type them, exponents included', () => {
    expect(parseNumberFlag('1e3')).toBe(1000);
    expect(parseNumberFlag(' 2.5E-2 ')).toBe(0.025);
    expect(parseNumberFlag('-0.5')).toBe(-0.5);
    expect(parseNumberFlag('.5')).toBe(0.5);
    expect(parseNumberFlag('100')).toBe(100);
  });

  it('refuses what is not a finite decimal number', () => {
    for (const v of ['', 'abc', '1e3x', '0x10', 'Infinity', '1e999', '1,000', 'NaN']) expect(parseNumberFlag(v), v).toBeNull();
  });
});

describe('labelFlagIssues', () => {
  it('names each label flag with a control character, an escape or invalid UTF-8', () => {
    expect(labelFlagIssues({ 'account-a': 'A\u001b[2J', 'account-b': 'B\ufffd', other: 'x\u0007' }, ['account-a', 'account-b'])).toEqual([
      { path: '--account-a', message: 'must not contain control characters, escape sequences or invalid UTF-8' },
      { path: '--account-b', message: 'must not contain control characters, escape sequences or invalid UTF-8' },
    ]);
    expect(labelFlagIssues({ 'account-a': 'Maker A' }, ['account-a'])).toEqual([]);
  });
});
