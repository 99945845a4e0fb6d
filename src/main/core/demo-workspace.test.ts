import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/helpers/temp-dir';
import { checkCoins } from './coin-lists/coin-list-checks';
import { registryDemo, seedDemoWorkspace } from './demo-workspace';
import { createLogger } from './log/logger';
import { LogHub } from './log/log-hub';
import { Redactor } from './log/redactor';
import { AccountsRepository } from './store/accounts-repository';
import { CoinListsRepository } from './store/coin-lists-repository';
import { openDatabase } from './store/database';

describe('demo workspace on a real SQLite file', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it('writes three paper Lighter accounts and a coin list that passes the Lighter specs', async () => {
    const { db } = openDatabase(join(dir.path, 'hedgedesk.db'));
    const hub = new LogHub();
    const lines: string[] = [];
    hub.subscribe((line) => lines.push(line.msg));
    const log = createLogger({ level: 'info', redactor: new Redactor(), hub });
    const accounts = new AccountsRepository(db);
    const coinLists = new CoinListsRepository(db);
    const demo = registryDemo()!;
    expect(demo.markets.venue).toBe('lighter');
    seedDemoWorkspace({ db, accounts, coinLists, demo, logger: log.logger });
    const byLabel = accounts.list().sort((a, b) => a.label.localeCompare(b.label));
    expect(byLabel.map((a) => [a.label, a.venue, a.mode, a.identifiers])).toEqual([
      ['Demo A', 'lighter', 'paper', { apiKeyIndex: 4 }],
      ['Demo B', 'lighter', 'paper', { apiKeyIndex: 5 }],
      ['Demo C', 'lighter', 'paper', { apiKeyIndex: 6 }],
    ]);
    expect(coinLists.list().map((l) => [l.name, l.coins.map((c) => c.symbol)])).toEqual([['Demo majors', ['ETH', 'BTC', 'SOL']]]);
    expect(checkCoins(demo.workspace.coinList.coins, demo.markets)).toEqual({ issues: [], warnings: [] });
    expect(lines).toContain('demo workspace created: paper accounts Demo A, Demo B, Demo C; coin list "Demo majors"');

    // A second seed clashes on the labels: refused as a whole, nothing half-written.
    expect(() => seedDemoWorkspace({ db, accounts, coinLists, demo, logger: log.logger })).toThrowError(expect.objectContaining({ code: 'CONFLICT' }));
    expect(accounts.list()).toHaveLength(3);
    expect(coinLists.list()).toHaveLength(1);
    db.close();
    await log.close();
  });
});
