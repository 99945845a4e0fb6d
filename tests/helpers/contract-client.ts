import WebSocket from 'ws';
import type { WsServerMessage } from '../../src/shared/bridge';
import type { CommandName, EventName, RequestOf, ResponseOf } from '../../src/shared/contract';
import type { Result } from '../../src/shared/errors';

/**
 * A test client of the headless server's WebSocket contract. Records every
 * frame it receives in `frames` (shared between clients when passed in), so a
 * test can scan all responses for leaked secrets.
 */
export class ContractClient {
  readonly events: { name: EventName; payload: unknown }[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, (r: Result<unknown>) => void>();

  private constructor(
    private readonly ws: WebSocket,
    readonly frames: string[],
  ) {
    ws.on('message', (raw) => {
      const text = raw.toString();
      frames.push(text);
      const msg = JSON.parse(text) as WsServerMessage;
      if (msg.type === 'result') {
        this.pending.get(msg.id)?.(msg.result);
        this.pending.delete(msg.id);
      } else {
        this.events.push({ name: msg.name, payload: msg.payload });
      }
    });
  }

  /** Connects to `ws://127.0.0.1:<port>/ws?token=<token>`; rejects with the HTTP status when refused. */
  static connect(port: number, token: string | null, frames: string[] = []): Promise<ContractClient> {
    const url = `ws://127.0.0.1:${port}/ws${token === null ? '' : `?token=${token}`}`;
    const ws = new WebSocket(url);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new ContractClient(ws, frames)));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  /** Sends any name and payload (also invalid ones) and resolves to the result envelope. */
  raw(name: string, request: unknown): Promise<Result<unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.ws.send(JSON.stringify({ type: 'invoke', id, name, request }));
    });
  }

  /** Typed invoke: resolves to the response, or throws with the error code and message. */
  async invoke<N extends CommandName>(name: N, request: RequestOf<N>): Promise<ResponseOf<N>> {
    const r = await this.raw(name, request);
    if (!r.ok) throw Object.assign(new Error(`${r.error.code}: ${r.error.message}`), r.error);
    return r.data as ResponseOf<N>;
  }

  /** Resolves when an event matching `pred` has arrived (already or within `ms`). */
  async waitForEvent(pred: (e: { name: EventName; payload: unknown }) => boolean, ms = 5000): Promise<{ name: EventName; payload: unknown }> {
    const deadline = Date.now() + ms;
    for (;;) {
      const hit = this.events.find(pred);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error('event did not arrive in time');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.ws.close();
  }
}
