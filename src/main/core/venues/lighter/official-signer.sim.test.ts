/**
 * The real Lighter client (createLighterVenue) against the Lighter simulator
 * over loopback, signing with OFFICIAL-signer code paths instead of the paper
 * signer: the REAL npm lighter-go WASM build (v1.0.2 layout, loaded with
 * requireLive: false — never for a live account) and a STAND-IN shared library
 * with the v1.0.9 C ABI (signer/test-fixtures/fake-lighter-signer.c). Every
 * transaction the Venue sends — create, modify, cancel, cancel-all — goes
 * through layout mapping, the build, and the simulator's sendTx.
 */
import Decimal from 'decimal.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../clock';
import { packageRoot } from '../../package-root';
import { startLighterSim, type RunningLighterSim } from '../../sim/lighter/lighter-sim';
import { connectRecording, lastOrder } from '../testing/recorded-account-events';
import type { Venue } from '../venue';
import { until } from '../../../../../tests/helpers/until';
import { createLighterVenue } from './lighter-venue';
import type { LighterSigner } from './signer/lighter-signer';
import { loadOfficialSigner } from './signer/signer-loader';
import type { SignerSearchEnvironment } from './signer/signer-search-paths';
import { compileFakeSignerLibrary } from './signer/test-fixtures/stand-in-signers';

const logger = pino({ level: 'silent' });
const API_KEY = 4;
const KEY = '0x43d7f0718043ca64834f9f5a9baaee86688278fac3a6efed2091034b87f3d789630dc1895bc6f231';
const d = (v: string | number) => new Decimal(v);
const NO_OTHER_PLACES: SignerSearchEnvironment = { env: {}, homeDir: '/nonexistent', platform: 'linux', arch: 'x64', rootDir: '/nonexistent', packageRoot: undefined, resourcesPath: undefined };

let sim: RunningLighterSim;
let dir: string;
const open: Venue[] = [];

beforeAll(async () => {
  sim = await startLighterSim({ port: 0, accounts: 2, collateral: '100000', seed: 11 });
  sim.admin.setMid(0, '3000');
  dir = mkdtempSync(join(tmpdir(), 'hedgedesk-official-signer-sim-'));
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const v of open.splice(0)) await v.close();
});

async function venueWith(signer: LighterSigner) {
  const venue = createLighterVenue({
    accountId: `acc_official_${signer.accountIndex}`,
    baseUrl: sim.url,
    wsUrl: sim.wsUrl,
    accountIndex: signer.accountIndex,
    apiKeyIndex: API_KEY,
    signer,
    tier: 'premium',
    clock: systemClock,
    logger,
    timing: { reconnect: { baseMs: 20, maxMs: 100 }, rateLimitBackoff: { baseMs: 10, maxMs: 40 }, connectTimeoutMs: 5_000, bookTimeoutMs: 5_000 },
  });
  return { venue, events: await connectRecording(venue, open) };
}

async function roundTrip(signer: LighterSigner, id: string): Promise<void> {
  const { venue, events } = await venueWith(signer);
  await venue.placeOrder({ symbol: 'ETH', side: 'buy', size: d('0.0100'), type: 'limit', price: d('2900'), timeInForce: 'GTC', clientOrderId: id });
  await until(() => lastOrder(events, id)?.status === 'open', 'the order to rest', 5_000);
  const rested = lastOrder(events, id)!;
  await venue.modifyOrder({ symbol: 'ETH', venueOrderId: rested.venueOrderId, size: d('0.0200'), price: d('2899.5') });
  await until(() => lastOrder(events, id)!.price.eq(d('2899.5')), 'the modified price', 5_000);
  await venue.cancelOrder('ETH', rested.venueOrderId);
  await until(() => lastOrder(events, id)!.status === 'canceled', 'the cancel', 5_000);
  await venue.placeOrder({ symbol: 'ETH', side: 'buy', size: d('0.0100'), type: 'limit', price: d('2890'), timeInForce: 'GTC', clientOrderId: `${id}-2` });
  await until(() => lastOrder(events, `${id}-2`)?.status === 'open', 'the second order to rest', 5_000);
  await venue.cancelAll();
  await until(() => lastOrder(events, `${id}-2`)?.status === 'canceled', 'cancel-all', 5_000);
  expect(await venue.openOrders('ETH')).toEqual([]);
}

describe('Lighter client ↔ simulator with official signer builds', () => {
  it('the real npm lighter-go WASM (v1.0.2 layout, simulator only): place, modify, cancel, cancel-all', async () => {
    const signer = await loadOfficialSigner({
      privateKey: KEY,
      chainId: 304,
      apiKeyIndex: API_KEY,
      accountIndex: sim.accounts[0]!,
      clock: systemClock,
      configuredPath: join(packageRoot(), 'node_modules', '@reservoir0x', 'lighter-ts-sdk', 'wasm'),
      environment: NO_OTHER_PLACES,
      requireLive: false,
    });
    expect(signer.layout.id).toBe('v1.0.2');
    await roundTrip(signer, 'npm-wasm');
  });

  it.runIf(process.platform === 'linux' && process.arch === 'x64')('a v1.0.9 shared library (stand-in): the same round trip, as a live account would load it', async () => {
    compileFakeSignerLibrary(join(dir, 'lighter-signer-linux-amd64.so'), 109);
    const signer = await loadOfficialSigner({
      privateKey: KEY,
      chainId: 304,
      apiKeyIndex: API_KEY,
      accountIndex: sim.accounts[1]!,
      clock: systemClock,
      configuredPath: dir,
      environment: NO_OTHER_PLACES,
    });
    expect(signer.layout).toMatchObject({ id: 'v1.0.9', live: true });
    await roundTrip(signer, 'lib-109');
  });
});
