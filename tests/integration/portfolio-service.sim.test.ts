/**
 * PortfolioService against the built-in Lighter and Paradex simulators: two
 * paper Lighter accounts and one paper Paradex account trade through the
 * real clients (the same shared venues runs use), a live account without
 * its key and a venue that cannot trade yet stay in `error` without
 * disturbing the others; positions, marks, net exposure across venues,
 * threshold, connection drops and the change throttle are checked on a real
 * SQLite file.
 */
import Decimal from 'decimal.js';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../src/shared/schemas/account';
import type { PortfolioSnapshot } from '../../src/shared/schemas/portfolio';
import { systemClock } from '../../src/main/core/clock';
import { PaperLighter } from '../../src/main/core/venues/lighter/paper-lighter';
import { PaperParadex } from '../../src/main/core/venues/paradex/paper-paradex';
import { createVenueProvider, type VenueProvider } from '../../src/main/core/engine/venue-provider';
import { Redactor } from '../../src/main/core/log/redactor';
import type { RunView } from '../../src/main/core/engine/engine';
import { AccountDetails } from '../../src/main/core/portfolio/account-detail';
import { PortfolioService } from '../../src/main/core/portfolio/portfolio-service';
import { EnvSecretStore } from '../../src/main/core/secrets/env-secret-store';
import { AccountsRepository } from '../../src/main/core/store/accounts-repository';
import { openDatabase, type OpenDatabase } from '../../src/main/core/store/database';
import type { Side } from '../../src/main/core/venues/venue';
import { tempDir } from '../helpers/temp-dir';
import { until } from './tri-hedge-harness';

const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const THROTTLE_MS = 100;

describe('PortfolioService on the Lighter and Paradex simulators', () => {
  const dir = tempDir();
  let db: OpenDatabase;
  let repo: AccountsRepository;
  let paper: PaperLighter;
  let paperParadex: PaperParadex;
  let venues: VenueProvider;
  let service: PortfolioService;
  let threshold = '10';
  let a: Account;
  let b: Account;
  let liveNoKey: Account;
  let paradex: Account;
  let backpack: Account;
  const notified: { at: number; snapshot: PortfolioSnapshot }[] = [];

  const accountOf = (s: PortfolioSnapshot, id: string) => s.accounts.find((x) => x.accountId === id)!;

  /** A market order of `size` base units on `account`, through the shared venue. */
  async function trade(account: Account, symbol: string, side: Side, size: string): Promise<void> {
    const venue = await venues.venueFor(account);
    const bba = await venue.bestBidAsk(symbol);
    const worst = side === 'buy' ? bba.ask!.times(1.02) : bba.bid!.times(0.98);
    await venue.placeOrder({ symbol, side, size: new Decimal(size), type: 'market', price: worst, timeInForce: 'IOC' });
  }

  beforeAll(async () => {
    db = openDatabase(join(dir.path, 'hedgedesk.db'));
    repo = new AccountsRepository(db.db);
    a = repo.create({ venue: 'lighter', label: 'Paper A', mode: 'paper', identifiers: {} });
    b = repo.create({ venue: 'lighter', label: 'Paper B', mode: 'paper', identifiers: {} });
    liveNoKey = repo.create({ venue: 'lighter', label: 'Live without key', mode: 'live', identifiers: { accountIndex: 7, apiKeyIndex: 4 } });
    paradex = repo.create({ venue: 'paradex', label: 'Paradex paper', mode: 'paper', identifiers: {} });
    backpack = repo.create({ venue: 'backpack', label: 'Backpack paper', mode: 'paper', identifiers: {} });
    paper = new PaperLighter({ seed: 5 });
    paperParadex = new PaperParadex({ seed: 5 });
    venues = createVenueProvider({
      secrets: new EnvSecretStore({}, new Redactor()),
      clock: systemClock,
      logger,
      paper: { lighter: paper, paradex: paperParadex },
      timing: { lighter: { reconnect: { baseMs: 2_000, maxMs: 2_000 } } },
    });
    service = new PortfolioService({ accounts: repo, venues, thresholdUsdc: () => threshold, clock: systemClock, logger, refreshMs: 1_000, throttleMs: THROTTLE_MS });
    service.onChange((snapshot) => notified.push({ at: performance.now(), snapshot }));
    service.start();
  });

  afterAll(async () => {
    await service.close();
    await venues.close();
    await paper.close();
    await paperParadex.close();
    db.db.close();
    dir.remove();
  });

  it('connects paper accounts to the simulator and shows accounts it cannot open as errors', async () => {
    await until(() => {
      const s = service.snapshot();
      return [a, b, paradex].every((x) => accountOf(s, x.id).connection === 'connected') && [liveNoKey, backpack].every((x) => accountOf(s, x.id).connection === 'error');
    }, 'paper accounts connected, the others in error', 20_000);
    const s = service.snapshot();
    expect(s.accounts.map((x) => x.accountId)).toEqual(repo.list().map((x) => x.id));
    expect(s.accounts).toHaveLength(5);
    for (const x of [a, b]) {
      expect(accountOf(s, x.id)).toMatchObject({ mode: 'paper', venue: 'lighter', equity: '10000', available: '10000', positions: [], error: null, disconnectedSince: null });
    }
    const missing = accountOf(s, liveNoKey.id);
    expect(missing.error).toMatch(/no apiPrivateKey in the keychain/);
    expect(missing.disconnectedSince).toBeGreaterThan(0);
    expect(missing.equity).toBeNull();
    expect(accountOf(s, paradex.id)).toMatchObject({ venue: 'paradex', mode: 'paper', positions: [], error: null });
    expect(new Decimal(accountOf(s, paradex.id).equity!).gt(0)).toBe(true);
    expect(accountOf(s, backpack.id).error).toMatch(/Backpack accounts cannot trade yet/);
    expect(s.exposure).toEqual([]);
  });

  it('shows positions with marks and the net exposure per symbol across accounts and venues as they trade', async () => {
    await trade(a, 'ETH', 'buy', '0.05');
    await trade(b, 'ETH', 'sell', '0.03');
    await trade(b, 'BTC', 'sell', '0.001');
    await trade(paradex, 'ETH', 'sell', '0.04');
    await until(() => {
      const s = service.snapshot();
      return accountOf(s, a.id).positions.length === 1 && accountOf(s, b.id).positions.length === 2 && accountOf(s, paradex.id).positions.length === 1 && s.exposure.length === 2;
    }, 'positions of A, B and the Paradex account', 15_000);
    const s = service.snapshot();
    const ethA = accountOf(s, a.id).positions[0]!;
    expect(ethA).toMatchObject({ symbol: 'ETH', size: '0.05', priceDecimals: 2, sizeDecimals: 4 });
    expect(new Decimal(ethA.entryPrice).gt(0)).toBe(true);
    const mark = new Decimal(ethA.markPrice);
    expect(mark.minus(ethA.entryPrice).abs().lt(new Decimal(ethA.entryPrice).times(0.02))).toBe(true);
    expect(new Decimal(ethA.unrealizedPnl).minus(new Decimal('0.05').times(mark.minus(ethA.entryPrice))).abs().lt('0.01')).toBe(true);
    expect(accountOf(s, b.id).positions.map((p) => [p.symbol, p.size])).toEqual([
      ['BTC', '-0.001'],
      ['ETH', '-0.03'],
    ]);

    expect(accountOf(s, paradex.id).positions.map((p) => [p.symbol, p.size])).toEqual([['ETH', '-0.04']]);

    // 0.05 (Lighter A) − 0.03 (Lighter B) − 0.04 (Paradex) = −0.02 ETH, valued at the mark of the first account holding ETH.
    const eth = s.exposure.find((e) => e.symbol === 'ETH')!;
    const firstHolder = s.accounts.find((x) => x.positions.some((p) => p.symbol === 'ETH'))!;
    expect(eth).toMatchObject({ netSize: '-0.02', accounts: 3, beyondThreshold: true, markPrice: firstHolder.positions.find((p) => p.symbol === 'ETH')!.markPrice });
    expect(new Decimal(eth.netNotional).minus(new Decimal('0.02').times(eth.markPrice)).abs().lte('0.000001')).toBe(true);
    const btc = s.exposure.find((e) => e.symbol === 'BTC')!;
    expect(btc).toMatchObject({ netSize: '-0.001', accounts: 1 });

    threshold = '100000';
    service.reload();
    expect(service.snapshot().exposure.every((e) => !e.beyondThreshold)).toBe(true);
    expect(service.snapshot().thresholdUsdc).toBe('100000');

    await trade(a, 'ETH', 'buy', '0.02');
    await until(() => service.snapshot().exposure.find((e) => e.symbol === 'ETH')?.netSize === '0', 'ETH hedged to zero', 15_000);
  });

  it('notifies changes at most once per throttle interval, with the latest state', async () => {
    const from = notified.length;
    await new Promise((r) => setTimeout(r, 1_500));
    const window = notified.slice(from);
    expect(window.length).toBeGreaterThan(0);
    for (let i = 1; i < window.length; i++) expect(window[i]!.at - window[i - 1]!.at).toBeGreaterThanOrEqual(THROTTLE_MS * 0.8);
    expect(window.length).toBeLessThanOrEqual(Math.ceil(1_500 / THROTTLE_MS) + 1);
    expect(window.at(-1)!.snapshot.exposure.find((e) => e.symbol === 'ETH')?.netSize).toBe('0');
  });

  it('shows a dropped connection as disconnected since then, and connected again after the reconnect', async () => {
    const sim = await paper.simulator();
    const before = Date.now();
    sim.admin.setFaults({ drop_ws: true });
    await until(() => accountOf(service.snapshot(), a.id).connection === 'disconnected', 'A disconnected', 5_000);
    const down = accountOf(service.snapshot(), a.id);
    expect(down.disconnectedSince).toBeGreaterThanOrEqual(before);
    expect(accountOf(service.snapshot(), liveNoKey.id).connection).toBe('error');
    sim.admin.clearFaults();
    await until(() => [a, b].every((x) => accountOf(service.snapshot(), x.id).connection === 'connected'), 'A and B reconnected', 10_000);
    expect(accountOf(service.snapshot(), a.id).disconnectedSince).toBeNull();
  });

  it('gives one account its open orders from the venue, its fills (by hand, from the venue stream) and its runs', async () => {
    const venue = await venues.venueFor(b);
    const bba = await venue.bestBidAsk('ETH');
    await venue.placeOrder({ symbol: 'ETH', side: 'buy', size: new Decimal('0.01'), type: 'limit', price: bba.bid!.times(0.9).toDecimalPlaces(2), timeInForce: 'POST_ONLY' });
    const run = (id: string, status: RunView['status'], interrupted = false): RunView =>
      ({ id, strategy: 'tri-hedge-hold', status, interrupted, accounts: [{ role: 'B', accountId: b.id, label: 'Paper B' }], startedAt: 1 }) as RunView;
    const details = new AccountDetails({ portfolio: service, db: db.db, runs: () => [run('r3', 'stopped'), run('r2', 'running'), { ...run('r1', 'running'), accounts: [] }] });
    let detail = await details.get(b.id);
    for (let i = 0; detail.openOrders.length === 0 && i < 50; i++) {
      await new Promise((r) => setTimeout(r, 50));
      detail = await details.get(b.id);
    }
    expect(detail.portfolio.accountId).toBe(b.id);
    expect(detail.openOrders).toMatchObject([{ symbol: 'ETH', side: 'buy', size: '0.01', timeInForce: 'POST_ONLY', status: 'open' }]);
    expect(detail.ordersError).toBeNull();
    // B's market sells of ETH and BTC, made by hand (no run recorded them), come from the venue's stream.
    expect(detail.recentFills.length).toBeGreaterThanOrEqual(2);
    expect(new Set(detail.recentFills.map((f) => f.symbol))).toEqual(new Set(['ETH', 'BTC']));
    expect(detail.recentFills.every((f) => f.runId === null && f.purpose === null && f.side === 'sell')).toBe(true);
    expect(detail.runs.map((r) => [r.runId, r.role, r.status])).toEqual([
      ['r2', 'B', 'running'],
      ['r3', 'B', 'stopped'],
    ]);
    const broken = await details.get(liveNoKey.id);
    expect(broken.ordersError).toMatch(/apiPrivateKey/);
    await expect(details.get('acc_000000000000')).rejects.toThrow(/no account/);
    await venue.cancelAll('ETH');
  });

  it('follows account changes: a deleted account disappears, a renamed one keeps its state', async () => {
    repo.update(a.id, { label: 'Paper A renamed', mode: 'paper', identifiers: {} });
    repo.delete(backpack.id);
    service.reload();
    const s = service.snapshot();
    expect(s.accounts.map((x) => x.label)).toEqual(repo.list().map((x) => x.label));
    expect(s.accounts.map((x) => x.label)).toContain('Paper A renamed');
    expect(s.accounts).toHaveLength(4);
    expect(accountOf(s, a.id).connection).toBe('connected');
    expect(() => service.account(backpack.id)).toThrow(/no account/);
  });
});
