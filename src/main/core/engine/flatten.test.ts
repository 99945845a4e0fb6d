/**
 * flattenAccounts / describeFlatten against the Lighter simulator through the
 * real client: it says "nothing to flatten" when the venue reports no
 * position, how many orders it sent otherwise, and which venue could not be
 * reached (with the error) when the simulator is gone.
 */
import Decimal from 'decimal.js';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../shared/schemas/account';
import { systemClock } from '../clock';
import { Redactor } from '../log/redactor';
import { EnvSecretStore } from '../secrets/env-secret-store';
import { startLighterSim } from '../sim/lighter/lighter-sim';
import { describeFlatten, flattenAccounts } from './flatten';
import { PaperLighter } from '../venues/lighter/paper-lighter';
import { createVenueProvider } from './venue-provider';

const logger = pino({ level: 'silent' });
const account = (id: string, identifiers: Account['identifiers'] = {}): Account => ({ id, venue: 'lighter', label: `Paper ${id.slice(-1)}`, mode: 'paper', identifiers, createdAt: 0, updatedAt: 0 });

describe('flatten says why', () => {
  const paper = new PaperLighter({ seed: 2 });
  afterAll(() => paper.close());

  it('nothing to flatten vs orders sent, from what the venue reports', async () => {
    const venues = createVenueProvider({ secrets: new EnvSecretStore({}, new Redactor()), clock: systemClock, logger, paper: { lighter: paper } });
    try {
      const flat = { accountId: 'acc_flataaaaaaaa', label: 'Flat', venue: await venues.venueFor(account('acc_flataaaaaaaa')) };
      const none = await flattenAccounts({ accounts: [flat], symbols: ['ETH'], clock: systemClock, logger });
      expect(none).toMatchObject({ orders: 0, leftovers: [], accounts: [{ accountId: 'acc_flataaaaaaaa', positionsFound: 0, error: null }] });
      expect(describeFlatten(none, ['ETH'])).toBe('nothing to flatten: the venue reports no open position in ETH on "Flat"');

      const long = { accountId: 'acc_longaaaaaaaa', label: 'Long', venue: await venues.venueFor(account('acc_longaaaaaaaa')) };
      const { ask } = await long.venue.bestBidAsk('ETH');
      await long.venue.placeOrder({ symbol: 'ETH', side: 'buy', type: 'market', size: new Decimal('0.1'), price: ask!.times(1.02), timeInForce: 'IOC' });
      for (let i = 0; i < 100 && (await long.venue.positions()).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      const done = await flattenAccounts({ accounts: [flat, long], symbols: ['ETH'], clock: systemClock, logger });
      expect(done.orders).toBe(1);
      expect(done.accounts.map((a) => a.positionsFound)).toEqual([0, 1]);
      expect(describeFlatten(done, ['ETH'])).toBe('1 closing order(s) sent');
    } finally {
      await venues.close();
    }
  });

  it('names the venue it could not reach, with the error', async () => {
    const sim = await startLighterSim({ accounts: 1, adminToken: 'flatten-test-admin-token' });
    const venues = createVenueProvider({ secrets: new EnvSecretStore({}, new Redactor()), clock: systemClock, logger, paper: { lighter: paper }, timing: { lighter: { reconnect: { baseMs: 60_000, maxMs: 60_000 } } } });
    try {
      const venue = await venues.venueFor(account('acc_goneaaaaaaaa', { simUrl: sim.url, accountIndex: sim.accounts[0]! }));
      await sim.close();
      const result = await flattenAccounts({ accounts: [{ accountId: 'acc_goneaaaaaaaa', label: 'Gone', venue }], symbols: ['ETH'], clock: systemClock, logger });
      expect(result.accounts[0]).toMatchObject({ positionsFound: null, error: expect.any(String) });
      expect(describeFlatten(result, ['ETH'])).toMatch(/^could not flatten "Gone" \(.+\)$/);
    } finally {
      await venues.close();
    }
  });
});
