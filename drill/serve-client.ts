/**
 * A minimal client of `hedgedesk serve`'s WebSocket contract for the drill:
 * invoke a command by name and get its result envelope, every call bounded in
 * time, socket errors swallowed (a server that dies mid-drill must not take
 * the drill with it).
 */
import WebSocket from 'ws';
import type { WsServerMessage } from '../src/shared/bridge';
import type { Result } from '../src/shared/errors';

/** A connection to `ws://127.0.0.1:<port>/ws?token=…`. */
export class ServeClient {
  private nextId = 1;
  private readonly pending = new Map<number, (r: Result<unknown> | null) => void>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      let msg: WsServerMessage;
      try {
        msg = JSON.parse(String(raw)) as WsServerMessage;
      } catch {
        return;
      }
      if (msg.type !== 'result') return;
      this.pending.get(msg.id)?.(msg.result);
      this.pending.delete(msg.id);
    });
    ws.on('error', () => undefined);
    ws.on('close', () => {
      for (const settle of this.pending.values()) settle(null);
      this.pending.clear();
    });
  }

  /** Connects within `timeoutMs`; null when the server refuses, is gone or is too slow. */
  static connect(port: number, token: string, timeoutMs: number): Promise<ServeClient | null> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${encodeURIComponent(token)}`);
    ws.on('error', () => undefined);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        ws.terminate();
        resolve(null);
      }, timeoutMs);
      ws.once('open', () => {
        clearTimeout(timer);
        resolve(new ServeClient(ws));
      });
      ws.once('close', () => {
        clearTimeout(timer);
        resolve(null);
      });
    });
  }

  /** Invokes `name`; the result envelope, or null when no answer came within `timeoutMs` or the connection closed. */
  invoke(name: string, request: unknown, timeoutMs: number): Promise<Result<unknown> | null> {
    if (this.ws.readyState !== WebSocket.OPEN) return Promise.resolve(null);
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve(null);
      }, timeoutMs);
      this.pending.set(id, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
      this.ws.send(JSON.stringify({ type: 'invoke', id, name, request }));
    });
  }

  /** Sends one raw text frame (the hostile 2 MiB one). */
  sendRaw(text: string): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(text);
  }

  close(): void {
    this.ws.terminate();
  }
}
