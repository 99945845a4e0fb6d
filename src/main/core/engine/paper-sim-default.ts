import { isSimulatorUrl, type Venue } from '../../../shared/schemas/venues';
import { ADMIN_TOKEN_ENV } from '../sim/server/admin-token';
import { PaperSimulatorError } from './external-sim-admin';

/**
 * The environment variable that sends every paper account of a venue without
 * its own `simUrl` to an external simulator (`hedgedesk sim <venue>`) instead
 * of the built-in one — for headless servers, CI and fault drills where the
 * venue must outlive the app: `HEDGEDESK_PAPER_<VENUE>_SIM`, e.g.
 * `HEDGEDESK_PAPER_LIGHTER_SIM`.
 */
export function paperSimEnv(venue: Venue): string {
  return `HEDGEDESK_PAPER_${venue.toUpperCase()}_SIM`;
}

/** The admin token used with those simulators (the variable `hedgedesk sim` reads its token from too). */
export const PAPER_SIM_TOKEN_ENV = ADMIN_TOKEN_ENV;

/** An external simulator paper accounts use by default: its URL and admin token (null when not given). */
export interface DefaultPaperSim {
  url: string;
  adminToken: string | null;
}

/**
 * The default external simulator of `venue` from the environment, or null
 * when its variable is not set.
 * @throws PaperSimulatorError naming the variable when it is not a `hedgedesk sim` URL.
 */
export function defaultPaperSim(venue: Venue, env: NodeJS.ProcessEnv): DefaultPaperSim | null {
  const variable = paperSimEnv(venue);
  const url = env[variable];
  if (url === undefined || url === '') return null;
  if (!isSimulatorUrl(url)) throw new PaperSimulatorError(`${variable}: "${url}" is not the http://127.0.0.1:<port> URL a \`hedgedesk sim ${venue}\` printed`);
  return { url: url.replace(/\/$/, ''), adminToken: env[PAPER_SIM_TOKEN_ENV] || null };
}
