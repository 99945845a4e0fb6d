import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetch } from 'undici';
import { ec } from 'starknet';
import { describe, expect, it } from 'vitest';
import { accountAddressOf } from './paradex/account-address';
import { SIM_SYSTEM_CONFIG } from './paradex/system-config';
import { login } from './paradex/testing';
import { authToken, createOrderInfo, postTx } from './lighter/testing';

const BIN = join(__dirname, '../../../../bin/hedgedesk.js');

/** Reads the child's stdout until `lines` lines arrived (bounded by `timeoutMs`). */
function firstLines(child: ReturnType<typeof spawn>, lines: number, timeoutMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no ${lines} lines within ${timeoutMs} ms: ${out}${err}`)), timeoutMs);
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const got = out.split('\n');
      if (got.length > lines) {
        clearTimeout(timer);
        resolve(got.slice(0, lines));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}: ${out}${err}`));
    });
  });
}

describe('hedgedesk sim', () => {
  it('`sim lighter --port 0` prints the URL line exactly, then the WS URL and the accounts, and serves until SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'sim', 'lighter', '--port', '0', '--accounts', '2', '--seed', '5'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const [first, second, third, fourth] = await firstLines(child, 4, 20_000);
      const m = /^lighter simulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(first!);
      expect(m, first).not.toBeNull();
      expect(second).toBe(`websocket: ws://127.0.0.1:${m![2]}/stream`);
      const token = /^admin token: ([A-Za-z0-9_-]{43})$/.exec(third!);
      expect(token, third).not.toBeNull();
      expect(fourth).toBe('accounts: 1000 1001');
      expect((await fetch(`${m![1]}/admin/state`)).status).toBe(401);
      expect((await fetch(`${m![1]}/admin/state`, { headers: { authorization: `Bearer ${token![1]}` } })).status).toBe(200);
      const status = await (await fetch(m![1]!)).json();
      expect(status).toMatchObject({ status: 200, network_id: 1 });
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });

  it('`sim paradex --port 0` prints the URL line exactly, then the WS URL and the accounts with keys that authenticate', async () => {
    const child = spawn(process.execPath, [BIN, 'sim', 'paradex', '--port', '0', '--accounts', '1', '--seed', '5', '--host', '127.0.0.1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, HEDGEDESK_SIM_ADMIN_TOKEN: 'token-from-the-environment' },
    });
    try {
      const [first, second, tokenLine, third] = await firstLines(child, 4, 20_000);
      const m = /^paradex simulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(first!);
      expect(m, first).not.toBeNull();
      expect(second).toBe(`websocket: ws://127.0.0.1:${m![2]}/v1`);
      expect(tokenLine).toBe('admin token: token-from-the-environment');
      expect((await fetch(`${m![1]}/admin/state`, { headers: { authorization: 'Bearer token-from-the-environment' } })).status).toBe(200);
      const account = /^account: (0x[0-9a-f]+) private key (0x[0-9a-f]+)$/.exec(third!);
      expect(account, third).not.toBeNull();
      const privateKey = account![2]!;
      const key = { privateKey, publicKey: ec.starkCurve.getStarkKey(privateKey), address: account![1]! };
      expect(accountAddressOf(key.publicKey, SIM_SYSTEM_CONFIG)).toBe(key.address);
      const jwt = await login(m![1]!, key, Date.now());
      const summary = (await (await fetch(`${m![1]}/v1/account`, { headers: { Authorization: `Bearer ${jwt}` } })).json()) as { account: string; account_value: string };
      expect(summary).toMatchObject({ account: key.address, account_value: '10000' });
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });

  it('refuses unknown venues and bad flags with a usage error (exit 2)', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, 'sim', ...args], { encoding: 'utf8', timeout: 20_000 });
    const unknown = run('hyperliquid');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('no simulator for venue "hyperliquid" (supported: lighter, paradex)');
    expect(run().stderr).toContain('which venue?');
    const publicHost = run('paradex', '--host', '0.0.0.0');
    expect(publicHost.status).toBe(2);
    expect(publicHost.stderr).toContain('--host: "0.0.0.0" is not a loopback address');
    const shortToken = run('lighter', '--admin-token', 'short');
    expect(shortToken.status).toBe(2);
    expect(shortToken.stderr).toContain('--admin-token: must be at least 16 characters');
  });

  it('`sim lighter --state-dir` keeps positions, open orders and id counters across a kill -9', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'hd-simcli-'));
    const token = 'drill-admin-token-0123456789';
    const startSim = async () => {
      const child = spawn(process.execPath, [BIN, 'sim', 'lighter', '--port', '0', '--accounts', '1', '--rate-limit', '0', '--admin-token', token, '--state-dir', stateDir], { stdio: ['ignore', 'pipe', 'pipe'] });
      const lines = await firstLines(child, 4, 20_000);
      return { child, url: /listening on (\S+)$/.exec(lines[0]!)![1]!, accounts: lines[3] };
    };
    const state = async (url: string) => {
      const body = (await (await fetch(`${url}/admin/state`, { headers: { authorization: `Bearer ${token}` } })).json()) as { accounts: { account_index: number; open_orders: number; positions: unknown[]; api_keys: unknown[] }[] };
      return body.accounts.find((a) => a.account_index === 1000)!;
    };
    const trades = async (url: string) => {
      const auth = authToken(1000, Date.now());
      const body = (await (await fetch(`${url}/api/v1/trades?sort_by=block_height&limit=100&account_index=1000&auth=${auth}`)).json()) as { trades: { trade_id: number }[] };
      return body.trades.map((t) => t.trade_id);
    };
    const kill9 = (child: ReturnType<typeof spawn>) => new Promise<void>((resolve) => child.once('exit', () => resolve()) && child.kill('SIGKILL'));
    let running = await startSim();
    try {
      expect(running.accounts).toBe('accounts: 1000');
      await postTx(running.url, 14, createOrderInfo({ AccountIndex: 1000, Nonce: 0, Price: 200_000 }, Date.now()));
      await postTx(running.url, 14, createOrderInfo({ AccountIndex: 1000, Nonce: 1, Price: 400_000, TimeInForce: 0, OrderExpiry: 0 }, Date.now()));
      await new Promise((r) => setTimeout(r, 200));
      const before = await state(running.url);
      expect(before.open_orders).toBe(1);
      expect(before.positions).toHaveLength(1);
      const tradesBefore = await trades(running.url);
      expect(tradesBefore.length).toBeGreaterThan(0);
      await kill9(running.child);
      running = await startSim();
      expect(running.accounts).toBe('accounts: 1000');
      expect(await state(running.url)).toEqual(before);
      await postTx(running.url, 14, createOrderInfo({ AccountIndex: 1000, Nonce: 2, Price: 400_000, TimeInForce: 0, OrderExpiry: 0 }, Date.now()));
      await new Promise((r) => setTimeout(r, 200));
      const fresh = (await trades(running.url)).filter((id) => !tradesBefore.includes(id));
      expect(fresh.length).toBeGreaterThan(0);
      expect(Math.min(...fresh)).toBeGreaterThan(Math.max(...tradesBefore));
    } finally {
      await kill9(running.child);
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
