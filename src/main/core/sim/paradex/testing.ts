/**
 * Helpers for tests that talk to the Paradex simulator over loopback the way a
 * client does: a simulator per test on a manual clock, a STARK key pair per
 * account, auth and order requests signed with starknet.js over Paradex's
 * typed data, and a JSON-RPC WebSocket probe with bounded waits. Test support only.
 */
import { createHash } from 'node:crypto';
import { ec } from 'starknet';
import { fetch } from 'undici';
import WebSocket from 'ws';
import { ManualSimClock } from '../engine/sim-clock';
import { startParadexSim, type ParadexSimOptions, type RunningParadexSim } from './paradex-sim';
import { formatSignature } from './stark-signature';
import { SIM_SYSTEM_CONFIG } from './system-config';
import { authTypedData, messageHash, modifyOrderTypedData, orderTypedData, type OrderToSign } from './typed-data';

/** A STARK key pair and the Paradex account address of its public key. */
export interface TestKey {
  privateKey: string;
  publicKey: string;
  address: string;
}

/** A deterministic STARK private key from a label (sha256, reduced below the curve order). */
export function testPrivateKey(label: string): string {
  const n = ec.starkCurve.CURVE.n;
  const value = (BigInt('0x' + createHash('sha256').update(label).digest('hex')) % (n - 1n)) + 1n;
  return '0x' + value.toString(16);
}

/** Signs `msgHash` with `privateKey` (starknet.js, RFC 6979) and formats it as Paradex's `["r","s"]`. */
export function signHash(msgHash: string, privateKey: string): string {
  return formatSignature(ec.starkCurve.sign(msgHash, privateKey));
}

/** A simulator on a fresh manual clock with one funded account `A` (10,000 USDC). */
export interface TestSim {
  clock: ManualSimClock;
  sim: RunningParadexSim;
  url: string;
  A: TestKey;
}

/** Registers the account of `label`'s key with `collateral` USDC. */
export function openTestAccount(sim: RunningParadexSim, label: string, collateral = '10000'): TestKey {
  const privateKey = testPrivateKey(label);
  const publicKey = ec.starkCurve.getStarkKey(privateKey);
  const { address } = sim.admin.createAccount({ publicKey, collateral });
  return { privateKey, publicKey, address };
}

/** Starts a simulator on a ManualSimClock; `opts` as for startParadexSim without `clock`. Close it with `sim.close()`. */
export async function startTestSim(opts: Omit<ParadexSimOptions, 'clock'> = {}): Promise<TestSim> {
  const clock = new ManualSimClock();
  const sim = await startParadexSim({ ...opts, clock });
  return { clock, sim, url: sim.url, A: openTestAccount(sim, 'account A') };
}

/** The four auth headers of `POST /v1/auth` for `key` at `nowMs` (signature valid 24 h). */
export function authHeaders(key: TestKey, nowMs: number, signer = key.privateKey): Record<string, string> {
  const ts = Math.floor(nowMs / 1000);
  const exp = ts + 86_400;
  const hash = messageHash(authTypedData(SIM_SYSTEM_CONFIG.starknet_chain_id, ts, exp), key.address);
  return {
    'PARADEX-STARKNET-ACCOUNT': key.address,
    'PARADEX-STARKNET-SIGNATURE': signHash(hash, signer),
    'PARADEX-TIMESTAMP': String(ts),
    'PARADEX-SIGNATURE-EXPIRATION': String(exp),
  };
}

/** Authenticates `key` and returns its JWT. @throws Error when the sim refuses. */
export async function login(url: string, key: TestKey, nowMs: number): Promise<string> {
  const res = await fetch(`${url}/v1/auth`, { method: 'POST', headers: authHeaders(key, nowMs) });
  const body = (await res.json()) as { jwt_token?: string };
  if (res.status !== 200 || !body.jwt_token) throw new Error(`auth refused: ${res.status} ${JSON.stringify(body)}`);
  return body.jwt_token;
}

/** Fields of a test order; MARKET orders omit `price`. */
export type TestOrder = Omit<OrderToSign, 'signatureTimestampMs'> & { instruction?: string; client_id?: string; flags?: string[] };

/** A signed `POST /v1/orders` body for `order`, signed at `nowMs` by `signer` (default: the key's own). */
export function signedOrder(key: TestKey, order: TestOrder, nowMs: number, signer = key.privateKey): Record<string, unknown> {
  const td = orderTypedData(SIM_SYSTEM_CONFIG.starknet_chain_id, { ...order, signatureTimestampMs: nowMs });
  const body: Record<string, unknown> = {
    market: order.market,
    side: order.side,
    type: order.type,
    size: order.size,
    instruction: order.instruction ?? 'GTC',
    signature: signHash(messageHash(td, key.address), signer),
    signature_timestamp: nowMs,
  };
  if (order.price !== undefined) body.price = order.price;
  if (order.client_id !== undefined) body.client_id = order.client_id;
  if (order.flags !== undefined) body.flags = order.flags;
  return body;
}

/** A signed `PUT /v1/orders/{id}` body: the new size and price, signed over `ModifyOrder` (Order fields + `id`). */
export function signedModify(key: TestKey, orderId: string, order: Omit<OrderToSign, 'signatureTimestampMs'>, nowMs: number, signer = key.privateKey): Record<string, unknown> {
  const td = modifyOrderTypedData(SIM_SYSTEM_CONFIG.starknet_chain_id, { ...order, signatureTimestampMs: nowMs }, orderId);
  return { id: orderId, ...order, signature: signHash(messageHash(td, key.address), signer), signature_timestamp: nowMs };
}

/** A JSON answer. */
export interface JsonAnswer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
}

/** Calls the sim's REST API with an optional JWT and JSON body. */
export async function call(url: string, method: string, path: string, jwt?: string, body?: unknown): Promise<JsonAnswer> {
  const headers: Record<string, string> = {};
  if (jwt) headers.Authorization = `Bearer ${jwt}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Lets the sim run its queued work (orders execute right after their answer, on the next I/O turn). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 20));
}

/** A JSON-RPC WebSocket client with bounded waits. */
export class WsProbe {
  readonly messages: any[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  private nextId = 1;
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      this.messages.push(JSON.parse(raw.toString()));
      for (const w of this.waiters.splice(0)) w();
    });
    ws.on('close', () => {
      for (const w of this.waiters.splice(0)) w();
    });
  }

  /** Opens a connection. */
  static async open(wsUrl: string): Promise<WsProbe> {
    const ws = new WebSocket(wsUrl);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new WsProbe(ws);
  }

  /** Sends a JSON-RPC request and waits (≤ 2 s) for its answer. */
  async rpc(method: string, params: Record<string, unknown>): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- arbitrary JSON
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ jsonrpc: '2.0', method, params, id }));
    return this.waitFor((m) => m.id === id);
  }

  /** Waits (≤ `timeoutMs`) for a message matching `pred` among all received so far. */
  async waitFor(pred: (m: any) => boolean, timeoutMs = 2000): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- arbitrary JSON
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.messages.find(pred);
      if (hit) return hit;
      const left = deadline - Date.now();
      if (left <= 0 || this.ws.readyState !== WebSocket.OPEN) throw new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(this.messages).slice(0, 600)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Pushes received on `channel`, in order. */
  data(channel: string): any[] { // eslint-disable-line @typescript-eslint/no-explicit-any -- arbitrary JSON
    return this.messages.filter((m) => m.method === 'subscription' && m.params.channel === channel).map((m) => m.params.data);
  }

  /** Closes the connection. */
  close(): void {
    this.ws.close();
  }
}
