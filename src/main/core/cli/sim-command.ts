import { parseArgs } from 'node:util';
import { STANDARD_TIER } from '../sim/lighter/rate-limiter';
import { startLighterSim } from '../sim/lighter/lighter-sim';
import type { CliCommand } from './command';
import { parsePort, stopOnSignals } from './flags';
import { UsageError } from './usage-error';

function parseCount(flag: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > max) throw new UsageError(`${flag}: "${value}" is not a whole number 0–${max}`);
  return n;
}

/** `hedgedesk sim <venue>`: a venue simulator on loopback (only `lighter` so far). */
export const simCommand: CliCommand = {
  summary: 'Run a venue simulator (lighter) on 127.0.0.1 for paper trading and client tests.',
  help: `  hedgedesk sim lighter [options]
  --port N          Port to listen on (default 0: a free one).
  --markets FILE    A full orderBookDetails JSON response to load (default: ETH, BTC, SOL and
                    other main markets with their real specs).
  --seed S          Seed of the simulated prices and liquidity (default 1).
  --accounts N      Accounts to open at start (default 3).
  --collateral USDC Collateral of each of them (default 10000).
  --rate-limit N    Requests per rolling minute per account/IP (default 60, Lighter's standard
                    tier; 0 = unlimited).
  --no-liquidity    No market-maker ladders (empty books).
  Prints the REST URL, the WebSocket URL and the account indexes, then serves until Ctrl+C.
  Lighter's REST API is under /api/v1/, its WebSocket at /stream. Admin routes for tests and
  paper mode only, same port: POST /admin/accounts {collateral, l1_address?},
  POST /admin/accounts/{index}/collateral {amount}, POST|DELETE /admin/faults, POST /admin/mid
  {market_id, price}, GET /admin/state (see src/main/core/sim/README.md).`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        port: { type: 'string' },
        markets: { type: 'string' },
        seed: { type: 'string' },
        accounts: { type: 'string' },
        collateral: { type: 'string' },
        'rate-limit': { type: 'string' },
        'no-liquidity': { type: 'boolean', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
    const [venue, ...extra] = positionals;
    if (venue === undefined) throw new UsageError('sim: which venue? (supported: lighter)');
    if (venue !== 'lighter') throw new UsageError(`sim: no simulator for venue "${venue}" (supported: lighter)`);
    if (extra.length > 0) throw new UsageError(`sim: unexpected argument "${extra[0]}"`);
    const collateral = values.collateral ?? '10000';
    if (!/^\d+(\.\d{1,6})?$/.test(collateral)) throw new UsageError(`--collateral: "${collateral}" is not a USDC amount`);
    const perMinute = parseCount('--rate-limit', values['rate-limit'], STANDARD_TIER.limit, 1_000_000);
    const sim = await startLighterSim({
      port: parsePort(values.port, 0),
      markets: values.markets,
      seed: parseCount('--seed', values.seed, 1, 2 ** 32 - 1),
      accounts: parseCount('--accounts', values.accounts, 3, 1000),
      collateral,
      liquidity: !values['no-liquidity'],
      rateLimit: perMinute === 0 ? false : { limit: perMinute, windowMs: STANDARD_TIER.windowMs },
    });
    process.stdout.write(`lighter simulator listening on ${sim.url}\n`);
    process.stdout.write(`websocket: ${sim.wsUrl}\n`);
    process.stdout.write(`accounts: ${sim.accounts.join(' ')}\n`);
    stopOnSignals(() => sim.close());
  },
};
