import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { PositionDrift } from './position-drift';

const d = (v: number) => new Decimal(v);

describe('PositionDrift', () => {
  it('confirms a drift only when the venue reports the same other position twice in a row', () => {
    const drift = new PositionDrift();
    expect(drift.confirm(d(1), d(0), false)).toBe(false);
    expect(drift.confirm(d(1), d(0), false)).toBe(true);
    // Starts over after a confirmation.
    expect(drift.confirm(d(1), d(0), false)).toBe(false);
  });

  it('forgets a suspicion when the reads differ, agree, or an order is settling', () => {
    const drift = new PositionDrift();
    drift.confirm(d(1), d(0), false);
    expect(drift.confirm(d(2), d(0), false)).toBe(false);
    drift.confirm(d(2), d(2), false);
    expect(drift.confirm(d(2), d(0), false)).toBe(false);
    drift.confirm(d(2), d(0), true);
    expect(drift.confirm(d(2), d(0), false)).toBe(false);
  });
});
