import type { Database } from 'better-sqlite3';
import type { CoinListCreate } from '../../shared/schemas/coin-lists';
import { checkCoins } from './coin-lists/coin-list-checks';
import type { Logger } from './log/logger';
import type { CatalogMarkets } from './markets/market-catalog';
import type { AccountsRepository } from './store/accounts-repository';
import type { CoinListsRepository } from './store/coin-lists-repository';

/** The demo's three paper Lighter accounts (roles A, B, C of tri-hedge-hold), with API key indexes 4–6 (0–3 are Lighter's own). */
export const DEMO_ACCOUNTS = [
  { label: 'Demo A', apiKeyIndex: 4 },
  { label: 'Demo B', apiKeyIndex: 5 },
  { label: 'Demo C', apiKeyIndex: 6 },
] as const;

/**
 * The demo's coin list: Lighter majors with targets a paper account
 * (10 000 USDC) carries easily, above each market's minimum order in every
 * slice, and a short hold so a first run finishes in minutes.
 */
export const DEMO_COIN_LIST: CoinListCreate = {
  name: 'Demo majors',
  venue: 'lighter',
  coins: [
    { symbol: 'ETH', targetNotional: '200', sliceCount: 4, holdMinutes: 2 },
    { symbol: 'BTC', targetNotional: '200', sliceCount: 4, holdMinutes: 2 },
    { symbol: 'SOL', targetNotional: '100', sliceCount: 2, holdMinutes: 2 },
  ],
};

/** What {@link seedDemoWorkspace} writes into. */
export interface DemoWorkspaceTarget {
  /** The database the repositories write to (the demo is written in one transaction). */
  db: Database;
  accounts: AccountsRepository;
  coinLists: CoinListsRepository;
  /** Lighter's market specs, to check the demo list against (it is never saved failing them). */
  lighterMarkets: CatalogMarkets;
  logger: Logger;
}

/**
 * Fills a brand-new database with the demo workspace of the design (three
 * paper Lighter accounts and a coin list), so that Start works before any key
 * is entered. Called only for a database this process has just created, and
 * only when the caller opted in (the desktop app and `hedgedesk serve`;
 * never tests). Paper accounts hold no secrets.
 * @throws Error when the demo list fails the Lighter market specs (a broken build) or a write fails; nothing is written.
 */
export function seedDemoWorkspace(target: DemoWorkspaceTarget): void {
  const { issues } = checkCoins(DEMO_COIN_LIST.coins, target.lighterMarkets);
  if (issues.length > 0) throw new Error(`demo coin list fails the Lighter specs: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  target.db.transaction(() => {
    for (const a of DEMO_ACCOUNTS) {
      target.accounts.create({ venue: 'lighter', label: a.label, mode: 'paper', identifiers: { apiKeyIndex: a.apiKeyIndex } });
    }
    target.coinLists.create(DEMO_COIN_LIST);
  })();
  target.logger.info({ component: 'core' }, `demo workspace created: paper accounts ${DEMO_ACCOUNTS.map((a) => a.label).join(', ')}; coin list "${DEMO_COIN_LIST.name}"`);
}
