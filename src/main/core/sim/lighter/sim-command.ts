import { parseCount, parsePort, stopOnSignals } from '../../cli/flags';
import { UsageError } from '../../cli/usage-error';
import type { SimCommand } from '../../venues/venue-descriptor';
import { startLighterSim } from './lighter-sim';
import { STANDARD_TIER } from './rate-limiter';

/**
 * `hedgedesk sim lighter`: starts the Lighter simulator on 127.0.0.1, opens
 * `--accounts` accounts, prints the URL line first, then serves until
 * SIGINT/SIGTERM.
 */
export const lighterSimCommand: SimCommand = {
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
  {market_id, price}, GET /admin/state (see src/main/core/sim/README.md).`,
  async run(values) {
    if (values.host !== undefined) throw new UsageError('--host: only for paradex (the lighter simulator binds 127.0.0.1)');
    const perMinute = parseCount('--rate-limit', values['rate-limit'], STANDARD_TIER.limit, 1_000_000);
    const sim = await startLighterSim({
      port: parsePort(values.port, 0),
      markets: values.markets,
      seed: parseCount('--seed', values.seed, 1, 2 ** 32 - 1),
      accounts: parseCount('--accounts', values.accounts, 3, 1000),
      collateral: values.collateral,
      liquidity: !values['no-liquidity'],
      rateLimit: perMinute === 0 ? false : { limit: perMinute, windowMs: STANDARD_TIER.windowMs },
      adminToken: values.adminToken,
      stateDir: values['state-dir'],
    });
    process.stdout.write(`lighter simulator listening on ${sim.url}\n`);
    process.stdout.write(`websocket: ${sim.wsUrl}\n`);
    process.stdout.write(`admin token: ${sim.adminToken}\n`);
    process.stdout.write(`accounts: ${sim.accounts.join(' ')}\n`);
    stopOnSignals(() => sim.close());
  },
};
