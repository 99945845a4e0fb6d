import { parseCount, parsePort, stopOnSignals } from '../../cli/flags';
import { UsageError } from '../../cli/usage-error';
import { isLoopbackHost } from '../../server/loopback';
import type { SimCommand } from '../../venues/venue-descriptor';
import { startParadexSim } from './paradex-sim';
import { simKeyPair } from './sim-keys';

/**
 * `hedgedesk sim paradex`: starts the Paradex simulator, opens `--accounts` accounts with keys
 * derived from the seed (already there on a restored `--state-dir`), prints the URL line first,
 * then serves until SIGINT/SIGTERM.
 */
export const paradexSimCommand: SimCommand = {
  help: `  hedgedesk sim paradex [options]
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
  async run(values) {
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
      adminToken: values.adminToken,
      stateDir: values['state-dir'],
    });
    const accounts = Array.from({ length: count }, (_, i) => {
      const keys = simKeyPair(seed, i);
      return { ...keys, address: sim.admin.createAccount({ publicKey: keys.publicKey, collateral: values.collateral }).address };
    });
    process.stdout.write(`paradex simulator listening on ${sim.url}\n`);
    process.stdout.write(`websocket: ${sim.wsUrl}\n`);
    process.stdout.write(`admin token: ${sim.adminToken}\n`);
    for (const a of accounts) process.stdout.write(`account: ${a.address} private key ${a.privateKey}\n`);
    stopOnSignals(() => sim.close());
  },
};
