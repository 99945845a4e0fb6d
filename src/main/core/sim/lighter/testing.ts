/**
 * Helpers for tests that talk to the Lighter simulator over loopback the way
 * a client does: a simulator per test on a manual clock, placeholder-signed
 * tx_info objects with the Go field names (like the paper signer's), multipart
 * sendTx, auth tokens and a WebSocket probe with bounded waits. Test support only.
 */
import { FormData, fetch } from 'undici';
import WebSocket from 'ws';
import { ManualSimClock } from '../engine/sim-clock';
import { startLighterSim, type LighterSimOptions, type RunningLighterSim } from './lighter-sim';
import type { CreateOrderInfo } from './tx-info';

/** A placeholder `Sig` (base64 of 80 bytes), as the paper signer sends. */
export const PLACEHOLDER_SIG = Buffer.alloc(80, 7).toString('base64');

/** Default API key index used by the helpers. */
export const TEST_API_KEY = 4;

/** The admin token of simulators started by {@link startTestSim}. */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

/** A simulator started for a test: its manual clock, the running sim, its URL and its first user account `A`. */
export interface TestSim {
  clock: ManualSimClock;
  sim: RunningLighterSim;
  url: string;
  A: number;
}

/** Starts a simulator on a fresh {@link ManualSimClock} with the admin token {@link TEST_ADMIN_TOKEN}; `opts` as for {@link startLighterSim}, without `clock`. Close it with `sim.close()`. */
export async function startTestSim(opts: Omit<LighterSimOptions, 'clock'> = {}): Promise<TestSim> {
  const clock = new ManualSimClock();
  const sim = await startLighterSim({ adminToken: TEST_ADMIN_TOKEN, ...opts, clock });
  return { clock, sim, url: sim.url, A: sim.accounts[0]! };
}

/**
 * A CreateOrder tx_info: 0.1 ETH GTT limit buy at 3000 on market 0, expiring
 * in a day, tx valid 10 minutes from `now` (Unix ms), unless overridden.
 */
export function createOrderInfo(fields: Partial<CreateOrderInfo> & { AccountIndex: number; Nonce: number }, now: number): CreateOrderInfo {
  return {
    ApiKeyIndex: TEST_API_KEY,
    MarketIndex: 0,
    ClientOrderIndex: 0,
    BaseAmount: 1000,
    Price: 300_000,
    IsAsk: 0,
    Type: 0,
    TimeInForce: 1,
    ReduceOnly: 0,
    TriggerPrice: 0,
    OrderExpiry: now + 86_400_000,
    ExpiredAt: now + 600_000,
    Sig: PLACEHOLDER_SIG,
    ...fields,
  };
}

/** Common fields of any tx_info (ApiKeyIndex, ExpiredAt, Sig) for `now` (Unix ms). */
export function txEnvelope(accountIndex: number, nonce: number, now: number) {
  return { AccountIndex: accountIndex, ApiKeyIndex: TEST_API_KEY, ExpiredAt: now + 600_000, Nonce: nonce, Sig: PLACEHOLDER_SIG };
}

/** An HTTP answer: status and parsed JSON body. */
export interface JsonAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON
  body: any;
}

/** GETs `path` (with optional headers) and parses the JSON answer. */
export async function getJson(base: string, path: string, headers: Record<string, string> = {}): Promise<JsonAnswer> {
  const r = await fetch(base + path, { headers });
  return { status: r.status, body: await r.json() };
}

/** Sends a JSON body to an admin route with the admin token (`token`, default the one {@link startTestSim} sets). */
export async function adminJson(base: string, method: 'POST' | 'DELETE', path: string, body?: unknown, token = TEST_ADMIN_TOKEN): Promise<JsonAnswer> {
  const r = await fetch(base + path, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  });
  return { status: r.status, body: await r.json() };
}

/** POSTs `/api/v1/sendTx` as multipart/form-data (`tx_type`, `tx_info` = JSON of `info`). */
export async function postTx(base: string, txType: number, info: object): Promise<JsonAnswer> {
  const form = new FormData();
  form.append('tx_type', String(txType));
  form.append('tx_info', JSON.stringify(info));
  const r = await fetch(`${base}/api/v1/sendTx`, { method: 'POST', body: form });
  return { status: r.status, body: await r.json() };
}

/** POSTs `/api/v1/sendTxBatch` (`tx_types`, `tx_infos` JSON-encoded arrays). */
export async function postBatch(base: string, txTypes: number[], infos: object[]): Promise<JsonAnswer> {
  const form = new FormData();
  form.append('tx_types', JSON.stringify(txTypes));
  form.append('tx_infos', JSON.stringify(infos.map((i) => JSON.stringify(i))));
  const r = await fetch(`${base}/api/v1/sendTxBatch`, { method: 'POST', body: form });
  return { status: r.status, body: await r.json() };
}

/** An auth token `<deadline>:<account>:<key>:<hex>` valid for `ttlSeconds` after `now` (Unix ms). */
export function authToken(accountIndex: number, nowMs: number, ttlSeconds = 3600, apiKeyIndex = TEST_API_KEY): string {
  return `${Math.floor(nowMs / 1000) + ttlSeconds}:${accountIndex}:${apiKeyIndex}:${'ab'.repeat(40)}`;
}

/** A WebSocket client that records every message and waits (bounded) for matching ones. */
export class WsProbe {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON
  readonly messages: any[] = [];
  private waiters: (() => void)[] = [];
  closed = false;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      this.messages.push(JSON.parse(raw.toString()));
      for (const w of this.waiters.splice(0)) w();
    });
    ws.on('close', () => {
      this.closed = true;
      for (const w of this.waiters.splice(0)) w();
    });
  }

  /** Connects and waits for the `connected` message. */
  static async open(url: string): Promise<WsProbe> {
    const ws = new WebSocket(url);
    const probe = new WsProbe(ws); // listening before 'open': the server greets at once
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    await probe.next((m) => m.type === 'connected');
    return probe;
  }

  /** Sends a JSON message. */
  send(msg: object): void {
    this.ws.send(JSON.stringify(msg));
  }

  /**
   * Resolves with the first recorded message (oldest first) matching `pred`
   * that was not returned before; waits up to `timeoutMs`.
   * @throws Error on timeout or when the connection closes first.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON
  async next(pred: (m: any) => boolean, timeoutMs = 2000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.messages.findIndex((m) => !m.__seen && pred(m));
      if (i >= 0) {
        Object.defineProperty(this.messages[i], '__seen', { value: true });
        return this.messages[i];
      }
      const left = deadline - Date.now();
      if (this.closed || left <= 0) throw new Error(`no matching WebSocket message within ${timeoutMs} ms (closed: ${this.closed}); got ${JSON.stringify(this.messages.slice(-5))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Closes the connection. */
  close(): void {
    this.ws.close();
  }
}
