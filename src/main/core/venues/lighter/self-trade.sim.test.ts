/**
 * The Lighter client sends the account's self-trade settings with its orders
 * (tx attributes 6 / 7) and the simulator applies them: the real client, the
 * paper signer, the sim over loopback.
 */
import Decimal from 'decimal.js';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../../../../tests/helpers/until';
import { systemClock } from '../../clock';
import { startLighterSim, type RunningLighterSim } from '../../sim/lighter/lighter-sim';
import type { Venue } from '../venue';
import { connectRecording, lastOrder } from '../testing/recorded-account-events';
import { createLighterVenue, type LighterVenueOptions } from './lighter-venue';
import { PaperSigner } from './signer/paper-signer';

const API_KEY = 4;
const d = (v: string) => new Decimal(v);
let sim: RunningLighterSim;
const open: Venue[] = [];

beforeAll(async () => {
  sim = await startLighterSim({ accounts: 2, collateral: '100000', seed: 11 });
  sim.admin.setMid(0, '3000');
});
afterAll(() => sim.close());
afterEach(async () => {
  for (const v of open.splice(0)) await v.close();
});

async function client(n: number, selfTrade?: LighterVenueOptions['selfTrade']) {
  const accountIndex = sim.accounts[n]!;
  const venue = createLighterVenue({
    accountId: `acc_stp_${n}`,
    baseUrl: sim.url,
    wsUrl: sim.wsUrl,
    accountIndex,
    apiKeyIndex: API_KEY,
    signer: new PaperSigner({ mode: 'paper', accountIndex, apiKeyIndex: API_KEY }, systemClock),
    tier: 'premium',
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    selfTrade,
  });
  return { venue, events: await connectRecording(venue, open) };
}

describe('Lighter client: self-trade prevention settings reach the venue', () => {
  it('expire taker (1): the account’s crossing buy is cancelled as a self-trade, its resting sell stays', async () => {
    const { venue, events } = await client(0, { selfTradeBehaviorMode: 1, selfTradeEqualityMode: 0 });
    await venue.placeOrder({ symbol: 'ETH', side: 'sell', size: d('0.0100'), type: 'limit', price: d('3000.00'), timeInForce: 'GTC', clientOrderId: 'stp-ask' });
    await until(() => lastOrder(events, 'stp-ask')?.status === 'open', 'the ask to rest', 5000);
    await venue.placeOrder({ symbol: 'ETH', side: 'buy', size: d('0.0100'), type: 'limit', price: d('3000.00'), timeInForce: 'GTC', clientOrderId: 'stp-bid' });
    await until(() => lastOrder(events, 'stp-bid')?.statusReason === 'canceled-self-trade', 'the bid to be cancelled as a self-trade', 5000);
    expect(lastOrder(events, 'stp-ask')!.status).toBe('open');
    await venue.cancelAll('ETH');
  });

  it('default (no attributes: expire maker): the resting sell is cancelled, the buy goes on', async () => {
    const { venue, events } = await client(1);
    await venue.placeOrder({ symbol: 'ETH', side: 'sell', size: d('0.0100'), type: 'limit', price: d('3000.00'), timeInForce: 'GTC', clientOrderId: 'dflt-ask' });
    await until(() => lastOrder(events, 'dflt-ask')?.status === 'open', 'the ask to rest', 5000);
    await venue.placeOrder({ symbol: 'ETH', side: 'buy', size: d('0.0100'), type: 'limit', price: d('3000.00'), timeInForce: 'GTC', clientOrderId: 'dflt-bid' });
    await until(() => lastOrder(events, 'dflt-ask')?.statusReason === 'canceled-self-trade', 'the ask to be cancelled as a self-trade', 5000);
    expect(lastOrder(events, 'dflt-bid')?.statusReason ?? null).toBeNull();
    await venue.cancelAll('ETH');
  });
});
