import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { judgeLegs, legPnlPct, legPnlUsdc, slippageBps } from './leg-pnl';

const d = (v: string | number) => new Decimal(v);
const TP = d(2);
const SL = d(1.5);

describe('take-profit / stop-loss, each leg judged on its own', () => {
  it('measures PnL in % of the leg entry, signed by side', () => {
    expect(legPnlPct({ role: 'long', entryPrice: d(3000), mark: d(3060) }).toString()).toBe('2');
    expect(legPnlPct({ role: 'short', entryPrice: d(3000), mark: d(3060) }).toString()).toBe('-2');
    expect(legPnlPct({ role: 'short', entryPrice: d(2000), mark: d(1980) }).toString()).toBe('1');
  });

  it('holds while both legs are inside the band', () => {
    expect(
      judgeLegs(
        [
          { role: 'long', entryPrice: d(3000), mark: d(3030) },
          { role: 'short', entryPrice: d(3001), mark: d(3030) },
        ],
        TP,
        SL,
      ),
    ).toBeNull();
  });

  it('takes profit when one leg reaches it, even though the other leg loses as much', () => {
    // Different venues, different prices: the long venue rallied, the short venue did not follow.
    expect(
      judgeLegs(
        [
          { role: 'long', entryPrice: d(3000), mark: d(3060) },
          { role: 'short', entryPrice: d(3000), mark: d(3010) },
        ],
        TP,
        SL,
      ),
    ).toBe('take-profit');
    expect(judgeLegs([{ role: 'short', entryPrice: d(3000), mark: d(2940) }], TP, SL)).toBe('take-profit');
  });

  it('stops the loss when one leg loses its threshold; stop-loss wins over take-profit', () => {
    expect(judgeLegs([{ role: 'long', entryPrice: d(3000), mark: d(2955) }], TP, SL)).toBe('stop-loss');
    expect(judgeLegs([{ role: 'short', entryPrice: d(3000), mark: d(3044.99) }], TP, SL)).toBeNull();
    expect(
      judgeLegs(
        [
          { role: 'long', entryPrice: d(3000), mark: d(3100) },
          { role: 'short', entryPrice: d(3000), mark: d(3100) },
        ],
        TP,
        SL,
      ),
    ).toBe('stop-loss');
  });
});

describe('slippage and PnL in USDC', () => {
  it('counts slippage positive when paid away', () => {
    expect(slippageBps('buy', d(3003), d(3000)).toString()).toBe('10');
    expect(slippageBps('sell', d(2997), d(3000)).toString()).toBe('10');
    expect(slippageBps('sell', d(3003), d(3000)).toString()).toBe('-10');
  });
  it('nets fees out of the leg PnL', () => {
    expect(legPnlUsdc('long', d(3000), d(3010), d('0.02'), d('0.03')).toString()).toBe('0.17');
    expect(legPnlUsdc('short', d(3000), d(3010), d('0.02'), d('0.03')).toString()).toBe('-0.23');
  });
});
