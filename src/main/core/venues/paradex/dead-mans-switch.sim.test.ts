/**
 * Paradex's dead-man's switch with the real client against the simulator on
 * loopback: cancel-on-disconnect, armed on the account's WebSocket, cancels
 * the resting orders when the connection drops; without it (or once
 * released) a drop leaves them resting.
 */
import Decimal from 'decimal.js';
import pino from 'pino';
import { ec } from 'starknet';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../clock';
import { startParadexSim, type RunningParadexSim } from '../../sim/paradex/paradex-sim';
import { until } from '../../../../../tests/helpers/until';
import type { Venue } from '../venue';
import { createParadexVenue } from './paradex-venue';

const logger = pino({ level: 'silent' });
let sim: RunningParadexSim;
const open: Venue[] = [];

beforeAll(async () => {
  sim = await startParadexSim({ port: 0, seed: 9, liquidity: false });
  sim.admin.setMid('ETH-USD-PERP', '3000');
});
afterAll(async () => {
  await sim.close();
});
afterEach(async () => {
  for (const v of open.splice(0)) await v.close();
});

async function client() {
  const privateKey = `0x${Buffer.from(ec.starkCurve.utils.randomPrivateKey()).toString('hex')}`;
  const { address } = sim.admin.createAccount({ publicKey: ec.starkCurve.getStarkKey(privateKey), collateral: '100000' });
  const venue = createParadexVenue({
    accountId: `acc_${address.slice(2, 10)}`,
    baseUrl: `${sim.url}/v1`,
    wsUrl: sim.wsUrl,
    l2PrivateKey: privateKey,
    l2Address: address,
    clock: systemClock,
    logger,
    timing: { reconnect: { baseMs: 20, maxMs: 100 }, connectTimeoutMs: 5_000, bookTimeoutMs: 5_000 },
  });
  await venue.connect();
  open.push(venue);
  await venue.placeOrder({ symbol: 'ETH', side: 'buy', size: new Decimal('0.05'), type: 'limit', price: new Decimal(2900), timeInForce: 'GTC' });
  return venue;
}

const restingAt = async (venue: Venue) => (await venue.openOrders('ETH')).length;

describe('Paradex dead-man’s switch (cancel-on-disconnect) on the simulator', () => {
  it('a dropped connection cancels the resting orders while armed, and again after the client reconnected', async () => {
    const venue = await client();
    const dms = await venue.armDeadMansSwitch!(60_000);
    expect(dms.windowMs).toBe(0);
    expect(await restingAt(venue)).toBe(1);
    sim.admin.dropWebSockets();
    await until(() => sim.admin.state().ws_connections >= 1, 'client reconnected');
    expect(await restingAt(venue)).toBe(0);
    // Set again on the new connection.
    await venue.placeOrder({ symbol: 'ETH', side: 'buy', size: new Decimal('0.05'), type: 'limit', price: new Decimal(2900), timeInForce: 'GTC' });
    await new Promise((r) => setTimeout(r, 100));
    sim.admin.dropWebSockets();
    await until(() => sim.admin.state().ws_connections >= 1, 'client reconnected');
    expect(await restingAt(venue)).toBe(0);
  });

  it('without the switch, or once released, a drop leaves the orders resting', async () => {
    const venue = await client();
    sim.admin.dropWebSockets();
    await until(() => sim.admin.state().ws_connections >= 1, 'client reconnected');
    expect(await restingAt(venue)).toBe(1);
    const dms = await venue.armDeadMansSwitch!(60_000);
    await dms.release();
    sim.admin.dropWebSockets();
    await until(() => sim.admin.state().ws_connections >= 1, 'client reconnected');
    expect(await restingAt(venue)).toBe(1);
  });
});
