import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fetch } from 'undici';
import { ec } from 'starknet';
import { describe, expect, it } from 'vitest';
import { accountAddressOf } from './paradex/account-address';
import { SIM_SYSTEM_CONFIG } from './paradex/system-config';
import { login } from './paradex/testing';

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
      const [first, second, third] = await firstLines(child, 3, 20_000);
      const m = /^lighter simulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(first!);
      expect(m, first).not.toBeNull();
      expect(second).toBe(`websocket: ws://127.0.0.1:${m![2]}/stream`);
      expect(third).toBe('accounts: 1000 1001');
      const status = await (await fetch(m![1]!)).json();
      expect(status).toMatchObject({ status: 200, network_id: 1 });
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });

  it('`sim paradex --port 0` prints the URL line exactly, then the WS URL and the accounts with keys that authenticate', async () => {
    const child = spawn(process.execPath, [BIN, 'sim', 'paradex', '--port', '0', '--accounts', '1', '--seed', '5', '--host', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const [first, second, third] = await firstLines(child, 3, 20_000);
      const m = /^paradex simulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(first!);
      expect(m, first).not.toBeNull();
      expect(second).toBe(`websocket: ws://127.0.0.1:${m![2]}/v1`);
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
  });
});
