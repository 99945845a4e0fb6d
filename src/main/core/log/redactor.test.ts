import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor } from './redactor';

describe('Redactor', () => {
  it('redacts remembered values, raw and JSON-escaped', () => {
    const r = new Redactor();
    r.remember('my "quoted" secret');
    expect(r.scrub('value=my "quoted" secret!')).toBe(`value=${REDACTED}!`);
    expect(r.scrub(JSON.stringify({ m: 'x my "quoted" secret y' }))).toBe(`{"m":"x ${REDACTED} y"}`);
    r.remember('abc');
    expect(r.scrub('abc')).toBe('abc');
  });

  it('redacts secret-looking shapes without being told', () => {
    const r = new Redactor();
    const hexKey = 'a'.repeat(16) + '0123456789abcdef'.repeat(4);
    const starkKey = '0x' + '5'.repeat(63);
    const b64 = 'nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=';
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
    const tg = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1';
    for (const s of [hexKey, starkKey, b64, jwt, tg]) {
      const out = r.scrub(`got ${s} here`);
      expect(out).not.toContain(s);
      expect(out).toContain(REDACTED);
    }
    expect(r.scrub('{"apiSecret":"hunter22"}')).toBe(`{"apiSecret":"${REDACTED}"}`);
    expect(r.scrub('token=abcd1234&x=1')).toBe(`token=${REDACTED}&x=1`);
  });

  it('keeps ordinary log text readable', () => {
    const r = new Redactor();
    const text = 'order 12345 filled 0.25 ETH at 3120.5 on account acc_0123456789ab; address 0x' + 'ab'.repeat(20);
    expect(r.scrub(text)).toBe(text);
  });
});
