import { parseArgs } from 'node:util';
import { ADMIN_TOKEN_ENV, assertAdminToken, generateAdminToken } from '../sim/server/admin-token';
import type { VenueDescriptor } from '../venues/venue-descriptor';
import { venueDescriptors } from '../venues/venue-registry';
import type { CliCommand } from './command';
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

/** The venues with a simulator, in registry order. */
function simulated(): (VenueDescriptor & { sim: NonNullable<VenueDescriptor['sim']> })[] {
  return venueDescriptors().filter((d): d is VenueDescriptor & { sim: NonNullable<VenueDescriptor['sim']> } => d.sim !== null);
}

const simVenues = simulated()
  .map((d) => d.id)
  .join(', ');

/** `hedgedesk sim <venue>`: a venue simulator on loopback, for every venue of the registry that has one. */
export const simCommand: CliCommand = {
  summary: `Run a venue simulator (${simVenues}) on 127.0.0.1 for paper trading and client tests.`,
  help: simulated()
    .map((d) => d.sim.help)
    .join('\n\n'),
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
    if (venue === undefined) throw new UsageError(`sim: which venue? (supported: ${simVenues})`);
    const descriptor = simulated().find((d) => d.id === venue);
    if (!descriptor) throw new UsageError(`sim: no simulator for venue "${venue}" (supported: ${simVenues})`);
    if (extra.length > 0) throw new UsageError(`sim: unexpected argument "${extra[0]}"`);
    const collateral = values.collateral ?? '10000';
    if (!/^\d+(\.\d{1,6})?$/.test(collateral)) throw new UsageError(`--collateral: "${collateral}" is not a USDC amount`);
    const adminToken = adminTokenOf(values['admin-token'], process.env);
    if (values['state-dir'] === '') throw new UsageError('--state-dir: give a directory');
    const { 'admin-token': _given, ...flags } = values;
    await descriptor.sim.run({ ...flags, collateral, adminToken });
  },
};
