import { describe, expect, it } from 'vitest';
import { VENUE_CAN_TRADE, VENUES } from '../../../shared/schemas/venues';
import { tradingVenueNames, VenueCannotTradeError, venueDescriptor, venueDescriptors, venueTrading } from './venue-registry';

describe('the venue registry', () => {
  it('has one descriptor per venue id, in VENUES order', () => {
    expect(venueDescriptors().map((d) => d.id)).toEqual([...VENUES]);
  });

  it('agrees with the shared venue descriptions on which venues trade, and every trading venue has a simulator and market specs', () => {
    for (const d of venueDescriptors()) {
      expect({ venue: d.id, trades: d.trading !== null }).toEqual({ venue: d.id, trades: VENUE_CAN_TRADE[d.id] });
      if (d.trading) {
        expect(d.sim, `${d.id}: paper accounts need \`hedgedesk sim ${d.id}\``).not.toBeNull();
        expect(d.marketSpecs?.().markets.length ?? 0, `${d.id}: recorded market specs`).toBeGreaterThan(0);
      }
    }
    expect(tradingVenueNames()).toBe('Lighter, Paradex');
  });

  it('refuses to open a venue that cannot trade, naming it (INVALID_REQUEST on `venue`)', () => {
    expect(venueDescriptor('aster').trading).toBeNull();
    const err = (() => {
      try {
        venueTrading('aster');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(VenueCannotTradeError);
    expect((err as VenueCannotTradeError).toShape()).toEqual({
      code: 'INVALID_REQUEST',
      message: 'Aster accounts cannot trade yet: HedgeDesk has no Aster client (venues that trade: Lighter, Paradex)',
      issues: [{ path: 'venue', message: 'Aster accounts cannot trade yet: HedgeDesk has no Aster client (venues that trade: Lighter, Paradex)' }],
    });
  });
});
