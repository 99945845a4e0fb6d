import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { auditFills, type RecordedFill } from './fill-audit';
import type { VenueFill } from './venue-sims';

const venue = (fillId: string, orderId: string, account = '1000'): VenueFill => ({ venue: 'lighter', account, fillId, orderId, asset: 'ETH', side: 'buy', size: new Decimal('0.01'), price: new Decimal(3000) });
const recorded = (fillId: string, venueOrderId: string, accountId = 'acc_a'): RecordedFill => ({ venue: 'lighter', accountId, fillId, venueOrderId, symbol: 'ETH', side: 'buy', size: '0.01' });

describe('drill fill audit', () => {
  it('matches fills on venue, order id and fill id: lost, duplicated and unknown ones are counted', () => {
    // Trade 7 has user accounts on both sides (orders 70 and 71): two fills.
    const onVenue = [venue('7', '70'), venue('7', '71', '1001'), venue('8', '80'), venue('9', '90')];
    const inDb = [recorded('7', '70'), recorded('7', '71', 'acc_b'), recorded('8', '80'), recorded('8', '80', 'acc_again'), recorded('99', '990')];
    expect(auditFills(inDb, onVenue)).toEqual({ recorded: 5, venue: 4, lost: 1, duplicates: 1, unknown: 1 });
  });

  it('is clean when both sides agree', () => {
    expect(auditFills([recorded('1', '10')], [venue('1', '10')])).toEqual({ recorded: 1, venue: 1, lost: 0, duplicates: 0, unknown: 0 });
  });
});
