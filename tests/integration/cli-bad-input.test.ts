/**
 * Bad input to `hedgedesk run …`: every case is refused with an error naming
 * the field or flag, before any account is created or any key moved.
 */
import Database from 'better-sqlite3';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';
import { fastConfig } from './tri-hedge-harness';

const ACCOUNTS = ['Maker', 'Hedge-A', 'Hedge-B'].map((label, i) => ({ label, api_private_key: '...', account_address: `0x${String(i + 1).repeat(40)}` }));

describe('hedgedesk run refuses bad input by name, before writing anything', () => {
  let dir: ReturnType<typeof tempDir>;
  let data: string;
  beforeEach(() => {
    dir = tempDir();
    data = join(dir.path, 'data');
  });
  afterEach(() => dir.remove());

  /** Accounts stored in the data dir (0 when no database was created). */
  const accountCount = (): number => {
    const file = join(data, 'hedgedesk.db');
    if (!existsSync(file)) return 0;
    const db = new Database(file, { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };
  const writeConfig = (config: unknown, raw?: Buffer) => {
    const file = join(dir.path, 'tri_hedge.json');
    writeFileSync(file, raw ?? JSON.stringify(config));
    return file;
  };
  const triHedge = (config: unknown, raw?: Buffer) => runCli(['run', 'tri-hedge-hold', '--config', writeConfig(config, raw), '--paper', '--on-restart', 'flatten', '--data-dir', data]);

  it('entry_price_offset_bps: 1e6 is refused (a slice that far from the touch never fills), with the bound', () => {
    const r = triHedge({ ...fastConfig({ entry_price_offset_bps: 1e6 }), accounts: ACCOUNTS });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('entry_price_offset_bps: must be within ±500 bps');
    expect(accountCount()).toBe(0);
  });

  it('a target whose slices exceed the venue order cap is refused up front, naming the coin', () => {
    const r = triHedge({ ...fastConfig({ coinlist: [{ symbol: 'ETH', target_notional: 1e12, slice_count: 2 }] }), accounts: ACCOUNTS });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/coinlist\.0\.target_notional: a slice of 500000000000 USDC is above the largest order of [\d.]+ USDC on ETH/);
    expect(accountCount()).toBe(0);
  });

  it('a target no account has the collateral for fails before the first order, naming the field and the amounts', () => {
    const r = triHedge({ ...fastConfig({ coinlist: [{ symbol: 'ETH', target_notional: 2_000_000, slice_notional: 5_000 }] }), accounts: ACCOUNTS });
    expect(r.code).toBe(1);
    expect(`${r.stdout}${r.stderr}`).toMatch(/coinlist\.0\.target_notional: 2000000 USDC of ETH needs at least 40000 USDC of available collateral/);
    expect(r.stdout).not.toMatch(/entering \[/);
  });

  it('a maker quantity no account has the collateral for fails before the first order, naming quantity', () => {
    const r = runCli(['run', 'maker-taker-hedge', '--market', 'ETH', '--quantity', '1000', '--quantity-unit', 'base', '--paper', '--on-restart', 'flatten', '--data-dir', data]);
    expect(r.code).toBe(1);
    expect(`${r.stdout}${r.stderr}`).toMatch(/quantity: 1000 ETH \(about [\d.]+ USDC\) needs at least [\d.]+ USDC of available collateral/);
    expect(r.stdout).not.toMatch(/refused/);
  });

  it('an unknown symbol is refused before any account is created', () => {
    const r = triHedge({ ...fastConfig({ coinlist: [{ symbol: 'NOPE', target_notional: 60, slice_notional: 30 }] }), accounts: ACCOUNTS });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('coinlist.0.symbol: unknown symbol "NOPE"');
    expect(accountCount()).toBe(0);
  });

  it('accounts created for a run the engine then refuses (here: a live account it cannot open) are removed again', () => {
    const accounts = [{ ...ACCOUNTS[0], paper: true }, { ...ACCOUNTS[1], paper: true }, { label: 'Live-C', account_index: 7, base_url: 'http://127.0.0.1:9' }];
    const r = runCli(['run', 'tri-hedge-hold', '--config', writeConfig({ ...fastConfig(), accounts }), '--on-restart', 'flatten', '--data-dir', data]);
    expect(r.code).toBe(1);
    expect(accountCount()).toBe(0);
  });

  it('a label with an escape sequence is refused, and the error shows the escape instead of obeying it', () => {
    const r = triHedge({ ...fastConfig(), accounts: [{ ...ACCOUNTS[0], label: 'Maker\u001b[2J' }, ...ACCOUNTS.slice(1)] });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('accounts.0.label: must not contain control characters');
    expect(r.stderr).not.toContain('\u001b');
    expect(accountCount()).toBe(0);
  });

  it('a config with invalid UTF-8 (a label) is refused naming the line, not stored as replacement characters', () => {
    const json = JSON.stringify({ ...fastConfig(), accounts: ACCOUNTS }, null, 1).replace('"Maker"', '"Mak\u0001er"');
    const bytes = Buffer.from(json, 'utf8');
    bytes[bytes.indexOf(0x01)] = 0xff;
    const r = triHedge(null, bytes);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/tri_hedge\.json is not valid UTF-8 \(line \d+\)/);
    expect(accountCount()).toBe(0);
  });

  it('a malformed --redis URL is refused at parse time, naming the flag', () => {
    for (const url of ['redis//127.0.0.1:6379', 'redis://127.0.0.1:99999/0', 'redis://127.0.0.1:6379/db']) {
      const r = runCli(['run', 'maker-taker-hedge', '--market', 'ETH', '--quantity', '100', '--redis', url, '--paper', '--data-dir', data]);
      expect(r.code, url).toBe(1);
      expect(r.stderr, url).toMatch(/--redis: (must be a redis|is not a valid URL|has a database)/);
    }
    expect(accountCount()).toBe(0);
  });

  it('a control character in an account flag is refused, naming the flag', () => {
    const r = runCli(['run', 'maker-taker-hedge', '--market', 'ETH', '--quantity', '100', '--account-a', 'A\u001b[2J', '--paper', '--data-dir', data]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--account-a: must not contain control characters');
    expect(accountCount()).toBe(0);
  });

  it('--margin 1e3 is a number; a ticker no venue lists is refused before the paper accounts are created', () => {
    const r = runCli(['run', 'cross-venue-hedge', '--ticker', 'NOPE', '--margin', '1e3', '--hold-time', '1', '--paper', '--on-restart', 'flatten', '--data-dir', data]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('--margin');
    expect(r.stderr).toContain('ticker: unknown symbol "NOPE"');
    expect(accountCount()).toBe(0);
    const bad = runCli(['run', 'cross-venue-hedge', '--ticker', 'ETH', '--margin', '1e3x', '--paper', '--data-dir', data]);
    expect(bad.stderr).toContain('--margin: "1e3x" is not a number');
  });
});
