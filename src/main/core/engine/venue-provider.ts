import type { Dispatcher } from 'undici';
import type { WsAgentFor } from '../notify/ws-proxy-agent';
import type { Account } from '../../../shared/schemas/account';
import type { Venue as VenueId } from '../../../shared/schemas/venues';
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import type { SecretStore } from '../secrets/secret-store';
import type { PaperVenues } from '../venues/venue-descriptor';
import { venueTrading } from '../venues/venue-registry';
import type { Market, Venue } from '../venues/venue';
import { resolveVenueSettings, type AccountVenueSettings } from './account-venue-settings';

/** From a stored account to a connected venue client. */
export interface VenueProvider {
  /**
   * The connected venue of an account, one per account for the process
   * (shared by runs). `settings` (base URL, chain id, tier, signer folder…)
   * apply to live accounts the first time they connect.
   * @throws MissingSecretError, SignerUnavailableError, typed VenueErrors, or VenueCannotTradeError for a venue that cannot trade yet.
   */
  venueFor(account: Account, settings?: AccountVenueSettings): Promise<Venue>;
  /**
   * The markets of a connected live account of `venue` (the first one that
   * connected; a connect still pending is not waited for), or null when no
   * live account of it is connected: the live
   * specs the market catalog prefers over the recorded ones. Paper accounts
   * do not count (their simulator serves the recorded specs).
   */
  liveMarkets?(venue: VenueId): Promise<readonly Market[] | null>;
  /** Closes every venue it opened (not the paper simulator). */
  close(): Promise<void>;
}

/** Construction of the default {@link VenueProvider}. */
export interface VenueProviderOptions {
  secrets: SecretStore;
  /** Clock of the venue clients (signatures, auth tokens, timeouts): the wall clock in the app. */
  clock: Clock;
  logger: Logger;
  /** Per venue, the paper venues its paper accounts trade on; default the process's one for `dataDir` (state under `<dataDir>/paper`). */
  paper?: Partial<Record<VenueId, PaperVenues>>;
  /** Outbound HTTP dispatcher (proxy) for live venues. */
  dispatcher?: Dispatcher;
  /** WebSocket agents (proxy tunnels) for live venues' streams. */
  wsAgentFor?: WsAgentFor;
  /** HedgeDesk's data directory (signer search; paper simulator state under `paper/`). */
  dataDir?: string;
  /** Per venue, its client's timing options (tests shorten reconnect backoffs); the venue's folder knows the shape. */
  timing?: Partial<Record<VenueId, unknown>>;
}

/**
 * Opens accounts through the venue registry: a paper account on its venue's
 * paper venues (the built-in simulator or an external `hedgedesk sim
 * <venue>`), a live account with its venue's live client factory (mainnet
 * unless the settings name another base URL). A venue that cannot trade yet
 * is refused with VenueCannotTradeError. Venues are cached per account, mode,
 * identifiers and resolved settings (defaults written out, so no settings
 * and the default ones share a client); a failed connect is not cached.
 */
export function createVenueProvider(opts: VenueProviderOptions): VenueProvider {
  const venues = new Map<string, Promise<Venue>>();
  /** The live clients that connected, by cache key (a pending connect is never waited for). */
  const live = new Map<string, { venue: VenueId; client: Venue }>();
  const open = async (account: Account, settings: AccountVenueSettings): Promise<Venue> => {
    const trading = venueTrading(account.venue);
    const timing = opts.timing?.[account.venue];
    const venue =
      account.mode === 'paper'
        ? await (opts.paper?.[account.venue] ?? trading.paper(opts.dataDir)).venueFor(account, { clock: opts.clock, logger: opts.logger, secrets: opts.secrets, timing })
        : await trading.live(account, {
            secrets: opts.secrets,
            clock: opts.clock,
            logger: opts.logger,
            dispatcher: opts.dispatcher,
            wsAgentFor: opts.wsAgentFor,
            dataDir: opts.dataDir,
            timing,
            settings,
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
        venue.then(
          (client) => {
            if (account.mode === 'live' && venues.get(key) === venue) live.set(key, { venue: account.venue, client });
          },
          () => venues.delete(key),
        );
      }
      return venue;
    },
    async liveMarkets(venue) {
      const entry = [...live.values()].find((e) => e.venue === venue);
      return entry ? entry.client.markets() : null;
    },
    async close() {
      const all = [...venues.values()];
      venues.clear();
      live.clear();
      await Promise.all(all.map(async (v) => (await v.catch(() => null))?.close()));
    },
  };
}
