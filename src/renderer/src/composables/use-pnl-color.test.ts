import { describe, expect, it } from 'vitest';
import { pnlColorFamily, pnlTone } from './use-pnl-color';

describe('PnL colours', () => {
  it('reads the tone of decimal strings and numbers', () => {
    expect(pnlTone('12.5')).toBe('up');
    expect(pnlTone('-0.01')).toBe('down');
    expect(pnlTone('0.000')).toBe('flat');
    expect(pnlTone(null)).toBe('flat');
    expect(pnlTone(-3)).toBe('down');
  });

  it('shows gains green under green-up and red under red-up', () => {
    expect(pnlColorFamily('up', 'green-up')).toBe('green');
    expect(pnlColorFamily('down', 'green-up')).toBe('red');
    expect(pnlColorFamily('up', 'red-up')).toBe('red');
    expect(pnlColorFamily('down', 'red-up')).toBe('green');
    expect(pnlColorFamily('flat', 'red-up')).toBeNull();
  });
});
