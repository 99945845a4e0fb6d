/**
 * A maker fill that happens while every WebSocket of the Lighter simulator is
 * down: whichever comes first after the reconnect — the account stream's
 * resync or a reconciliation pass (started by another account's `resynced`,
 * or periodic) — the fill must reach the strategy, which hedges it at once;
 * not the slice timeout or a position check a minute later. In-process
 * simulator, real clients over loopback, a real SQLite file, the wall clock;
 * reconciliation every 250 ms so a pass lands inside the reconnect window.
 */
import Decimal from 'decimal.js';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/main/core/clock';
import { Engine } from '../../src/main/core/engine/engine';
import { PaperLighter } from '../../src/main/core/venues/lighter/paper-lighter';
import { createVenueProvider } from '../../src/main/core/engine/venue-provider';
import { Redactor } from '../../src/main/core/log/redactor';
import { NullNotifier } from '../../src/main/core/notify/null-notifier';
import { EnvSecretStore } from '../../src/main/core/secrets/env-secret-store';
import { AccountsRepository } from '../../src/main/core/store/accounts-repository';
import { openDatabase } from '../../src/main/core/store/database';
import { BUILT_IN_STRATEGIES } from '../../src/main/core/strategies';
import type { RunEvent } from '../../src/shared/schemas/runs';
import { tempDir } from '../helpers/temp-dir';
import { until } from '../helpers/until';
import { fastConfig, MIN_ORDER } from './tri-hedge-harness';

const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

describe('WebSocket drop at a maker fill (Tri-Hedge Hold, Lighter simulator)', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  }, 60_000);

  it('each fill made while the streams reconnect reaches the strategy and is hedged within seconds, even when reconciliation records it first', async () => {
    const dir = tempDir();
    cleanup.push(() => dir.remove());
    const db = openDatabase(join(dir.path, 'hedgedesk.db'));
    cleanup.push(() => void db.db.close());
    const accounts = ['A', 'B', 'C'].map((label) => new AccountsRepository(db.db).create({ venue: 'lighter', label: `Paper ${label}`, mode: 'paper', identifiers: {} }));
    const paper = new PaperLighter({ seed: 51 });
    cleanup.push(() => paper.close());
    const engine = new Engine({
      db: db.db,
      venues: createVenueProvider({ secrets: new EnvSecretStore({}, new Redactor()), clock: systemClock, logger, paper: { lighter: paper } }),
      notifier: new NullNotifier(),
      clock: systemClock,
      logger,
      strategies: BUILT_IN_STRATEGIES,
      seed: () => 51,
      reconcileIntervalMs: 250,
    });
    cleanup.push(() => engine.close());
    const events: RunEvent[] = [];
    engine.onEvent((e) => events.push(e));
    const sim = await paper.simulator();
    const ethNet = () => {
      const state = sim.admin.state();
      const sizes = accounts.map((a) => new Decimal(state.accounts.find((s) => s.account_index === paper.simAccountIndex(a.id))?.positions.find((p) => p.symbol === 'ETH')?.size ?? '0'));
      return { net: sizes.reduce((s, v) => s.plus(v), new Decimal(0)), open: sizes.some((s) => !s.isZero()) };
    };

    // Entry slices rest 5 bps below the bid for up to 30 s: only the price moving through them fills them.
    const config = fastConfig({ entry_price_offset_bps: 5, slice_fill_timeout: 30, coinlist: [{ symbol: 'ETH', target_notional: 150, slice_notional: 30 }] });
    const runId = await engine.startRun({ strategy: 'tri-hedge-hold', config, accountIds: accounts.map((a) => a.id) });
    for (let drop = 1; drop <= 2; drop++) {
      const entryFills = () => events.filter((e) => e.type === 'fill' && e.purpose === 'entry').length;
      const before = entryFills();
      const ours = new Set(accounts.map((a) => paper.simAccountIndex(a.id)));
      await until(() => sim.admin.state().accounts.some((a) => ours.has(a.account_index) && a.open_orders > 0) && ethNet().net.abs().lte(MIN_ORDER.ETH!), `entry slice ${drop} resting, hedged before it`, 15_000);
      sim.admin.setFaults({ drop_ws: true });
      const market = sim.admin.state().markets.find((m) => m.symbol === 'ETH')!;
      sim.admin.setMid(market.market_id, new Decimal(market.mid!).times(0.998).toFixed(8));
      await until(() => entryFills() > before, `entry fill ${drop} recorded`, 10_000);
      // The fill reaches the strategy, which hedges it: before the fix a fill the reconnect pass recorded first never
      // reached it, nothing hedged it and the run went reducing-only (the drill measures how fast: docs/reliability.md).
      await until(() => ethNet().open && ethNet().net.abs().lte(MIN_ORDER.ETH!), `entry fill ${drop} hedged`, 20_000);
      expect(events.filter((e) => e.type === 'risk' && e.runId === runId)).toEqual([]);
    }
    await engine.stopRun(runId);
  }, 150_000);
});
