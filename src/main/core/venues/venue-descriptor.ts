import type { Dispatcher } from 'undici';
import type { Account } from '../../../shared/schemas/account';
import type { CoinListCreate } from '../../../shared/schemas/coin-lists';
import type { Venue as VenueId } from '../../../shared/schemas/venues';
import type { Clock } from '../clock';
import type { AccountVenueSettings } from '../engine/account-venue-settings';
import type { Logger } from '../log/logger';
import type { CatalogMarkets } from '../markets/market-catalog';
import type { WsAgentFor } from '../notify/ws-proxy-agent';
import type { SecretStore } from '../secrets/secret-store';
import type { Venue } from './venue';

/** What opening a venue client needs besides the account (live or paper). */
export interface VenueOpenDeps {
  secrets: SecretStore;
  /** Clock of the venue client (signatures, auth tokens, timeouts): the wall clock in the app. */
  clock: Clock;
  logger: Logger;
  /** Outbound HTTP dispatcher (proxy); live venues only. */
  dispatcher?: Dispatcher;
  /** WebSocket agents (proxy tunnels) for stream URLs; live venues only. */
  wsAgentFor?: WsAgentFor;
  /** HedgeDesk's data directory (e.g. where Lighter's official signer is searched). */
  dataDir?: string;
  /** The venue client's own timing options (tests shorten reconnect backoffs); the venue's folder knows the shape. */
  timing?: unknown;
  /** The account's venue settings, resolved by {@link VenueTrading.resolveLiveSettings} (live) or as given (paper). */
  settings?: AccountVenueSettings;
}

/** What a paper venue's `venueFor` needs besides the account. */
export interface PaperVenueDeps {
  clock: Clock;
  logger: Logger;
  /** Where an external simulator's admin token (`simAdminToken`) is read from. */
  secrets?: SecretStore;
  /** The venue client's own timing options (see {@link VenueOpenDeps.timing}). */
  timing?: unknown;
}

/**
 * Paper trading on one venue: paper accounts trade on a simulator (the
 * built-in one, or an external `hedgedesk sim <venue>`) through the real
 * venue client.
 */
export interface PaperVenues {
  /**
   * A client (not yet connected) for a paper account of this venue; opens and
   * funds its simulator account on first use.
   * @throws TypeError for an account that is not a paper account of this venue; PaperSimulatorError and state file errors (see the venue's implementation).
   */
  venueFor(account: Account, deps: PaperVenueDeps): Promise<Venue>;
  /** Stops the built-in simulator (if started), which writes its state a last time. */
  close(): Promise<void>;
}

/** How accounts of a venue that can trade are opened. */
export interface VenueTrading {
  /**
   * A client (not yet connected) for a live account: keys from the secret
   * store, the venue's mainnet unless `deps.settings` name another base URL.
   * @throws MissingSecretError, TypeError for missing identifiers, typed VenueErrors.
   */
  live(account: Account, deps: VenueOpenDeps): Promise<Venue>;
  /** The process's paper venues for a data directory (one built-in simulator per data directory, state under `<dataDir>/paper`). */
  paper(dataDir?: string): PaperVenues;
  /** Stops every process-wide paper venue of this venue (of every data directory). */
  closePaper(): Promise<void>;
  /** A live account's settings with every default written out (base URL, chain id, tier…), so what is stored is what was used. */
  resolveLiveSettings(given: AccountVenueSettings): AccountVenueSettings;
}

/** `hedgedesk sim <venue>`: the venue's simulator on loopback. */
export interface SimCommand {
  /** Options block for `hedgedesk --help` (already indented, starts with `hedgedesk sim <venue>`). */
  help: string;
  /**
   * Starts the simulator with the parsed flags and serves until SIGINT/SIGTERM.
   * @throws UsageError naming the flag for bad input.
   */
  run(flags: SimFlags): Promise<void>;
}

/** The flags `hedgedesk sim` parses for every venue (each venue says which it accepts), all as typed. */
export interface SimFlags {
  port?: string;
  host?: string;
  markets?: string;
  seed?: string;
  accounts?: string;
  /** USDC, checked to be a decimal with at most 6 places. */
  collateral: string;
  'rate-limit'?: string;
  'no-liquidity'?: boolean;
  /** Checked: at least 16 characters, no spaces. */
  adminToken: string;
  'state-dir'?: string;
}

/**
 * The demo workspace a brand-new database gets (desktop app, `hedgedesk
 * serve`) so that Start works before any key is entered: paper accounts of
 * the venue (no secrets) and a coin list that must pass its market specs.
 */
export interface DemoWorkspace {
  accounts: readonly { label: string; identifiers: Record<string, string | number> }[];
  coinList: Omit<CoinListCreate, 'venue'>;
}

/**
 * Everything HedgeDesk knows about one venue, exported by the venue's folder
 * (`venues/<venue>/descriptor.ts`) and listed once in the registry
 * (`venues/venue-registry.ts`). The engine, CLI, handlers, market catalog and
 * demo workspace iterate the registry instead of naming venues. Account
 * identifier and secret fields are in `shared/schemas/venues.ts`
 * (`VENUE_FIELDS`), shared with the renderer.
 */
export interface VenueDescriptor {
  id: VenueId;
  /** How its accounts trade; null = it cannot trade yet (accounts are refused up front). */
  trading: VenueTrading | null;
  /** `hedgedesk sim <venue>`; null = no simulator yet. */
  sim: SimCommand | null;
  /**
   * The market specs known without an account (the recorded specs its simulator ships, read from committed files); null = none in this build.
   * @throws Error when the committed specs do not parse (a broken build).
   */
  marketSpecs: (() => CatalogMarkets) | null;
  /** Warnings for a run about to start, given its accounts of this venue (e.g. Lighter accounts that would cancel each other's orders as self-trades); absent = none. */
  runWarnings?: (accounts: readonly Account[]) => string[];
  /** The demo workspace on this venue; the first venue of the registry with one (and market specs) seeds it. */
  demo: DemoWorkspace | null;
}
