/**
 * `npm run demo`: HedgeDesk's main job on the embedded default. Three paper
 * Lighter accounts on the built-in simulator run Tri-Hedge Hold once over
 * ETH and BTC (real market specs) with small targets and a hold of seconds,
 * printing the live progress and the summary. Exits 0 when the run ended and
 * every symbol's net exposure across the three accounts is within one
 * minimum order; 1 otherwise. Uses a temporary data directory; Telegram
 * messages are sent only when HEDGEDESK_TELEGRAM_BOT_TOKEN and
 * HEDGEDESK_TELEGRAM_CHAT_ID are set.
 */
import Decimal from 'decimal.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../src/main/core/clock';
import { RunProgressPrinter } from '../src/main/core/cli/run-progress-printer';
import { Engine } from '../src/main/core/engine/engine';
import { minOrderSize } from '../src/main/core/engine/market-math';
import { PaperLighter } from '../src/main/core/venues/lighter/paper-lighter';
import { formatSummaryTable } from '../src/main/core/engine/summary-text';
import { createVenueProvider } from '../src/main/core/engine/venue-provider';
import { LogHub } from '../src/main/core/log/log-hub';
import { createLogger } from '../src/main/core/log/logger';
import { Redactor } from '../src/main/core/log/redactor';
import { createHttpDispatcher } from '../src/main/core/notify/http-dispatcher';
import type { Notifier } from '../src/main/core/notify/notifier';
import { NullNotifier } from '../src/main/core/notify/null-notifier';
import { TELEGRAM_BOT_TOKEN_REF, TelegramNotifier } from '../src/main/core/notify/telegram-notifier';
import { EnvSecretStore } from '../src/main/core/secrets/env-secret-store';
import { secretEnvVar } from '../src/main/core/secrets/secret-store';
import { AccountsRepository } from '../src/main/core/store/accounts-repository';
import { openDatabase } from '../src/main/core/store/database';
import { BUILT_IN_STRATEGIES } from '../src/main/core/strategies';

/** The demo's configuration, in the original tri_hedge_hold JSON format. */
const DEMO_CONFIG = {
  hold_minutes: 0.15,
  entry_price_offset_bps: -3,
  exit_price_offset_bps: -3,
  slice_delay_seconds: 0.2,
  slice_delay_jitter_seconds: 0.3,
  slice_fill_timeout: 4,
  order_poll_interval: 2,
  pause_between_symbols: 1,
  random_split_range: [0.45, 0.55],
  primary_time_in_force: 'GTC',
  run_once: true,
  coinlist: [
    { symbol: 'ETH', target_notional: 300, slice_count: 3 },
    { symbol: 'BTC', target_notional: 240, slice_count: 3 },
  ],
};
const DEADLINE_MS = 115_000;

async function main(): Promise<number> {
  const started = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'hedgedesk-demo-'));
  const redactor = new Redactor();
  const log = createLogger({ level: 'info', redactor, hub: new LogHub(), logDir: join(dataDir, 'logs'), consoleLevel: 'error' });
  const { db } = openDatabase(join(dataDir, 'hedgedesk.db'));
  const accounts = new AccountsRepository(db);
  const demoAccounts = ['Demo A', 'Demo B', 'Demo C'].map((label) => accounts.create({ venue: 'lighter', label, mode: 'paper', identifiers: {} }));
  const paper = new PaperLighter({ seed: 42 });
  const secrets = new EnvSecretStore({}, redactor);
  const venues = createVenueProvider({ secrets, clock: systemClock, logger: log.logger, paper: { lighter: paper } });
  const token = process.env.HEDGEDESK_TELEGRAM_BOT_TOKEN;
  const chatId = process.env.HEDGEDESK_TELEGRAM_CHAT_ID;
  const notifier: Notifier =
    token && chatId
      ? new TelegramNotifier({
          chatId,
          secrets: new EnvSecretStore({ [secretEnvVar(TELEGRAM_BOT_TOKEN_REF)]: token }, redactor),
          redactor,
          logger: log.logger,
          clock: systemClock,
          dispatcher: createHttpDispatcher(),
        })
      : new NullNotifier();
  const engine = new Engine({ db, venues, notifier, clock: systemClock, logger: log.logger, strategies: BUILT_IN_STRATEGIES, seed: () => 42 });
  const out = (text: string) => process.stdout.write(text);
  let runId: string | null = null;
  const printer = new RunProgressPrinter(() => runId, { write: out, tty: process.stdout.isTTY === true, clock: systemClock, everyMs: 3000 });
  engine.onEvent((e) => printer.handle(e));

  out(`HedgeDesk demo: Tri-Hedge Hold on three paper Lighter accounts (built-in simulator), ETH and BTC, run_once\n`);
  out(`data: ${dataDir}; notifications: ${token && chatId ? 'Telegram' : 'off'}\n\n`);
  let ok = false;
  try {
    runId = await engine.startRun({ strategy: 'tri-hedge-hold', config: DEMO_CONFIG, accountIds: demoAccounts.map((a) => a.id) });
    const timer = setTimeout(() => {
      out(`\nthe demo took longer than ${DEADLINE_MS / 1000} s: stopping with flatten\n`);
      void engine.stopRun(runId!, { flatten: true, reason: 'demo deadline' });
    }, DEADLINE_MS);
    const view = await engine.waitForEnd(runId);
    clearTimeout(timer);
    printer.flush();
    out(`\nrun ${view.id} ${view.status}: ${view.stopReason ?? view.error ?? ''}\n\n`);
    if (view.summary) out(`${formatSummaryTable(view.summary)}\n\n`);

    const sim = await paper.simulator();
    const state = sim.admin.state();
    const venue = await venues.venueFor(demoAccounts[0]!);
    ok = view.status === 'stopped' && view.stopReason?.startsWith('run_once') === true;
    for (const symbol of DEMO_CONFIG.coinlist.map((c) => c.symbol)) {
      const market = await venue.market(symbol);
      const mid = new Decimal(state.markets.find((m) => m.symbol === symbol)?.mid ?? '0');
      let net = new Decimal(0);
      const parts = demoAccounts.map((a) => {
        const index = paper.simAccountIndex(a.id);
        const size = new Decimal(state.accounts.find((s) => s.account_index === index)?.positions.find((p) => p.symbol === symbol)?.size ?? '0');
        net = net.plus(size);
        return `${a.label} ${size.toFixed()}`;
      });
      const bound = minOrderSize(market, mid);
      const within = net.abs().lte(bound);
      ok &&= within;
      out(`${symbol}: net ${net.toFixed()} (${net.abs().times(mid).toFixed(2)} USDC) ${within ? '≤' : '>'} one minimum order ${bound.toFixed()} — ${parts.join(', ')}\n`);
    }
    out(`\ndemo ${ok ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  } catch (err) {
    out(`\ndemo failed: ${(err as Error).stack ?? String(err)}\n`);
  } finally {
    await notifier.flush(5_000);
    await engine.close();
    await paper.close();
    db.close();
    await log.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`demo failed: ${String(err instanceof Error ? err.stack : err)}\n`);
    process.exit(1);
  },
);
