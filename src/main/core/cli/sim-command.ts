import { parseArgs } from 'node:util';
import { isLoopbackHost } from '../server/loopback';
import { STANDARD_TIER } from '../sim/lighter/rate-limiter';
import { startLighterSim } from '../sim/lighter/lighter-sim';
import { startParadexSim } from '../sim/paradex/paradex-sim';
import { simKeyPair } from '../sim/paradex/sim-keys';
import { ADMIN_TOKEN_ENV, assertAdminToken, generateAdminToken } from '../sim/server/admin-token';
import type { CliCommand } from './command';
import { parsePort, stopOnSignals } from './flags';
import { UsageError } from './usage-error';

/**
 * The admin token: `--admin-token`, else `$HEDGEDESK_SIM_ADMIN_TOKEN`, else a new random one.
 * @throws UsageError naming the flag or variable for a token shorter than 16 characters or with spaces.
 */
function adminTokenOf(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  const [token, source] = flag !== undefined ? [flag, '--admin-token'] : env[ADMIN_TOKEN_ENV] ? [env[ADMIN_TOKEN_ENV], ADMIN_TOKEN_ENV] : [generateAdminToken(), ''];
  try {
    assertAdminToken(token, source);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return token;
}

function parseCount(flag: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > max) throw new UsageError(`${flag}: "${value}" is not a whole number 0–${max}`);
  return n;
}

/** `hedgedesk sim <venue>`: a venue simulator on loopback (`lighter` or `paradex`). */
export const simCommand: CliCommand = {
  summary: 'Run a venue simulator (lighter, paradex) on 127.0.0.1 for paper trading and client tests.',
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
  --admin-token T   Token the admin routes require as "Authorization: Bearer T" (at least 16
                    characters; default: $HEDGEDESK_SIM_ADMIN_TOKEN, else a random one).
  --state-dir DIR   Keep the simulator's state (accounts, positions, open orders, fills, id
                    counters, prices) in DIR and restore it at start, so the venue survives a
                    restart; one simulator per DIR. Default: in memory only.
  Prints the REST URL, the WebSocket URL, the admin token and the account indexes, then serves
  until Ctrl+C.
  Lighter's REST API is under /api/v1/, its WebSocket at /stream. Admin routes for tests and
  paper mode only, same port: POST /admin/accounts {collateral, l1_address?},
  POST /admin/accounts/{index}/collateral {amount}, POST|DELETE /admin/faults, POST /admin/mid
  {market_id, price}, GET /admin/state (see src/main/core/sim/README.md).

  hedgedesk sim paradex [options]
  --port N, --host H, --seed S, --markets FILE (a /markets JSON response), --no-liquidity,
  --admin-token T, --state-dir DIR as above
  --accounts N      Accounts to open at start, with STARK keys derived from the seed (default 2).
  --collateral USDC Collateral of each of them (default 10000).
  --rate-limit 0    Do not apply Paradex's published rate limits (applied by default).
  Prints the REST URL (API under /v1), the WebSocket URL (/v1), the admin token and one line per account with
  its address and (sim-only, not secret) private key. Auth and orders need StarkNet signatures
  by the registered key. Admin: POST /admin/accounts {public_key, collateral},
  POST /admin/accounts/{address}/deposit {amount}, POST /admin/mid {market, price},
  POST|DELETE /admin/faults, GET /admin/state.`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        markets: { type: 'string' },
        seed: { type: 'string' },
        accounts: { type: 'string' },
        collateral: { type: 'string' },
        'rate-limit': { type: 'string' },
        'no-liquidity': { type: 'boolean', default: false },
        'admin-token': { type: 'string' },
        'state-dir': { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
    const [venue, ...extra] = positionals;
    if (venue === undefined) throw new UsageError('sim: which venue? (supported: lighter, paradex)');
    if (venue !== 'lighter' && venue !== 'paradex') throw new UsageError(`sim: no simulator for venue "${venue}" (supported: lighter, paradex)`);
    if (extra.length > 0) throw new UsageError(`sim: unexpected argument "${extra[0]}"`);
    const collateral = values.collateral ?? '10000';
    if (!/^\d+(\.\d{1,6})?$/.test(collateral)) throw new UsageError(`--collateral: "${collateral}" is not a USDC amount`);
    const adminToken = adminTokenOf(values['admin-token'], process.env);
    if (values['state-dir'] === '') throw new UsageError('--state-dir: give a directory');
    if (venue === 'paradex') return runParadexSim(values, collateral, adminToken);
    if (values.host !== undefined) throw new UsageError('--host: only for paradex (the lighter simulator binds 127.0.0.1)');
    const perMinute = parseCount('--rate-limit', values['rate-limit'], STANDARD_TIER.limit, 1_000_000);
    const sim = await startLighterSim({
      port: parsePort(values.port, 0),
      markets: values.markets,
      seed: parseCount('--seed', values.seed, 1, 2 ** 32 - 1),
      accounts: parseCount('--accounts', values.accounts, 3, 1000),
      collateral,
      liquidity: !values['no-liquidity'],
      rateLimit: perMinute === 0 ? false : { limit: perMinute, windowMs: STANDARD_TIER.windowMs },
      adminToken,
      stateDir: values['state-dir'],
    });
    process.stdout.write(`lighter simulator listening on ${sim.url}\n`);
    process.stdout.write(`websocket: ${sim.wsUrl}\n`);
    process.stdout.write(`admin token: ${sim.adminToken}\n`);
    process.stdout.write(`accounts: ${sim.accounts.join(' ')}\n`);
    stopOnSignals(() => sim.close());
  },
};

/**
 * `hedgedesk sim paradex`: starts the Paradex simulator, opens `--accounts` accounts with keys
 * derived from the seed (already there on a restored `--state-dir`), prints the URL line first,
 * then serves until SIGINT/SIGTERM.
 * @throws UsageError for bad flags.
 */
async function runParadexSim(
  values: { port?: string; host?: string; markets?: string; seed?: string; accounts?: string; 'rate-limit'?: string; 'no-liquidity'?: boolean; 'state-dir'?: string },
  collateral: string,
  adminToken: string,
): Promise<void> {
  const rateLimit = values['rate-limit'];
  if (rateLimit !== undefined && rateLimit !== '0') throw new UsageError(`--rate-limit: "${rateLimit}" — for paradex only 0 (off) is accepted; Paradex's published limits apply otherwise`);
  const seed = parseCount('--seed', values.seed, 1, 2 ** 32 - 1);
  const count = parseCount('--accounts', values.accounts, 2, 100);
  if (values.host !== undefined && !isLoopbackHost(values.host)) throw new UsageError(`--host: "${values.host}" is not a loopback address (the simulator binds 127.0.0.1, ::1 or localhost only)`);
  const sim = await startParadexSim({
    port: parsePort(values.port, 0),
    host: values.host,
    markets: values.markets,
    seed,
    liquidity: !values['no-liquidity'],
    rateLimit: rateLimit !== '0',
    adminToken,
    stateDir: values['state-dir'],
  });
  const accounts = Array.from({ length: count }, (_, i) => {
    const keys = simKeyPair(seed, i);
    return { ...keys, address: sim.admin.createAccount({ publicKey: keys.publicKey, collateral }).address };
  });
  process.stdout.write(`paradex simulator listening on ${sim.url}\n`);
  process.stdout.write(`websocket: ${sim.wsUrl}\n`);
  process.stdout.write(`admin token: ${sim.adminToken}\n`);
  for (const a of accounts) process.stdout.write(`account: ${a.address} private key ${a.privateKey}\n`);
  stopOnSignals(() => sim.close());
}
