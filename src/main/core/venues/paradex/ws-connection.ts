import WebSocket from 'ws';
import { ReconnectingWs, type ReconnectingWsOptions } from '../reconnecting-ws';
import { VenueUnavailableError } from '../venue-errors';
import type { JwtSession } from './jwt-session';
import { wsErrorSchema, wsResultSchema, wsSubscriptionSchema } from './wire';

export type { WsState } from '../reconnecting-ws';

/** Construction of a {@link ParadexWs}. */
export interface ParadexWsOptions extends ReconnectingWsOptions {
  /** e.g. `wss://ws.api.prod.paradex.trade/v1` (paradex.md §8) or the simulator's. */
  url: string;
  /**
   * JWTs for the connection's `auth` request (private channels, §8): each
   * (re)connect asks for a current one; one the server refuses is invalidated.
   */
  jwt: Pick<JwtSession, 'get' | 'invalidate'>;
  /** Client ping-frame period, ms. Default 30 s (the server pings every 55 s and drops a connection without pong, §8). */
  pingIntervalMs?: number;
  /** A connection with neither message nor pong for this long is replaced, ms. Default 2.5 × ping period. */
  staleAfterMs?: number;
  /** How long one JSON-RPC request (auth, subscribe) may wait for its reply, ms. Default 10 s. */
  requestTimeoutMs?: number;
}

/** A JSON-RPC error reply as an Error (code and message as Paradex gave them). */
export class ParadexRpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(`Paradex WebSocket error ${code}: ${message}`);
  }
}

interface Pending {
  resolve: (result: unknown) => void;
  reject: (err: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Paradex's JSON-RPC 2.0 WebSocket (paradex.md §8): one socket per account.
 * - On every (re)connect: `auth` with a current JWT (once per connection; the
 *   connection stays authenticated after the JWT expires, §4), then every
 *   remembered channel is subscribed again.
 * - Pushes (`method:"subscription"`) are routed by `params.channel`.
 * - Keepalive: the `ws` library answers the server's ping frames; the client
 *   sends its own ping frames every `pingIntervalMs` and replaces a connection
 *   silent for `staleAfterMs`.
 * - Reconnect with exponential backoff and jitter whenever the socket closes,
 *   until {@link close}.
 */
export class ParadexWs extends ReconnectingWs {
  private readonly subs = new Map<string, (data: unknown) => void>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly requestTimeoutMs: number;
  /** Whether cancel-on-disconnect is wanted: sent after `auth` on every connection (Paradex keeps it per connection). */
  private cancelOnDisconnect = false;

  constructor(private readonly opts: ParadexWsOptions) {
    super(opts, { venue: 'paradex', label: 'Paradex', resetBackoffWhenOpen: true });
    this.requestTimeoutMs = opts.requestTimeoutMs ?? 10_000;
  }

  /**
   * Subscribes to `channel` (e.g. `orders.ALL`, `order_book.ETH-USD-PERP.deltas`),
   * now if connected and again after every reconnect; `handler` gets each
   * push's `params.data`. Returns the unsubscribe function.
   */
  subscribe(channel: string, handler: (data: unknown) => void): () => void {
    this.subs.set(channel, handler);
    if (this.isOpen) void this.request('subscribe', { channel }).catch((err: Error) => this.subscribeFailed(channel, err));
    return () => {
      if (this.subs.get(channel) !== handler) return;
      this.subs.delete(channel);
      if (this.isOpen) void this.request('unsubscribe', { channel }).catch(() => undefined);
    };
  }

  /** Unsubscribes and subscribes `channel` again, for a fresh snapshot (book resync after a gap). */
  resubscribe(channel: string): void {
    if (!this.subs.has(channel) || !this.isOpen) return;
    void (async () => {
      await this.request('unsubscribe', { channel }).catch(() => undefined);
      await this.request('subscribe', { channel });
    })().catch((err: Error) => this.subscribeFailed(channel, err));
  }

  /**
   * Turns Paradex's cancel-on-disconnect on or off: `order.cancel_on_disconnect`
   * with `{enabled}` (docs.paradex.trade/ws/web-socket-channels/order-cancel-on-disconnect:
   * "all orders placed (or already tracked) during this connection are
   * automatically cancelled if the WebSocket disconnects unexpectedly"; the
   * state is per connection, so it is sent again after every reconnect).
   * Resolves once the current connection answered (at once when none is open).
   * @throws ParadexRpcError when Paradex refuses it; VenueUnavailableError when the reply does not come.
   */
  async setCancelOnDisconnect(enabled: boolean): Promise<void> {
    this.cancelOnDisconnect = enabled;
    if (this.isOpen) await this.request('order.cancel_on_disconnect', { enabled });
  }

  protected async handshake(): Promise<boolean> {
    let token: string | undefined;
    try {
      token = await this.opts.jwt.get();
      await this.request('auth', { bearer: token });
      if (this.cancelOnDisconnect) {
        await this.request('order.cancel_on_disconnect', { enabled: true }).catch((err: Error) =>
          this.opts.logger.warn({ err: err.message }, 'Paradex cancel-on-disconnect could not be set on the new connection'),
        );
      }
      const results = await Promise.allSettled([...this.subs.keys()].map((channel) => this.request('subscribe', { channel })));
      results.forEach((r, i) => {
        if (r.status === 'rejected') this.subscribeFailed([...this.subs.keys()][i]!, r.reason as Error);
      });
      return true;
    } catch (err) {
      if (err instanceof ParadexRpcError && token !== undefined) this.opts.jwt.invalidate(token);
      this.opts.logger.warn({ err: (err as Error).message }, 'Paradex WebSocket auth failed; reconnecting');
      return false;
    }
  }

  protected override socketClosed(): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new VenueUnavailableError('paradex', 'Paradex WebSocket closed before the reply'));
      this.pending.delete(id);
    }
  }

  protected handleMessage(_socket: WebSocket, message: unknown): void {
    const push = wsSubscriptionSchema.safeParse(message);
    if (push.success) {
      this.subs.get(push.data.params.channel)?.(push.data.params.data);
      return;
    }
    const result = wsResultSchema.safeParse(message);
    if (result.success) {
      this.settle(result.data.id, (p) => p.resolve(result.data.result));
      return;
    }
    const error = wsErrorSchema.safeParse(message);
    if (error.success) {
      const { code, message: text, data: detail } = error.data.error;
      const err = new ParadexRpcError(code, typeof detail === 'string' ? `${text} (${detail})` : text);
      if (error.data.id !== null && error.data.id !== undefined && this.pending.has(error.data.id)) this.settle(error.data.id, (p) => p.reject(err));
      else this.opts.logger.warn({ code, venueMessage: text }, 'Paradex WebSocket error message');
    }
  }

  protected ping(socket: WebSocket): void {
    if (socket.readyState === WebSocket.OPEN) socket.ping();
  }

  private settle(id: number, action: (p: Pending) => void): void {
    const p = this.pending.get(id);
    if (!p) return;
    clearTimeout(p.timer);
    this.pending.delete(id);
    action(p);
  }

  /**
   * Sends one JSON-RPC request and waits for its reply.
   * @throws ParadexRpcError on an error reply; VenueUnavailableError when closed or timed out.
   */
  private request(method: string, params: Record<string, unknown>): Promise<unknown> {
    const socket = this.openSocket;
    if (!socket) return Promise.reject(new VenueUnavailableError('paradex', 'Paradex WebSocket is not open'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new VenueUnavailableError('paradex', `no Paradex WebSocket reply to ${method} within ${this.requestTimeoutMs} ms`));
      }, this.requestTimeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      socket.send(JSON.stringify({ jsonrpc: '2.0', method, params, id }));
    });
  }

  private subscribeFailed(channel: string, err: Error): void {
    this.opts.logger.warn({ channel, err: err.message }, 'Paradex WebSocket subscribe failed');
  }
}
