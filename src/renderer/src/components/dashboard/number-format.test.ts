import { describe, expect, it } from 'vitest';
import { formatFixed, formatUsdc, sumDecimals } from './number-format';

describe('formatFixed', () => {
  it('shows exactly the market decimals, rounded half-up, grouped in thousands', () => {
    expect(formatFixed('3012.345', 2)).toBe('3,012.35');
    expect(formatFixed('0.05', 4)).toBe('0.0500');
    expect(formatFixed('-1234567.5', 0)).toBe('-1,234,568');
    expect(formatFixed('60000', 1)).toBe('60,000.0');
  });

  it('signs positive values on request, never zero', () => {
    expect(formatFixed('1.239', 2, { signed: true })).toBe('+1.24');
    expect(formatFixed('-1.2', 2, { signed: true })).toBe('-1.20');
    expect(formatFixed('0.001', 2, { signed: true })).toBe('0.00');
  });

  it('shows a dash for missing or bad values', () => {
    expect(formatFixed(null, 2)).toBe('—');
    expect(formatFixed('', 2)).toBe('—');
    expect(formatFixed('abc', 2)).toBe('—');
  });
});

describe('formatUsdc and sumDecimals', () => {
  it('formats USDC with 2 decimals and sums exactly', () => {
    expect(formatUsdc('10000')).toBe('10,000.00');
    expect(sumDecimals(['0.1', '0.2', '-0.3'])).toBe('0');
    expect(sumDecimals([])).toBeNull();
  });
});
