/**
 * `npm run bench` (second part): Tri-Hedge Hold numbers on the built-in
 * Lighter simulator over loopback.
 * 1. Maker fill → hedge latency: from the moment a primary's fill reaches the
 *    engine (recorded in SQLite, then queued for the strategy) until every
 *    hedge leg for it was accepted by the venue (signed, sent, answered),
 *    p50 / p95 / p99 over a run with many slices. The simulator's market is
 *    moved through each resting slice so the run yields many fills quickly.
 * 2. The wall time of `npm run demo` (a child process, start to exit).
 * Prints a table; binds 127.0.0.1 only.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { systemClock, type Clock } from '../src/main/core/clock';
import { eventsOf, fastConfig, startWorld } from '../tests/integration/tri-hedge-harness';
import { percentile } from './order-round-trips';

/** The wall clock with sub-millisecond resolution, for latencies. */
const fineClock: Clock = { now: () => performance.timeOrigin + performance.now(), sleep: systemClock.sleep };

async function hedgeLatency(): Promise<{ samples: number[]; seconds: number; fills: number }> {
  const world = await startWorld({ clock: fineClock, seed: 5 });
  try {
    const started = Date.now();
    const config = fastConfig({
      hold_minutes: 0.02,
      slice_delay_seconds: 0.02,
      slice_delay_jitter_seconds: 0.02,
      coinlist: [
        { symbol: 'ETH', target_notional: 900, slice_notional: 30 },
        { symbol: 'BTC', target_notional: 900, slice_notional: 30 },
      ],
    });
    const runId = await world.engine.startRun({ strategy: 'tri-hedge-hold', config, accountIds: world.accounts.map((a) => a.id) });
    const view = await world.engine.waitForEnd(runId);
    if (view.status !== 'stopped') throw new Error(`bench run ${view.status}: ${view.error ?? view.stopReason}`);
    const samples = eventsOf(world.events, 'hedge', runId)
      .filter((h) => h.forFillId !== null && h.latencyMs !== null)
      .map((h) => h.latencyMs!)
      .sort((a, b) => a - b);
    const fills = eventsOf(world.events, 'fill', runId).length;
    return { samples, seconds: (Date.now() - started) / 1000, fills };
  } finally {
    await world.close();
  }
}

function demoWallTime(): { seconds: number; code: number | null } {
  const started = Date.now();
  const r = spawnSync(process.execPath, ['-r', 'tsx/cjs', join(__dirname, '..', 'scripts', 'demo.ts')], { encoding: 'utf8', timeout: 180_000 });
  return { seconds: (Date.now() - started) / 1000, code: r.status };
}

async function main(): Promise<void> {
  const latency = await hedgeLatency();
  const demo = demoWallTime();
  const s = latency.samples;
  const ms = (v: number) => `${v.toFixed(2)} ms`;
  const lines = [
    `node ${process.versions.node}, tri-hedge-hold on the Lighter simulator (loopback)`,
    `maker fill → hedge legs accepted: n=${s.length} p50=${ms(percentile(s, 50))}  p95=${ms(percentile(s, 95))}  p99=${ms(percentile(s, 99))}  max=${ms(s.at(-1) ?? NaN)}`,
    `  (run of ${latency.fills} fills in ${latency.seconds.toFixed(1)} s)`,
    `npm run demo wall time:           ${demo.seconds.toFixed(1)} s (exit ${demo.code})`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  if (demo.code !== 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${String(err instanceof Error ? err.stack : err)}\n`);
  process.exit(1);
});
