/**
 * Lighter's dead-man's switch with the real client against the simulator on
 * loopback: the scheduled CancelAllOrders the client arms cancels the resting
 * orders once the app stops renewing it (the simulator's clock is stepped
 * past the schedule), and a released switch cancels nothing.
 */
import Decimal from 'decimal.js';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../clock';
import { ManualSimClock } from '../../sim/engine/sim-clock';
import { startLighterSim, type RunningLighterSim } from '../../sim/lighter/lighter-sim';
import { until } from '../../../../../tests/helpers/until';
import type { Venue } from '../venue';
import { createLighterVenue } from './lighter-venue';
import { PaperSigner } from './signer/paper-signer';

const logger = pino({ level: 'silent' });
const API_KEY = 4;

let sim: RunningLighterSim | null = null;
let venue: Venue | null = null;
afterEach(async () => {
  await venue?.close();
  await sim?.close();
  venue = null;
  sim = null;
});

async function world() {
  const clock = new ManualSimClock(Date.now());
  sim = await startLighterSim({ port: 0, accounts: 1, collateral: '100000', seed: 5, clock, liquidity: false });
  sim.admin.setMid(0, '3000');
  const accountIndex = sim.accounts[0]!;
  venue = createLighterVenue({
    accountId: 'acc_dms',
    baseUrl: sim.url,
    wsUrl: sim.wsUrl,
    accountIndex,
    apiKeyIndex: API_KEY,
    signer: new PaperSigner({ mode: 'paper', accountIndex, apiKeyIndex: API_KEY }, systemClock),
    tier: 'standard',
    clock: systemClock,
    logger,
  });
  await venue.connect();
  const s = sim;
  const openOrders = () => s.admin.state().accounts.find((a) => a.account_index === accountIndex)!.open_orders;
  /** Steps the simulator's clock in 10 s steps (its timers fire on the way). */
  const advance = (ms: number) => {
    for (let t = 0; t < ms; t += 10_000) clock.advance(Math.min(10_000, ms - t));
  };
  return { venue, openOrders, advance };
}

const restingBuy = { symbol: 'ETH', side: 'buy' as const, size: new Decimal('0.01'), type: 'limit' as const, price: new Decimal(2900), timeInForce: 'GTC' as const };

describe('Lighter dead-man’s switch (scheduled CancelAllOrders) on the simulator', () => {
  it('cancels the resting orders when the app stops renewing: no later than the window in force (5 min 10 s: Lighter’s floor)', async () => {
    const w = await world();
    const dms = await w.venue.armDeadMansSwitch!(60_000);
    expect(dms.windowMs).toBe(310_000);
    await w.venue.placeOrder(restingBuy);
    await until(() => w.openOrders() === 1, 'order resting');
    // The app dies here: nothing renews the schedule.
    w.advance(300_000);
    expect(w.openOrders()).toBe(1);
    w.advance(11_000);
    expect(w.openOrders()).toBe(0);
  });

  it('a released switch cancels nothing', async () => {
    const w = await world();
    const dms = await w.venue.armDeadMansSwitch!(60_000);
    await w.venue.placeOrder(restingBuy);
    await until(() => w.openOrders() === 1, 'order resting');
    await dms.release();
    w.advance(400_000);
    expect(w.openOrders()).toBe(1);
  });
});
