import type { Dispatcher } from 'undici';
import type { WsAgentFor } from '../notify/ws-proxy-agent';
import type { Account } from '../../../shared/schemas/account';
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import type { SecretStore } from '../secrets/secret-store';
import type { LighterTiming } from '../venues/lighter/lighter-venue';
import type { ParadexTiming } from '../venues/paradex/paradex-venue';
import type { Venue } from '../venues/venue';
import { resolveVenueSettings, type AccountVenueSettings } from './account-venue-settings';
import { liveLighterVenue } from './live-lighter';
import { liveParadexVenue } from './live-paradex';
import { processPaperLighter, type PaperLighter } from './paper-lighter';
import { processPaperParadex, type PaperParadex } from './paper-paradex';

/** From a stored account to a connected venue client. */
export interface VenueProvider {
  /**
   * The connected venue of an account, one per account for the process
   * (shared by runs). `settings` (base URL, chain id, tier, signer folder…)
   * apply to live accounts the first time they connect.
   * @throws MissingSecretError, SignerUnavailableError, typed VenueErrors, or Error for an unsupported venue.
   */
  venueFor(account: Account, settings?: AccountVenueSettings): Promise<Venue>;
  /** Closes every venue it opened (not the paper simulator). */
  close(): Promise<void>;
}

/** Construction of the default {@link VenueProvider}. */
export interface VenueProviderOptions {
  secrets: SecretStore;
  /** Clock of the venue clients (signatures, auth tokens, timeouts): the wall clock in the app. */
  clock: Clock;
  logger: Logger;
  /** Paper trading; default the process's one for `dataDir` (state under `<dataDir>/paper`). */
  paper?: PaperLighter;
  /** Paper trading on Paradex; default the process's one for `dataDir`. */
  paperParadex?: PaperParadex;
  /** Outbound HTTP dispatcher (proxy) for live venues. */
  dispatcher?: Dispatcher;
  /** WebSocket agents (proxy tunnels) for live venues' streams. */
  wsAgentFor?: WsAgentFor;
  /** HedgeDesk's data directory (signer search; paper simulator state under `paper/`). */
  dataDir?: string;
  /** Lighter client timing (tests shorten reconnect backoffs). */
  lighterTiming?: LighterTiming;
  /** Paradex client timing (tests shorten reconnect backoffs). */
  paradexTiming?: ParadexTiming;
}

/**
 * Paper Lighter accounts → the built-in simulator ({@link PaperLighter});
 * live Lighter accounts → Lighter mainnet with the official signer
 * ({@link liveLighterVenue}). Paper Paradex accounts → the built-in Paradex
 * simulator ({@link PaperParadex}); live Paradex accounts → Paradex mainnet
 * with the L2 key from the secret store ({@link liveParadexVenue}), both
 * unless the settings name another base URL. Other venues (Backpack, Aster) are not
 * supported yet. Venues are cached per account, mode, identifiers and
 * resolved settings (defaults written out, so no settings and the default
 * ones share a client); a failed connect is not cached.
 */
export function createVenueProvider(opts: VenueProviderOptions): VenueProvider {
  const venues = new Map<string, Promise<Venue>>();
  const paper = opts.paper ?? processPaperLighter(opts.dataDir);
  const open = async (account: Account, settings?: AccountVenueSettings): Promise<Venue> => {
    if (account.venue === 'paradex') {
      const venue =
        account.mode === 'paper'
          ? await (opts.paperParadex ?? processPaperParadex(opts.dataDir)).venueFor(account, { clock: opts.clock, logger: opts.logger, secrets: opts.secrets, timing: opts.paradexTiming })
          : await liveParadexVenue(account, { secrets: opts.secrets, clock: opts.clock, logger: opts.logger, dispatcher: opts.dispatcher, wsAgentFor: opts.wsAgentFor, timing: opts.paradexTiming, overrides: settings });
      await venue.connect();
      return venue;
    }
    if (account.venue !== 'lighter') throw new Error(`${account.venue} accounts cannot trade yet: only Lighter and Paradex are supported`);
    const venue =
      account.mode === 'paper'
        ? await paper.venueFor(account, { clock: opts.clock, logger: opts.logger, secrets: opts.secrets, timing: opts.lighterTiming })
        : await liveLighterVenue(account, {
            secrets: opts.secrets,
            clock: opts.clock,
            logger: opts.logger,
            dispatcher: opts.dispatcher,
            wsAgentFor: opts.wsAgentFor,
            dataDir: opts.dataDir,
            timing: opts.lighterTiming,
            overrides: settings,
          });
    await venue.connect();
    return venue;
  };
  return {
    venueFor(account, settings) {
      // One client per account and resolved settings: a run opened on another base URL (its stored
      // settings) never gets the client someone else opened with the defaults, and vice versa.
      const resolved = resolveVenueSettings(account, settings);
      const key = `${account.id}|${account.mode}|${JSON.stringify(account.identifiers)}|${JSON.stringify(resolved)}`;
      let venue = venues.get(key);
      if (!venue) {
        venue = open(account, resolved);
        venues.set(key, venue);
        venue.catch(() => venues.delete(key));
      }
      return venue;
    },
    async close() {
      const all = [...venues.values()];
      venues.clear();
      await Promise.all(all.map(async (v) => (await v.catch(() => null))?.close()));
    },
  };
}
