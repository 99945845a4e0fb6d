import type { Database } from 'better-sqlite3';
import { VENUE_NAMES } from '../../shared/schemas/venues';
import { checkCoins } from './coin-lists/coin-list-checks';
import type { Logger } from './log/logger';
import type { CatalogMarkets } from './markets/market-catalog';
import type { AccountsRepository } from './store/accounts-repository';
import type { CoinListsRepository } from './store/coin-lists-repository';
import type { DemoWorkspace } from './venues/venue-descriptor';
import { venueDescriptors } from './venues/venue-registry';

/** A venue's demo workspace with the market specs its coin list is checked against. */
export interface VenueDemo {
  workspace: DemoWorkspace;
  /** The venue's market specs (the demo list is never saved failing them); its `venue` is where the demo accounts and list go. */
  markets: CatalogMarkets;
}

/**
 * The demo of the first venue of the registry that has one and market specs;
 * null when none has.
 * @throws Error when that venue's market specs cannot be loaded (a broken build).
 */
export function registryDemo(): VenueDemo | null {
  const d = venueDescriptors().find((v) => v.demo && v.marketSpecs);
  return d ? { workspace: d.demo!, markets: d.marketSpecs!() } : null;
}

/** What {@link seedDemoWorkspace} writes into. */
export interface DemoWorkspaceTarget {
  /** The database the repositories write to (the demo is written in one transaction). */
  db: Database;
  accounts: AccountsRepository;
  coinLists: CoinListsRepository;
  /** The demo to write (see {@link registryDemo}). */
  demo: VenueDemo;
  logger: Logger;
}

/**
 * Fills a brand-new database with a venue's demo workspace (paper accounts
 * and a coin list), so that Start works before any key is entered. Called
 * only for a database this process has just created, and only when the
 * caller opted in (the desktop app and `hedgedesk serve`; never tests).
 * Paper accounts hold no secrets.
 * @throws Error when the demo list fails the venue's market specs (a broken build) or a write fails; nothing is written.
 */
export function seedDemoWorkspace(target: DemoWorkspaceTarget): void {
  const { workspace, markets } = target.demo;
  const venue = markets.venue;
  const { issues } = checkCoins(workspace.coinList.coins, markets);
  if (issues.length > 0) throw new Error(`demo coin list fails the ${VENUE_NAMES[venue]} specs: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  target.db.transaction(() => {
    for (const a of workspace.accounts) target.accounts.create({ venue, label: a.label, mode: 'paper', identifiers: a.identifiers });
    target.coinLists.create({ ...workspace.coinList, venue });
  })();
  target.logger.info({ component: 'core' }, `demo workspace created: paper accounts ${workspace.accounts.map((a) => a.label).join(', ')}; coin list "${workspace.coinList.name}"`);
}
