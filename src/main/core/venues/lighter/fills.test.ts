import { describe, expect, it } from 'vitest';
import { FillDeduper } from '../fill-deduper';
import { toFill } from './fills';
import { RECORDED_WS_TRADE } from './test-helpers';
import type { LighterTrade } from './wire';

/** The WS trade ccxt recorded (lighter.md §1.7), with a taker fee: taker bought (is_maker_ask true would be the ask maker). */
const trade: LighterTrade = { ...RECORDED_WS_TRADE, taker_fee: 50 };
const ids = (client: number | undefined) => (client === undefined ? null : `c${client}`);

describe('Lighter fills (lighter.md §1.7)', () => {
  it('buyer side: bid account; is_maker_ask false → the buyer was maker', () => {
    const f = toFill(trade, 243008, 'ETH', ids)!;
    expect(f).toMatchObject({ fillId: '526801155', side: 'buy', liquidity: 'maker', venueOrderId: '562949291740362', clientOrderId: 'c27601', timestamp: 1763623734215 });
    // maker fee 20 millionths of 104.79821 USDC
    expect(f.fee.toString()).toBe('0.0020959642');
  });

  it('seller side: ask account, taker fee', () => {
    const f = toFill(trade, 99349, 'ETH', ids)!;
    expect(f).toMatchObject({ side: 'sell', liquidity: 'taker', venueOrderId: '281475673670566', clientOrderId: 'c76303170' });
    expect(f.fee.toString()).toBe('0.0052399105');
  });

  it('omitted fee = 0; negative fee = rebate; notional from size × price without usd_amount', () => {
    const noFee = toFill({ ...trade, maker_fee: undefined, usd_amount: undefined }, 243008, 'ETH', ids)!;
    expect(noFee.fee.isZero()).toBe(true);
    const rebate = toFill({ ...trade, maker_fee: -20, usd_amount: undefined }, 243008, 'ETH', ids)!;
    expect(rebate.fee.toString()).toBe('-0.0020959642'); // 0.0346 × 3028.85 = 104.79821
  });

  it('another account’s trade is not a fill', () => {
    expect(toFill(trade, 1, 'ETH', ids)).toBeNull();
  });

  it('FillDeduper delivers each id once and forgets the oldest beyond its capacity', () => {
    const d = new FillDeduper(3);
    expect(['1', '2', '1', '3', '2'].map((id) => d.firstTime(id))).toEqual([true, true, false, true, false]);
    d.firstTime('4');
    expect(d.firstTime('1')).toBe(true);
    expect(d.firstTime('4')).toBe(false);
  });
});
