import type { Account } from '../../../shared/schemas/account';
import type { DeskStopResult } from '../../../shared/schemas/desk';
import type { Clock } from '../clock';
import type { Engine } from '../engine/engine';
import { flattenAccounts } from '../engine/flatten';
import type { Logger } from '../log/logger';
import type { Venue } from '../venues/venue';

/** What {@link stopAll} and {@link flattenAll} work with. */
export interface DeskStopOptions {
  engine: Pick<Engine, 'listRuns' | 'stopRun' | 'venues'>;
  /** Every stored account (all of them are cleaned up, in a run or not). */
  accounts: () => readonly Account[];
  /** Clock of the flatten waits (the wall clock in the app). */
  clock: Clock;
  logger: Logger;
}

const ACTIVE = new Set(['starting', 'running', 'stopping']);

/**
 * "Stop all" (tray, UI): stops every run active in this process (resting
 * orders cancelled, fills in flight hedged, positions kept), then cancels
 * every open order of every stored account. Positions stay as they are.
 * Never throws for one run or account: failures are in the result.
 */
export async function stopAll(opts: DeskStopOptions): Promise<DeskStopResult> {
  const stoppedRuns = await stopRuns(opts, false);
  const accounts = await eachAccount(opts, async (venue) => {
    await venue.cancelAll();
  });
  opts.logger.warn({ component: 'desk', runs: stoppedRuns.length }, `stop all: ${stoppedRuns.length} run(s) stopped, open orders cancelled on ${accounts.filter((a) => a.ok).length} account(s)`);
  return { stoppedRuns, accounts, flattenOrders: 0, leftovers: [] };
}

/**
 * "Flatten all" (tray with confirmation, UI): stops every active run with
 * flatten (each closes its own positions through its recording venues),
 * then, on every stored account, cancels the open orders and closes every
 * remaining position with reduce-only marketable orders (engine/flatten.ts:
 * IOC at a worst price 1 % beyond the best bid/ask, up to 5 rounds).
 * Positions below the venue's minimum order are reported as leftovers.
 * Never throws for one run or account: failures are in the result.
 */
export async function flattenAll(opts: DeskStopOptions): Promise<DeskStopResult> {
  const stoppedRuns = await stopRuns(opts, true);
  let flattenOrders = 0;
  const leftovers: DeskStopResult['leftovers'] = [];
  const accounts = await eachAccount(opts, async (venue, account) => {
    await venue.cancelAll();
    const symbols = [...new Set((await venue.positions()).filter((p) => !p.size.isZero()).map((p) => p.symbol))];
    if (symbols.length === 0) return;
    const result = await flattenAccounts({ accounts: [{ accountId: account.id, label: account.label, venue }], symbols, clock: opts.clock, logger: opts.logger });
    flattenOrders += result.orders;
    leftovers.push(...result.leftovers.map((l) => ({ accountId: l.accountId, symbol: l.symbol, size: l.size.toFixed(), reason: l.reason })));
  });
  opts.logger.warn({ component: 'desk', runs: stoppedRuns.length, orders: flattenOrders, leftovers: leftovers.length }, `flatten all: ${stoppedRuns.length} run(s) stopped, ${flattenOrders} closing order(s) sent`);
  return { stoppedRuns, accounts, flattenOrders, leftovers };
}

async function stopRuns(opts: DeskStopOptions, flatten: boolean): Promise<string[]> {
  const active = opts.engine.listRuns().filter((r) => ACTIVE.has(r.status) && !r.interrupted);
  const reason = flatten ? 'flatten all' : 'stop all';
  const results = await Promise.allSettled(active.map((r) => opts.engine.stopRun(r.id, { flatten, reason })));
  results.forEach((r, i) => {
    if (r.status === 'rejected') opts.logger.error({ component: 'desk', runId: active[i]!.id, err: r.reason }, `${reason}: the run could not be stopped`);
  });
  return active.filter((_, i) => results[i]!.status === 'fulfilled').map((r) => r.id);
}

async function eachAccount(opts: DeskStopOptions, work: (venue: Venue, account: Account) => Promise<void>): Promise<DeskStopResult['accounts']> {
  return Promise.all(
    opts.accounts().map(async (account) => {
      try {
        await work(await opts.engine.venues.venueFor(account), account);
        return { accountId: account.id, label: account.label, ok: true, error: null };
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        opts.logger.warn({ component: 'desk', account: account.id, err }, `account ${account.label}: ${error}`);
        return { accountId: account.id, label: account.label, ok: false, error };
      }
    }),
  );
}
