import { join } from 'node:path';
import type { AppInfo } from '../../shared/schemas/app';
import type { LogLevel } from '../../shared/schemas/log';
import { systemClock } from './clock';
import type { DesktopHost } from './desktop-host';
import { createDispatcher, type Dispatch } from './dispatcher';
import { createEngine } from './engine/create-engine';
import type { Engine } from './engine/engine';
import { closePaperVenues } from './engine/paper-venues';
import { EventHub } from './event-hub';
import { createHandlers } from './handlers';
import { LogHub } from './log/log-hub';
import { AccountDetails } from './portfolio/account-detail';
import { PortfolioService } from './portfolio/portfolio-service';
import { createLogger, type Logger } from './log/logger';
import { Redactor } from './log/redactor';
import { createHttpDispatcher } from './notify/http-dispatcher';
import { createWsAgentFor, type WsAgentFor } from './notify/ws-proxy-agent';
import { NotificationCenter } from './notify/notification-center';
import { RemoteChannels } from './notify/remote-channels';
import { engineRunLabel } from './notify/run-label';
import { EnvSecretStore, secretsFromEnvEnabled } from './secrets/env-secret-store';
import { KeytarSecretStore } from './secrets/keytar-secret-store';
import { keychainProxyCredentials, moveProxyCredentialsToKeychain } from './secrets/proxy-credentials';
import type { SecretStore } from './secrets/secret-store';
import { registryDemo, seedDemoWorkspace } from './demo-workspace';
import { builtInMarketCatalog } from './markets/built-in-market-catalog';
import { AccountsRepository } from './store/accounts-repository';
import { CoinListsRepository } from './store/coin-lists-repository';
import { openDatabase } from './store/database';
import { SettingsRepository } from './store/settings-repository';

/** How to start the core. */
export interface CoreOptions {
  /** Where the database and logs live (Electron userData, `~/.hedgedesk` or `--data-dir`). */
  dataDir: string;
  runtime: AppInfo['runtime'];
  appVersion: string;
  electronVersion?: string | null;
  /** Environment to read `HEDGEDESK_SECRETS_FROM_ENV` and env secrets from; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Keychain service name; tests use their own so they never touch the user's. */
  keychainService?: string;
  logLevel?: LogLevel;
  /** Print log lines at or above this level to stderr (CLI). */
  consoleLevel?: LogLevel;
  /** Telegram Bot API base URL (default https://api.telegram.org); tests use a loopback server. */
  telegramBaseUrl?: string;
  /**
   * On a brand-new database, create the demo workspace (three paper Lighter
   * accounts and a coin list, demo-workspace.ts). The desktop app and
   * `hedgedesk serve` opt in; tests never do.
   */
  demoWorkspace?: boolean;
  /** The Electron shell's windows, native notifications and file manager; absent headless. */
  desktopHost?: DesktopHost;
}

/** The running core: one dispatcher, one event bus, one logger, one database. */
export interface Core {
  dispatch: Dispatch;
  events: EventHub;
  logger: Logger;
  secrets: SecretStore;
  engine: Engine;
  /** Every account live and the net exposure per symbol (dashboard, notification rules). */
  portfolio: PortfolioService;
  databasePath: string;
  /** Stops runs (resumable), the paper simulator, notifications; closes the database and flushes the log. */
  close(): Promise<void>;
}

/**
 * Starts the core the same way under Electron, `hedgedesk serve` and tests:
 * opens and migrates the database, picks the secret store (the keychain, or
 * env variables when opted in), builds handlers and the dispatcher.
 * @throws StoreError when the database is damaged or newer than this app.
 */
export function createCore(opts: CoreOptions): Core {
  const env = opts.env ?? process.env;
  const redactor = new Redactor();
  const logHub = new LogHub();
  const events = new EventHub();
  logHub.subscribe((line) => events.emit('log.line', line));
  const log = createLogger({
    level: opts.logLevel ?? 'info',
    redactor,
    hub: logHub,
    logDir: join(opts.dataDir, 'logs'),
    consoleLevel: opts.consoleLevel,
  });
  const databasePath = join(opts.dataDir, 'hedgedesk.db');
  let opened;
  try {
    opened = openDatabase(databasePath);
  } catch (err) {
    log.logger.fatal({ component: 'store', err }, (err as Error).message);
    void log.close();
    throw err;
  }
  const { db, schemaVersion, applied } = opened;
  if (applied.length > 0) log.logger.info({ component: 'store', applied }, `database migrated to schema ${schemaVersion}`);
  if (opts.demoWorkspace && applied.includes(1)) {
    try {
      const demo = registryDemo();
      if (demo) seedDemoWorkspace({ db, accounts: new AccountsRepository(db), coinLists: new CoinListsRepository(db), demo, logger: log.logger });
    } catch (err) {
      log.logger.warn({ component: 'core', err }, `demo workspace not created: ${(err as Error).message}`);
    }
  }
  const secrets: SecretStore = secretsFromEnvEnabled(env)
    ? new EnvSecretStore(env, redactor)
    : new KeytarSecretStore(redactor, opts.keychainService);
  const settings = new SettingsRepository(db);
  const startup = settings.get();
  // The proxy's credentials live in the keychain; an older install's URL with a password in SQLite is moved there.
  const proxyCredentials = keychainProxyCredentials(secrets, log.logger);
  moveProxyCredentialsToKeychain({ db, settings, secrets, logger: log.logger }).catch((err: unknown) =>
    log.logger.warn({ component: 'secrets' }, `the proxy password stays in the settings: ${(err as Error).message}`),
  );
  let http;
  let wsAgentFor: WsAgentFor;
  try {
    http = createHttpDispatcher({ proxyUrl: startup.proxyUrl, credentials: proxyCredentials });
    wsAgentFor = createWsAgentFor({ proxyUrl: startup.proxyUrl, credentials: proxyCredentials });
  } catch (err) {
    log.logger.warn({ component: 'core' }, `${(err as Error).message}; using the environment's proxy settings`);
    http = createHttpDispatcher();
    wsAgentFor = createWsAgentFor();
  }
  // Telegram and Lark follow the settings live (chat id, proxy); secrets are read per message.
  const remote = new RemoteChannels({ settings: () => settings.get(), secrets, redactor, logger: log.logger, clock: systemClock, telegramBaseUrl: opts.telegramBaseUrl, env });
  const notifications = new NotificationCenter({
    settings: () => settings.get(),
    desktop: (n) => {
      events.emit('notify.desktop', n);
      opts.desktopHost?.showNotification(n);
    },
    remote,
    clock: systemClock,
    logger: log.logger,
    runLabel: (runId) => engineRunLabel(engine, runId),
  });
  const notifyTicker = setInterval(() => notifications.tick(), 1_000);
  notifyTicker.unref();
  const engine = createEngine({ db, secrets, logger: log.logger, notifier: notifications.strategyNotifier(), dataDir: opts.dataDir, dispatcher: http, wsAgentFor });
  engine.onEvent((event) => events.emit('run.event', event));
  engine.onEvent((event) => notifications.onRunEvent(event));
  const portfolio = new PortfolioService({
    accounts: new AccountsRepository(db),
    venues: engine.venues,
    thresholdUsdc: () => settings.get().exposureThresholdUsdc,
    clock: systemClock,
    logger: log.logger,
  });
  portfolio.onChange((snapshot) => events.emit('portfolio.changed', snapshot));
  portfolio.onChange((snapshot) => notifications.onPortfolio(snapshot));
  events.subscribe((name) => {
    if (name === 'accounts.changed' || name === 'settings.changed') portfolio.reload();
  });
  const handlers = createHandlers({
    accounts: new AccountsRepository(db),
    coinLists: new CoinListsRepository(db),
    markets: builtInMarketCatalog((venue) => engine.venues.liveMarkets?.(venue) ?? Promise.resolve(null)),
    settings,
    engine,
    portfolio,
    accountDetails: new AccountDetails({ portfolio, db, runs: () => engine.listRuns() }),
    secrets,
    events,
    logHub,
    logger: log.logger,
    redactor,
    telegramBaseUrl: opts.telegramBaseUrl,
    desktopHost: opts.desktopHost,
    appInfo: {
      name: 'HedgeDesk',
      version: opts.appVersion,
      runtime: opts.runtime,
      platform: `${process.platform}-${process.arch}`,
      nodeVersion: process.versions.node,
      electronVersion: opts.electronVersion ?? null,
      dataDir: opts.dataDir,
      databasePath,
      schemaVersion,
    },
  });
  log.logger.info({ component: 'core', runtime: opts.runtime, secrets: secrets.backend }, `HedgeDesk ${opts.appVersion} core started`);
  portfolio.start();
  return {
    dispatch: createDispatcher(handlers, log.logger, redactor),
    events,
    logger: log.logger,
    secrets,
    engine,
    portfolio,
    databasePath,
    close: async () => {
      await portfolio.close();
      await engine.close();
      await closePaperVenues();
      clearInterval(notifyTicker);
      await remote.close(5_000);
      await http.close();
      db.close();
      await log.close();
    },
  };
}
