import { connect, type Socket } from 'node:net';
import { request } from 'node:http';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractClient } from '../helpers/contract-client';
import { startHarness, type Harness } from '../helpers/server-harness';
import { until } from '../helpers/until';
import { WS_LIMITS } from '../../src/main/core/server/ws-server';

/** Opens a raw TCP socket and completes the WebSocket handshake by hand; resolves once the 101 arrived. */
function rawUpgrade(port: number, token: string): Promise<{ socket: Socket; received: () => Buffer }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let buf = Buffer.alloc(0);
    let upgraded = false;
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      if (!upgraded) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buf.subarray(0, end).toString();
        if (!head.startsWith('HTTP/1.1 101')) return reject(new Error(head.split('\r\n')[0]));
        upgraded = true;
        buf = buf.subarray(end + 4);
        resolve({ socket, received: () => buf });
      }
    });
    socket.write(
      `GET /ws?token=${token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
  });
}

/** A single-frame text message; masked with a random key unless `masked` is false. */
function textFrame(payload: Buffer, masked: boolean): Buffer {
  if (payload.length > 125) throw new Error('short frames only');
  const head = Buffer.from([0x81, (masked ? 0x80 : 0) | payload.length]);
  if (!masked) return Buffer.concat([head, payload]);
  const key = randomBytes(4);
  const body = Buffer.from(payload.map((b, i) => b ^ key[i % 4]!));
  return Buffer.concat([head, key, body]);
}

/** The close code of the first close frame (opcode 8) in what the server sent. */
function closeCodeIn(bytes: Buffer): number | null {
  for (let i = 0; i + 3 < bytes.length; ) {
    const opcode = bytes[i]! & 0x0f;
    const len = bytes[i + 1]! & 0x7f;
    if (len > 125) return null;
    if (opcode === 0x8) return bytes.readUInt16BE(i + 2);
    i += 2 + len;
  }
  return null;
}

/** Connects a plain ws client; resolves with its close code once the server closes it. */
function closeCodeAfter(port: number, token: string, send: (ws: WebSocket) => void): Promise<number> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`);
  ws.on('error', () => {});
  return new Promise((resolve) => {
    ws.once('open', () => send(ws));
    ws.once('close', (code) => resolve(code));
  });
}

function httpGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('the headless server survives hostile clients', () => {
  let h: Harness;
  let bystander: ContractClient;

  beforeAll(async () => {
    h = await startHarness();
    bystander = await ContractClient.connect(h.server.port, h.server.token);
  });

  afterAll(async () => {
    bystander?.close();
    await h.close();
  });

  const stillServes = async () => {
    const info = await bystander.invoke('app.info', {});
    expect(info.name).toBe('HedgeDesk');
  };

  it('closes a connection sending a frame over 1 MiB with 1009 and keeps serving the others', async () => {
    const code = await closeCodeAfter(h.server.port, h.server.token, (ws) => ws.send(Buffer.alloc(2 << 20, 0x20)));
    expect(code).toBe(1009);
    await stillServes();
  });

  it('closes a connection sending invalid UTF-8 in a text frame with 1007', async () => {
    const code = await closeCodeAfter(h.server.port, h.server.token, (ws) => ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false }));
    expect(code).toBe(1007);
    await stillServes();
  });

  it('closes a connection sending an unmasked frame with 1002 (protocol error)', async () => {
    const raw = await rawUpgrade(h.server.port, h.server.token);
    raw.socket.write(textFrame(Buffer.from('{"type":"invoke"}'), false));
    await until(() => closeCodeIn(raw.received()) !== null, 'a close frame', 5_000);
    expect(closeCodeIn(raw.received())).toBe(1002);
    raw.socket.destroy();
    await stillServes();
  });

  it('survives a client that resets its socket in the middle of a frame', async () => {
    const raw = await rawUpgrade(h.server.port, h.server.token);
    raw.socket.write(textFrame(Buffer.from('{"type":"invoke","id":1,"name":"app.info","request":{}}'), true).subarray(0, 10));
    raw.socket.resetAndDestroy();
    await stillServes();
  });

  it('refuses connections beyond the per-token cap with HTTP 503, and accepts again once one closes', async () => {
    const extra: ContractClient[] = [];
    // The bystander holds one slot.
    for (let i = 1; i < WS_LIMITS.maxConnectionsPerToken; i++) extra.push(await ContractClient.connect(h.server.port, h.server.token));
    await expect(ContractClient.connect(h.server.port, h.server.token)).rejects.toThrow('HTTP 503');
    await stillServes();
    extra.pop()!.close();
    await until(async () => (await ContractClient.connect(h.server.port, h.server.token).then((c) => (extra.push(c), true), () => false)), 'a free slot', 5_000);
    for (const c of extra) c.close();
    await until(async () => (JSON.parse((await httpGet(h.server.port, '/healthz')).body) as { connections: number }).connections === 1, 'the slots to be freed', 5_000);
  });

  it('drops a client that stops reading once more than the backlog limit is queued for it, and keeps serving the others', async () => {
    const connections = async () => (JSON.parse((await httpGet(h.server.port, '/healthz')).body) as { connections: number }).connections;
    const raw = await rawUpgrade(h.server.port, h.server.token);
    expect(await connections()).toBe(2);
    // Stops reading: the kernel buffers fill, then the server's queue for it grows.
    raw.socket.pause();
    const line = 'x'.repeat(900);
    // Bounded: at most ~90 MB of events, far beyond the 8 MiB limit plus the kernel's socket buffers.
    for (let i = 0; i < 100 && (await connections()) === 2; i++) {
      for (let j = 0; j < 1000; j++) h.core.logger.info({ component: 'test' }, line);
      await new Promise((r) => setImmediate(r));
    }
    await until(async () => (await connections()) === 1, 'the slow client to be dropped', 10_000);
    raw.socket.destroy();
    await stillServes();
  }, 30_000);

  it('answers /healthz without a token, with the connection count and no secret', async () => {
    const r = await httpGet(h.server.port, '/healthz');
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body) as { status: string; connections: number };
    expect(body.status).toBe('ok');
    expect(body.connections).toBeGreaterThanOrEqual(1);
    expect(r.body).not.toContain(h.server.token);
  });
});
