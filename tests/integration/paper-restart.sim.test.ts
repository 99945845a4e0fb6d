/**
 * Paper venues that behave like venues across restarts (issue 11, observations
 * 1 and 2): a second "process" on the same data directory (a new PaperLighter /
 * PaperParadex on the same `paper/` directory, the first one closed) finds the
 * same positions, open orders and collateral; its fills get ids never issued
 * before, so every one of them is recorded in SQLite (none dropped as a
 * duplicate). Paper accounts can also trade on an external simulator (its URL
 * and admin token), and keep the same simulator account across restarts.
 * Real parts: the real Lighter and Paradex clients over loopback, real SQLite.
 */
import Decimal from 'decimal.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { ec } from 'starknet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../src/shared/schemas/account';
import { systemClock } from '../../src/main/core/clock';
import { PaperSimulatorError } from '../../src/main/core/engine/external-sim-admin';
import { PaperLighter } from '../../src/main/core/venues/lighter/paper-lighter';
import { PaperParadex } from '../../src/main/core/venues/paradex/paper-paradex';
import { createVenueProvider, type VenueProvider } from '../../src/main/core/engine/venue-provider';
import { Redactor } from '../../src/main/core/log/redactor';
import { EnvSecretStore } from '../../src/main/core/secrets/env-secret-store';
import { secretEnvVar } from '../../src/main/core/secrets/secret-store';
import { startLighterSim, type RunningLighterSim } from '../../src/main/core/sim/lighter/lighter-sim';
import { startParadexSim, type RunningParadexSim } from '../../src/main/core/sim/paradex/paradex-sim';
import { AccountsRepository } from '../../src/main/core/store/accounts-repository';
import { CorruptStateFileError } from '../../src/main/core/store/atomic-json-file';
import { openDatabase, type OpenDatabase } from '../../src/main/core/store/database';
import { FillsRepository } from '../../src/main/core/store/fills-repository';
import { RunsRepository, newRunId } from '../../src/main/core/store/runs-repository';
import type { AccountEvent, Fill, Venue } from '../../src/main/core/venues/venue';
import { tempDir } from '../helpers/temp-dir';
import { until } from '../helpers/until';

const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/** One "process": the paper venues of a data directory and a venue provider over them. */
interface PaperProcess {
  lighter: PaperLighter;
  paradex: PaperParadex;
  venues: VenueProvider;
  close(): Promise<void>;
}

function openProcess(paperDir: string, env: Record<string, string> = {}): PaperProcess {
  const lighter = new PaperLighter({ seed: 3, paperDir });
  const paradex = new PaperParadex({ seed: 3, paperDir });
  const venues = createVenueProvider({ secrets: new EnvSecretStore({ HEDGEDESK_SECRETS_FROM_ENV: '1', ...env }, new Redactor()), clock: systemClock, logger, paper: { lighter, paradex } });
  return {
    lighter,
    paradex,
    venues,
    async close() {
      await venues.close();
      await Promise.all([lighter.close(), paradex.close()]);
    },
  };
}

/** Collects a venue's fills (the client's stream, as runs get them). */
function fillsOf(venue: Venue): Fill[] {
  const fills: Fill[] = [];
  venue.onAccountEvent((e: AccountEvent) => {
    if (e.type === 'fill') fills.push(e.fill);
  });
  return fills;
}

/** A marketable buy of `size` ETH that fills at once. */
async function buy(venue: Venue, size: string, clientOrderId: string): Promise<void> {
  const { ask } = await venue.bestBidAsk('ETH');
  await venue.placeOrder({ symbol: 'ETH', side: 'buy', type: 'market', size: new Decimal(size), price: ask!.times(1.02), timeInForce: 'IOC', clientOrderId });
}

/** A buy limit order far below the market: it rests. */
async function rest(venue: Venue, clientOrderId: string): Promise<void> {
  const { bid } = await venue.bestBidAsk('ETH');
  const market = await venue.market('ETH');
  const price = bid!.times(0.9).toDecimalPlaces(market.tickSize.decimalPlaces(), Decimal.ROUND_DOWN);
  await venue.placeOrder({ symbol: 'ETH', side: 'buy', type: 'limit', size: new Decimal('0.05'), price, timeInForce: 'GTC', clientOrderId });
}

const orderView = (orders: Awaited<ReturnType<Venue['openOrders']>>) =>
  orders.map((o) => ({ id: o.venueOrderId, price: o.price.toString(), size: o.size.toString(), side: o.side })).sort((a, b) => a.id.localeCompare(b.id));
const positionView = async (venue: Venue) => (await venue.positions()).map((p) => ({ symbol: p.symbol, size: p.size.toString(), entry: p.entryPrice.toString() }));

describe('paper accounts across a restart of the app on the same data directory', () => {
  const dir = tempDir();
  let db: OpenDatabase;
  let fills: FillsRepository;
  let runId: string;
  let lighterAccount: Account;
  let paradexAccount: Account;

  beforeAll(() => {
    db = openDatabase(join(dir.path, 'hedgedesk.db'));
    const accounts = new AccountsRepository(db.db);
    lighterAccount = accounts.create({ venue: 'lighter', label: 'Paper L', mode: 'paper', identifiers: {} });
    paradexAccount = accounts.create({ venue: 'paradex', label: 'Paper P', mode: 'paper', identifiers: {} });
    runId = newRunId();
    new RunsRepository(db.db).create({ id: runId, strategy: 'cross-venue-hedge', config: {}, accountIds: [lighterAccount.id, paradexAccount.id], at: Date.now() });
    fills = new FillsRepository(db.db);
  });
  afterAll(() => {
    db.db.close();
    dir.remove();
  });

  /** Records fills as the recording venue does; returns how many were new (not dropped as duplicates). */
  const record = (account: Account, list: Fill[]) =>
    list.filter((f) =>
      fills.insertOnce({
        venue: account.venue,
        accountId: account.id,
        fillId: f.fillId,
        runId,
        symbol: f.symbol,
        venueOrderId: f.venueOrderId,
        clientOrderId: f.clientOrderId,
        purpose: 'entry',
        side: f.side,
        price: f.price,
        size: f.size,
        fee: f.fee,
        liquidity: f.liquidity,
        venueTime: f.timestamp,
        recordedAt: Date.now(),
      }),
    ).length;

  it('keeps positions, open orders and collateral, and issues only new fill ids: every fill is recorded', async () => {
    const paperDir = join(dir.path, 'paper');
    const before: Record<string, unknown> = {};
    const firstFills = new Map<string, Fill[]>();
    const first = openProcess(paperDir);
    for (const account of [lighterAccount, paradexAccount]) {
      const venue = await first.venues.venueFor(account);
      const got = fillsOf(venue);
      await rest(venue, `${account.venue}-rest-1`);
      await buy(venue, '0.1', `${account.venue}-buy-1`);
      await until(() => got.some((f) => f.clientOrderId === `${account.venue}-buy-1`), `${account.venue} fill`);
      await until(async () => (await venue.openOrders('ETH')).length === 1, `${account.venue} resting order`);
      before[account.venue] = { positions: await positionView(venue), orders: orderView(await venue.openOrders('ETH')), collateral: (await venue.collateral()).total.toString() };
      expect(record(account, got)).toBe(got.length);
      firstFills.set(account.venue, got);
    }
    const lighterIndex = first.lighter.simAccountIndex(lighterAccount.id);
    const paradexAddress = first.paradex.simAddress(paradexAccount.id);
    await first.close();

    const second = openProcess(paperDir);
    try {
      for (const account of [lighterAccount, paradexAccount]) {
        const venue = await second.venues.venueFor(account);
        expect({ positions: await positionView(venue), orders: orderView(await venue.openOrders('ETH')), collateral: (await venue.collateral()).total.toString() }).toEqual(before[account.venue]);
        const got = fillsOf(venue);
        await buy(venue, '0.1', `${account.venue}-buy-2`);
        await until(() => got.some((f) => f.clientOrderId === `${account.venue}-buy-2`), `${account.venue} fill after the restart`);
        const earlier = new Set(firstFills.get(account.venue)!.map((f) => f.fillId));
        expect(got.filter((f) => earlier.has(f.fillId))).toEqual([]);
        expect(record(account, got)).toBe(got.length); // none dropped as a "duplicate"
        expect((await venue.positions())[0]!.size.toString()).toBe('0.2');
      }
      expect(second.lighter.simAccountIndex(lighterAccount.id)).toBe(lighterIndex);
      expect(second.paradex.simAddress(paradexAccount.id)).toBe(paradexAddress);
    } finally {
      await second.close();
    }
  });
});

describe('a damaged paper state', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('fails the paper accounts that need it, naming the file, and is left untouched', async () => {
    const paperDir = join(dir.path, 'paper');
    const lighter: Account = { id: 'acc_damagedaaaaa', venue: 'lighter', label: 'D', mode: 'paper', identifiers: {}, createdAt: 0, updatedAt: 0 };
    const first = openProcess(paperDir);
    await first.venues.venueFor(lighter);
    await first.close();
    writeFileSync(join(paperDir, 'lighter-accounts.json'), '{"version":1,"accounts":{"acc_damagedaaaaa@built-in":{"accountIndex":"x"}}}');
    const second = openProcess(paperDir); // opening the app still works
    try {
      await expect(second.venues.venueFor(lighter)).rejects.toThrow(CorruptStateFileError);
      await expect(second.venues.venueFor(lighter)).rejects.toThrow(/lighter-accounts\.json is corrupted \(entry acc_damagedaaaaa@built-in/);
    } finally {
      await second.close();
    }
    writeFileSync(join(paperDir, 'lighter-accounts.json'), '{"version":1,"accounts":{}}');
    writeFileSync(join(paperDir, 'lighter-sim', 'state.json'), '{"version":1,"state":');
    const third = openProcess(paperDir);
    try {
      await expect(third.venues.venueFor(lighter)).rejects.toThrow(/lighter-sim\/state\.json is corrupted/);
      expect(readFileSync(join(paperDir, 'lighter-sim', 'state.json'), 'utf8')).toBe('{"version":1,"state":');
    } finally {
      await third.close();
    }
  });
});

describe('paper accounts on an external simulator (`hedgedesk sim` URL + admin token)', () => {
  const dir = tempDir();
  const TOKEN = 'external-sim-admin-token-42';
  let lighterSim: RunningLighterSim;
  let paradexSim: RunningParadexSim;
  let db: OpenDatabase;
  let lighterAccount: Account;
  let paradexAccount: Account;
  let env: Record<string, string>;

  beforeAll(async () => {
    lighterSim = await startLighterSim({ seed: 9, accounts: 0, adminToken: TOKEN, stateDir: join(dir.path, 'lighter-sim') });
    paradexSim = await startParadexSim({ seed: 9, adminToken: TOKEN, stateDir: join(dir.path, 'paradex-sim') });
    db = openDatabase(join(dir.path, 'hedgedesk.db'));
    const accounts = new AccountsRepository(db.db);
    lighterAccount = accounts.create({ venue: 'lighter', label: 'Ext L', mode: 'paper', identifiers: { simUrl: lighterSim.url } });
    paradexAccount = accounts.create({ venue: 'paradex', label: 'Ext P', mode: 'paper', identifiers: { simUrl: paradexSim.url } });
    env = {
      [secretEnvVar({ accountId: lighterAccount.id, field: 'simAdminToken' })]: TOKEN,
      [secretEnvVar({ accountId: paradexAccount.id, field: 'simAdminToken' })]: TOKEN,
    };
  });
  afterAll(async () => {
    await Promise.all([lighterSim.close(), paradexSim.close()]);
    db.db.close();
    dir.remove();
  });

  it('opens the simulator account with the admin token, trades on it, and finds it again after an app restart', async () => {
    const paperDir = join(dir.path, 'paper');
    const first = openProcess(paperDir, env);
    for (const account of [lighterAccount, paradexAccount]) {
      const venue = await first.venues.venueFor(account);
      const got = fillsOf(venue);
      await buy(venue, '0.1', `${account.venue}-ext-1`);
      await until(() => got.length > 0, `${account.venue} fill on the external simulator`);
    }
    await first.close();
    expect(lighterSim.admin.state().accounts.filter((a) => !a.sim_maker)).toEqual([expect.objectContaining({ positions: [expect.objectContaining({ size: '0.1000' })] })]);
    expect(paradexSim.admin.state().accounts).toEqual([expect.objectContaining({ positions: [expect.objectContaining({ size: '0.1' })] })]);

    const second = openProcess(paperDir, env);
    try {
      for (const account of [lighterAccount, paradexAccount]) {
        const venue = await second.venues.venueFor(account);
        expect((await venue.positions()).map((p) => p.size.toString())).toEqual(['0.1']);
      }
      expect(lighterSim.admin.state().accounts.filter((a) => !a.sim_maker)).toHaveLength(1);
      expect(paradexSim.admin.state().accounts).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it('attaches to accounts the simulator printed (Lighter account index; Paradex address + key) without the admin token', async () => {
    const accounts = new AccountsRepository(db.db);
    const index = lighterSim.admin.createAccount({ collateral: '1234' }).accountIndex;
    const privateKey = `0x${'1'.repeat(63)}`;
    const { address } = paradexSim.admin.createAccount({ publicKey: ec.starkCurve.getStarkKey(privateKey), collateral: '4321' });
    const l = accounts.create({ venue: 'lighter', label: 'Printed L', mode: 'paper', identifiers: { simUrl: lighterSim.url, accountIndex: index } });
    const p = accounts.create({ venue: 'paradex', label: 'Printed P', mode: 'paper', identifiers: { simUrl: paradexSim.url, l2Address: address } });
    const proc = openProcess(join(dir.path, 'paper-printed'), { [secretEnvVar({ accountId: p.id, field: 'l2PrivateKey' })]: privateKey });
    try {
      expect((await (await proc.venues.venueFor(l)).collateral()).total.toString()).toBe('1234');
      expect((await (await proc.venues.venueFor(p)).collateral()).total.toString()).toBe('4321');
    } finally {
      await proc.close();
    }
  });

  it('says what is missing: no admin token, a refused token, a simulator that does not answer', async () => {
    const accounts = new AccountsRepository(db.db);
    const fresh = accounts.create({ venue: 'lighter', label: 'Ext L2', mode: 'paper', identifiers: { simUrl: lighterSim.url } });
    const noToken = openProcess(join(dir.path, 'paper-2'));
    await expect(noToken.venues.venueFor(fresh)).rejects.toThrow(/no admin token .*secret "simAdminToken"/);
    await noToken.close();
    const wrong = openProcess(join(dir.path, 'paper-2'), { [secretEnvVar({ accountId: fresh.id, field: 'simAdminToken' })]: 'not-the-token-of-this-sim' });
    await expect(wrong.venues.venueFor(fresh)).rejects.toThrow(PaperSimulatorError);
    await expect(wrong.venues.venueFor(fresh)).rejects.toThrow(/refused the admin token/);
    await wrong.close();
    const gone = accounts.create({ venue: 'paradex', label: 'Ext P2', mode: 'paper', identifiers: { simUrl: 'http://127.0.0.1:1' } });
    const down = openProcess(join(dir.path, 'paper-2'), { [secretEnvVar({ accountId: gone.id, field: 'simAdminToken' })]: TOKEN });
    await expect(down.venues.venueFor(gone)).rejects.toThrow(/the simulator at http:\/\/127\.0\.0\.1:1 does not answer/);
    await down.close();
  });
});
