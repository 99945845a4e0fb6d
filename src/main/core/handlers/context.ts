import type { CommandName, ParsedRequestOf, ResponseOf } from '../../../shared/contract';
import type { AppInfo } from '../../../shared/schemas/app';
import type { DesktopHost } from '../desktop-host';
import type { Engine } from '../engine/engine';
import type { EventHub } from '../event-hub';
import type { LogHub } from '../log/log-hub';
import type { Logger } from '../log/logger';
import type { AccountDetails } from '../portfolio/account-detail';
import type { PortfolioService } from '../portfolio/portfolio-service';
import type { Redactor } from '../log/redactor';
import type { SecretStore } from '../secrets/secret-store';
import type { MarketCatalog } from '../markets/market-catalog';
import type { AccountsRepository } from '../store/accounts-repository';
import type { CoinListsRepository } from '../store/coin-lists-repository';
import type { SettingsRepository } from '../store/settings-repository';

/** What handlers work with: repositories, the secret store, the event bus, logs. */
export interface HandlerContext {
  accounts: AccountsRepository;
  settings: SettingsRepository;
  coinLists: CoinListsRepository;
  /** Every venue's market specs without an account (coin-list checks, symbol pickers). */
  markets: MarketCatalog;
  secrets: SecretStore;
  events: EventHub;
  /** Runs strategies. */
  engine: Engine;
  /** Every account live and the net exposure per symbol (dashboard). */
  portfolio: PortfolioService;
  /** One account's page: portfolio, open orders, recent fills, runs. */
  accountDetails: AccountDetails;
  logHub: LogHub;
  logger: Logger;
  redactor: Redactor;
  /** Telegram Bot API base URL; tests point it at a loopback server. */
  telegramBaseUrl?: string;
  /** The Electron shell's windows, notifications and file manager; absent headless. */
  desktopHost?: DesktopHost;
  /** App facts that do not change while running (everything but keychain state). */
  appInfo: Omit<AppInfo, 'secrets'>;
}

/** A handler: validated request in, response out (checked again against the contract). */
export type Handler<N extends CommandName> = (request: ParsedRequestOf<N>) => Promise<ResponseOf<N>> | ResponseOf<N>;

/** One handler per command of the contract. */
export type Handlers = { [N in CommandName]: Handler<N> };
