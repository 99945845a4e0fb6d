/**
 * The faults of the drill, one by one, each in its own world (fresh
 * simulators, data dir and accounts). A fault returns when it is over
 * (every app process of it stopped); the runner then reads the venues and
 * SQLite. `from` is where the "time until covered" is measured from: the
 * injection, or for a kill -9 the restart.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DrillWorld, WorldOptions } from './drill-world';
import { nakedNow, pause, pushPricesDown, restingSlice, runEnds, startRun, stopRun, watchUntilCovered, type OnRestart } from './fault-steps';
import { ServeClient } from './serve-client';
import { crossVenueConfig, triHedgeConfig } from './strategy-configs';

/** What a fault reports back to the runner. */
export interface FaultOutcome {
  /** Start of the measured window, Unix ms. */
  from: number;
  /** Whether `hedgedesk serve` answered every liveness check (null: no serve in this fault). */
  serveAlive: boolean | null;
  /** Anything the table's reader should know (a trigger that did not happen, an app that had to be killed). */
  notes: string[];
}

/** One fault of the drill. */
export interface Fault {
  /** The table's first column. */
  name: string;
  /** The world it runs in. */
  world: WorldOptions;
  run(world: DrillWorld): Promise<FaultOutcome>;
}

const TRI_ACCOUNTS = [
  { label: 'Drill A', venue: 'lighter' as const },
  { label: 'Drill B', venue: 'lighter' as const },
  { label: 'Drill C', venue: 'lighter' as const },
];
const CROSS_ACCOUNTS = [
  { label: 'Drill A', venue: 'lighter' as const },
  { label: 'Drill P', venue: 'paradex' as const },
];

/** Window after an injection: at least 3 s, until covered for a second, at most 20 s. */
const WATCH = { minMs: 3_000, maxMs: 20_000 };

/** Stops the app, noting it when it had to be killed. */
async function stopNoting(app: Parameters<typeof stopRun>[0], notes: string[]): Promise<void> {
  if (app.exitStatus) return;
  if (!(await stopRun(app))) notes.push(`${app.name} did not stop within 30 s of Ctrl-C (killed)`);
}

/** How long the restarted process took to take up the run (part of the time measured from the restart). */
function bootNote(restartedAt: number): string {
  return `the restarted app took up the run ${((Date.now() - restartedAt) / 1000).toFixed(1)} s after it was started`;
}

/** kill -9 while an entry slice rests; the price trades through it while the app is down; restart with `--on-restart`. */
function killMidSlice(onRestart: OnRestart): Fault {
  return {
    name: `kill -9 mid-slice, then ${onRestart}`,
    world: { lighter: { rateLimit: 0 }, accounts: TRI_ACCOUNTS },
    async run(world) {
      const notes: string[] = [];
      const config = triHedgeConfig(world.accounts, 'resting');
      const app = await startRun(world, 'tri-hedge-hold', config);
      if (!(await restingSlice(world, 30_000))) notes.push('no entry slice rested within 30 s');
      await app.kill9();
      await pushPricesDown(world);
      await pause(1_500);
      const from = Date.now();
      const again = await startRun(world, 'tri-hedge-hold', config, onRestart);
      notes.push(bootNote(from));
      await watchUntilCovered(world, from, WATCH);
      await stopNoting(again, notes);
      return { from, serveAlive: null, notes };
    },
  };
}

/** kill -9 while a maker fill waits for its hedge (hedge legs held back by 429s); restart with resume. */
const killMidHedge: Fault = {
  name: 'kill -9 mid-hedge, then resume',
  world: { lighter: { rateLimit: 0 }, accounts: TRI_ACCOUNTS },
  async run(world) {
    const notes: string[] = [];
    const config = triHedgeConfig(world.accounts, 'resting');
    const app = await startRun(world, 'tri-hedge-hold', config);
    if (!(await restingSlice(world, 30_000))) notes.push('no entry slice rested within 30 s');
    await world.lighter!.faults({ rate_limit: { count: 40 } });
    await pushPricesDown(world);
    if (!(await nakedNow(world, 5_000))) notes.push('the venue never showed the fill unhedged: killed after the hedge');
    await app.kill9();
    await world.lighter!.clearFaults();
    await pause(1_000);
    const from = Date.now();
    const again = await startRun(world, 'tri-hedge-hold', config, 'resume');
    notes.push(bootNote(from));
    await watchUntilCovered(world, from, WATCH);
    await stopNoting(again, notes);
    return { from, serveAlive: null, notes };
  },
};

/** A tri-hedge run to its end; both simulators restart (state kept); a cross-venue run in the same data dir on the same Lighter account. */
const secondRun: Fault = {
  name: 'second run in the same data dir',
  world: { lighter: { rateLimit: 0 }, paradex: true, accounts: [...CROSS_ACCOUNTS, { label: 'Drill B', venue: 'lighter' }, { label: 'Drill C', venue: 'lighter' }] },
  async run(world) {
    const notes: string[] = [];
    const first = await startRun(world, 'tri-hedge-hold', triHedgeConfig(world.accounts, 'crossing'));
    if (!(await runEnds(first, 90_000))) {
      notes.push('the first run did not end within 90 s (stopped)');
      await stopNoting(first, notes);
    }
    await world.restartSim('lighter');
    await world.restartSim('paradex');
    const from = Date.now();
    const second = await startRun(world, 'cross-venue-hedge', crossVenueConfig(world.accounts));
    // One cycle: open both legs, hold 6 s, close; then stop.
    await pause(12_000);
    await stopNoting(second, notes);
    return { from, serveAlive: null, notes };
  },
};

/**
 * Three WebSocket drops, each while an entry slice rests and at the moment the
 * price trades through it: the fill happens while the app's streams reconnect.
 */
const wsDrop: Fault = {
  name: 'WebSocket drop (×3) at a fill',
  world: { lighter: { rateLimit: 0 }, accounts: TRI_ACCOUNTS },
  async run(world) {
    const notes: string[] = [];
    const app = await startRun(world, 'tri-hedge-hold', triHedgeConfig(world.accounts, 'resting'));
    let from: number | null = null;
    for (let i = 0; i < 3 && !app.exitStatus; i++) {
      if (!(await restingSlice(world, 20_000))) {
        notes.push(`no entry slice rested for drop ${i + 1} within 20 s`);
        break;
      }
      from ??= Date.now();
      await world.lighter!.faults({ drop_ws: true });
      await pushPricesDown(world);
      await pause(3_000);
    }
    from ??= Date.now();
    await watchUntilCovered(world, from, WATCH);
    await stopNoting(app, notes);
    return { from, serveAlive: null, notes };
  },
};

/** A counted fault armed while an entry slice rests, then the price trades through the slice. */
function atMakerFill(name: string, spec: Record<string, unknown>, world: WorldOptions = { lighter: { rateLimit: 0 }, accounts: TRI_ACCOUNTS }): Fault {
  return {
    name,
    world,
    async run(w) {
      const notes: string[] = [];
      const app = await startRun(w, 'tri-hedge-hold', triHedgeConfig(w.accounts, 'resting'));
      if (!(await restingSlice(w, 30_000))) notes.push('no entry slice rested within 30 s');
      await w.lighter!.faults(spec);
      const from = Date.now();
      await pushPricesDown(w);
      await watchUntilCovered(w, from, WATCH);
      await stopNoting(app, notes);
      return { from, serveAlive: null, notes };
    },
  };
}

/** A fault armed for a whole crossing tri-hedge run. */
function wholeRun(name: string, spec: Record<string, unknown>, world: WorldOptions, configOver: Record<string, unknown> = {}): Fault {
  return {
    name,
    world,
    async run(w) {
      const notes: string[] = [];
      await w.lighter!.faults(spec);
      const from = Date.now();
      const app = await startRun(w, 'tri-hedge-hold', triHedgeConfig(w.accounts, 'crossing', configOver));
      if (!(await runEnds(app, 75_000))) notes.push('run did not end within 75 s (stopped)');
      await stopNoting(app, notes);
      return { from, serveAlive: null, notes };
    },
  };
}

/** Waits (at most 30 s) until both cross-venue legs show on the venues (Paradex and Lighter positions); notes it when they do not. */
async function crossLegsOpen(world: DrillWorld, notes: string[]): Promise<void> {
  const open = await world.truth.waitUntil((_, t) => (t.latest.get('paradex')?.positions.length ?? 0) > 0 && (t.latest.get('lighter')?.positions.length ?? 0) > 0, 30_000);
  if (!open) notes.push('the legs did not open within 30 s');
}

/** Every JWT expires (and new ones last 3 s) while both cross-venue legs are open; the close needs fresh tokens. */
const jwtExpiry: Fault = {
  name: 'Paradex JWT expiry',
  world: { lighter: { rateLimit: 0 }, paradex: true, accounts: CROSS_ACCOUNTS },
  async run(world) {
    const notes: string[] = [];
    const app = await startRun(world, 'cross-venue-hedge', crossVenueConfig(world.accounts, { hold_time: 8 }));
    await crossLegsOpen(world, notes);
    const from = Date.now();
    await world.paradex!.faults({ expire_jwts: true, jwt_ttl_ms: 3_000 });
    // The hold ends 8 s after the open: both legs close with expired tokens.
    await pause(12_000);
    await stopNoting(app, notes);
    return { from, serveAlive: null, notes };
  },
};

/** A Paradex fault armed 0.8 s before a cross-venue cycle closes its legs (hold 6 s), so the close meets it. */
function paradexAtClose(name: string, spec: Record<string, unknown>): Fault {
  return {
    name,
    world: { lighter: { rateLimit: 0 }, paradex: true, accounts: CROSS_ACCOUNTS },
    async run(world) {
      const notes: string[] = [];
      const holdSeconds = 6;
      const app = await startRun(world, 'cross-venue-hedge', crossVenueConfig(world.accounts, { hold_time: holdSeconds, cooldown: 30 }));
      await crossLegsOpen(world, notes);
      await pause(holdSeconds * 1000 - 800);
      const from = Date.now();
      await world.paradex!.faults(spec);
      const closed = await world.truth.waitUntil((_, t) => (t.latest.get('paradex')?.positions.length ?? 1) === 0 && (t.latest.get('lighter')?.positions.length ?? 1) === 0, 20_000);
      if (!closed) notes.push('the legs were not both closed within 20 s of the fault');
      await pause(1_000);
      await stopNoting(app, notes);
      return { from, serveAlive: null, notes };
    },
  };
}

/** `hedgedesk serve` runs a crossing tri-hedge run; a 2 MiB frame arrives mid-run; serve must keep answering and the run keep hedging. */
const hugeFrame: Fault = {
  name: '2 MiB frame to serve',
  world: { lighter: { rateLimit: 0 }, accounts: TRI_ACCOUNTS },
  async run(world) {
    const notes: string[] = [];
    if (!existsSync(join(__dirname, '..', 'out', 'renderer', 'index.html'))) throw new Error('hedgedesk serve needs the built UI: run "npm run build" first');
    const serve = world.startApp(['serve', '--port', '0']);
    const m = await serve.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+)/, 60_000);
    const port = Number(m[1]);
    const token = decodeURIComponent(m[2]!);
    const client = await ServeClient.connect(port, token, 5_000);
    if (!client) throw new Error('could not connect to hedgedesk serve');
    /** A new connection answers `runs.list` within 2 s. */
    const probe = async (): Promise<boolean> => {
      if (serve.exitStatus) return false;
      const c = await ServeClient.connect(port, token, 2_000);
      const ok = (await c?.invoke('runs.list', {}, 2_000))?.ok === true;
      c?.close();
      return ok;
    };
    try {
      const config = triHedgeConfig(world.accounts, 'crossing');
      delete config.accounts;
      const started = await client.invoke('runs.start', { strategy: 'tri-hedge-hold', config, accountIds: world.accounts.map((a) => a.id) }, 60_000);
      if (!started?.ok) throw new Error(`runs.start: ${started ? JSON.stringify(started.error) : 'no answer'}`);
      const { runId } = started.data as { runId: string };
      await pause(1_500);
      const from = Date.now();
      const attacker = await ServeClient.connect(port, token, 5_000);
      attacker?.sendRaw('a'.repeat(2 * 1024 * 1024));
      let alive = true;
      const deadline = Date.now() + 75_000;
      for (;;) {
        alive &&= await probe();
        if (!alive || Date.now() > deadline) break;
        const run = await client.invoke('runs.get', { runId }, 2_000);
        const status = run?.ok ? (run.data as { status: string }).status : null;
        if (status === 'stopped' || status === 'failed') break;
        await pause(500);
      }
      if (Date.now() > deadline) notes.push('run did not end within 75 s (stopped)');
      attacker?.close();
      if (!serve.exitStatus) await client.invoke('runs.stop', { runId, flatten: false }, 30_000);
      if (!alive) notes.push(serve.exitStatus ? `serve exited (${serve.exitStatus.code ?? serve.exitStatus.signal}) after the frame` : 'serve stopped answering after the frame');
      await serve.stop(20_000);
      return { from, serveAlive: alive, notes };
    } finally {
      client.close();
    }
  },
};

/** Every fault, in the order of the table. */
export const FAULTS: Fault[] = [
  killMidSlice('resume'),
  killMidSlice('flatten'),
  killMidHedge,
  secondRun,
  wsDrop,
  atMakerFill('429 burst (60 × HTTP 429)', { rate_limit: { count: 60 } }),
  atMakerFill('invalid nonce (×3)', { invalid_nonce: { count: 3 } }),
  wholeRun('slow acks (1.5 s)', { ack_delay_ms: 1_500 }, { lighter: { rateLimit: 0 }, accounts: TRI_ACCOUNTS }),
  wholeRun('partial fills 0.3, standard tier (60/min)', { fill_fraction: 0.3 }, { lighter: { rateLimit: 60 }, accounts: TRI_ACCOUNTS }, { coinlist: [{ symbol: 'ETH', target_notional: 100, slice_notional: 50 }] }),
  atMakerFill('margin rejection (21739)', { reject_orders: { count: 1, code: 21739 } }),
  jwtExpiry,
  paradexAtClose('Paradex WebSocket drop at the close', { drop_ws: true }),
  paradexAtClose('Paradex 429 burst (20) at the close', { rate_limit: { count: 20 } }),
  hugeFrame,
];
