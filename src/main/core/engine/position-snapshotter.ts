import Decimal from 'decimal.js';
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import type { RunSamplesRepository } from '../store/run-samples-repository';
import type { Position, Venue } from '../venues/venue';

/** A stored snapshot is repeated at least this often even when nothing changed, ms. */
const KEEPALIVE_MS = 60_000;

/** Options of {@link snapshotPositions}. */
export interface SnapshotOptions {
  runId: string;
  accounts: readonly { accountId: string; venue: Venue }[];
  /** Symbols whose positions are kept (the run's). */
  symbols: ReadonlySet<string>;
  samples: RunSamplesRepository;
  clock: Clock;
  logger: Logger;
  /** Period, ms of clock time (the strategy's REST reconcile period). */
  intervalMs: number;
  signal: AbortSignal;
  /** Called with every account's full position list after each successful read. */
  onSnapshot(accountId: string, positions: Position[]): void;
}

const same = (a: Position, b: Position) => a.size.eq(b.size) && a.entryPrice.eq(b.entryPrice);

/**
 * Reads every account's positions over REST each `intervalMs` until the
 * signal aborts, hands them to `onSnapshot` (the strategy's reconciliation)
 * and stores a snapshot of the run's symbols whenever a position changed (or
 * a minute passed). A failed read is logged and retried next period.
 * Resolves when aborted.
 */
export async function snapshotPositions(opts: SnapshotOptions): Promise<void> {
  const last = new Map<string, { position: Position; at: number }>();
  while (!opts.signal.aborted) {
    for (const { accountId, venue } of opts.accounts) {
      if (opts.signal.aborted) return;
      try {
        const positions = await venue.positions();
        opts.onSnapshot(accountId, positions);
        const at = Math.floor(opts.clock.now());
        const seen = new Set<string>();
        for (const p of positions) {
          if (!opts.symbols.has(p.symbol)) continue;
          seen.add(p.symbol);
          const key = `${accountId}\u0000${p.symbol}`;
          const prev = last.get(key);
          if (!prev || !same(prev.position, p) || at - prev.at >= KEEPALIVE_MS) {
            opts.samples.addPositionSnapshot(opts.runId, accountId, p, at);
            last.set(key, { position: p, at });
          }
        }
        for (const [key, prev] of last) {
          const [acc, symbol] = key.split('\u0000') as [string, string];
          if (acc !== accountId || seen.has(symbol) || prev.position.size.isZero()) continue;
          const flat = { ...prev.position, size: new Decimal(0), unrealizedPnl: new Decimal(0) };
          opts.samples.addPositionSnapshot(opts.runId, accountId, flat, at);
          last.set(key, { position: flat, at });
        }
      } catch (err) {
        opts.logger.warn({ component: 'engine.snapshots', account: accountId, err: (err as Error).message }, 'position snapshot failed; retrying next period');
      }
    }
    await opts.clock.sleep(opts.intervalMs, opts.signal).catch(() => undefined);
  }
}
