/**
 * `node -r tsx/cjs bench/serve-connections.bench.ts [attempts] [events/s]`:
 * health-check latency of the headless server while many WebSocket clients
 * try to connect and the core streams events (log lines) to every one of
 * them. The clients run in a child process, as they would on other
 * machines. Prints p50 / max of `GET /healthz` (ms) with no clients and with
 * `attempts` connection attempts (default 1000; at most the per-token cap are
 * accepted, the rest get HTTP 503), and how many were accepted.
 * Binds 127.0.0.1 only; every loop is bounded.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { createCore } from '../src/main/core/core';
import { startServer } from '../src/main/core/server/http-server';
import { tempDir } from '../tests/helpers/temp-dir';
import { percentile } from './order-round-trips';

const CLIENTS_SCRIPT = `
const WebSocket = require('ws');
const [url, n] = process.argv.slice(1);
let settled = 0, open = 0;
const done = () => { if (++settled === Number(n)) process.stdout.write('SETTLED ' + open + '\\n'); };
for (let i = 0; i < Number(n); i++) {
  const ws = new WebSocket(url);
  ws.on('open', () => { open++; done(); });
  ws.on('unexpected-response', (req) => { req.destroy(); done(); });
  ws.on('error', done);
  ws.on('message', () => {});
}
`;

function healthz(port: number): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/healthz' }, (res) => {
      res.resume();
      res.on('end', () => resolve(performance.now() - started));
    })
      .on('error', reject)
      .end();
  });
}

async function sample(port: number, count: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    out.push(await healthz(port));
    await new Promise((r) => setTimeout(r, 100));
  }
  return out;
}

async function main(): Promise<void> {
  const attempts = Number(process.argv[2] ?? 1000);
  const eventsPerSecond = Number(process.argv[3] ?? 100);
  const dir = tempDir();
  const rendererDir = join(dir.path, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>bench</title>');
  const core = createCore({ dataDir: join(dir.path, 'data'), runtime: 'server', appVersion: '0.0.0-bench', env: { HEDGEDESK_SECRETS_FROM_ENV: '1' } });
  const server = await startServer({ core, host: '127.0.0.1', port: 0, rendererDir });
  const stream = setInterval(() => {
    for (let i = 0; i < eventsPerSecond / 10; i++) core.logger.info({ component: 'bench', i }, 'a log line of ordinary length, streamed to every client');
  }, 100);
  try {
    const idle = await sample(server.port, 20);
    const clients = spawn(process.execPath, ['-e', CLIENTS_SCRIPT, `ws://127.0.0.1:${server.port}/ws?token=${server.token}`, String(attempts)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const accepted = await new Promise<number>((resolve) => {
      let text = '';
      clients.stdout.on('data', (d: Buffer) => {
        text += d.toString();
        const m = /SETTLED (\d+)/.exec(text);
        if (m) resolve(Number(m[1]));
      });
    });
    const loaded = await sample(server.port, 30);
    clients.kill();
    const row = (name: string, s: number[]) => `${name.padEnd(44)} ${percentile([...s].sort((a, b) => a - b), 50).toFixed(1).padStart(8)} ${Math.max(...s).toFixed(1).padStart(8)}`;
    process.stdout.write(`GET /healthz while ${eventsPerSecond} events/s stream to every client\n`);
    process.stdout.write(`${'case'.padEnd(44)} ${'p50 ms'.padStart(8)} ${'max ms'.padStart(8)}\n`);
    process.stdout.write(`${row('no clients', idle)}\n`);
    process.stdout.write(`${row(`${attempts} attempts, ${accepted} accepted`, loaded)}\n`);
  } finally {
    clearInterval(stream);
    await server.close();
    await core.close();
    dir.remove();
  }
}

void main().then(() => process.exit(0));
