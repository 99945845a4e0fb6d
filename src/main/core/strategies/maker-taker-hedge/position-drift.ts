import type Decimal from 'decimal.js';

/**
 * Tells a missed fill from a venue read that is merely behind: a leg's
 * position built from fills is taken to have drifted only when the venue
 * reports the same different position on two reads in a row.
 */
export class PositionDrift {
  private suspect: Decimal | null = null;

  /**
   * One venue read. `reported` and `expected` are signed base units; while
   * `settling` (an order or an answer still in flight) nothing is concluded.
   * @returns true when the drift is confirmed (the check then starts over).
   */
  confirm(reported: Decimal, expected: Decimal, settling: boolean): boolean {
    if (reported.eq(expected) || settling) {
      this.suspect = null;
      return false;
    }
    if (!this.suspect?.eq(reported)) {
      this.suspect = reported;
      return false;
    }
    this.suspect = null;
    return true;
  }
}
