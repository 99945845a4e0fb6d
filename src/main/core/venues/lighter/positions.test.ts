import { describe, expect, it } from 'vitest';
import { toCollateral, toPosition } from './positions';
import type { AccountPosition } from './wire';

/** The ETH position ccxt recorded (lighter.md §1.5). */
const eth: AccountPosition = {
  market_id: 0,
  symbol: 'ETH',
  sign: 1,
  position: '18.0193',
  avg_entry_price: '2669.84',
  unrealized_pnl: '6197.829558',
  liquidation_price: '2191.1107231380406',
};

describe('Lighter positions (lighter.md §1.5)', () => {
  it('size = sign × position', () => {
    expect(toPosition(eth, 'ETH')!.size.toString()).toBe('18.0193');
    expect(toPosition({ ...eth, sign: -1 }, 'ETH')!.size.toString()).toBe('-18.0193');
    expect(toPosition(eth, 'ETH')!.liquidationPrice?.toString()).toBe('2191.1107231380406');
  });

  it('flat positions are dropped; missing or zero liquidation price is null', () => {
    expect(toPosition({ ...eth, position: '0.0000' }, 'ETH')).toBeNull();
    expect(toPosition({ ...eth, sign: 0 }, 'ETH')).toBeNull();
    expect(toPosition({ ...eth, liquidation_price: '0' }, 'ETH')!.liquidationPrice).toBeNull();
    expect(toPosition({ ...eth, liquidation_price: '' }, 'ETH')!.liquidationPrice).toBeNull();
  });

  it('collateral', () => {
    const c = toCollateral('9100.242706', '12606.880799');
    expect([c.total.toString(), c.available.toString()]).toEqual(['9100.242706', '12606.880799']);
  });
});
