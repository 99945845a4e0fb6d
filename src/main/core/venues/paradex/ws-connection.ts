import WebSocket from 'ws';
import type { Clock } from '../../clock';
import type { Logger } from '../../log/logger';
import { backoffDelay, type BackoffOptions } from '../backoff';
import { VenueUnavailableError } from '../venue-errors';
import type { JwtSession } from './jwt-session';
import { wsErrorSchema, wsResultSchema, wsSubscriptionSchema } from './wire';

/** Construction of a {@link ParadexWs}. */
export interface ParadexWsOptions {
  /** e.g. `wss://ws.api.prod.paradex.trade/v1` (paradex.md §8) or the simulator's. */
  url: string;
  clock: Clock;
  logger: Logger;
  /**
   * JWTs for the connection's `auth` request (private channels, §8): each
   * (re)connect asks for a current one; one the server refuses is invalidated.
   */
  jwt: Pick<JwtSession, 'get' | 'invalidate'>;
  /** Client ping-frame period, ms. Default 30 s (the server pings every 55 s and drops a connection without pong, §8). */
  pingIntervalMs?: number;
  /** A connection with neither message nor pong for this long is replaced, ms. Default 2.5 × ping period. */
  staleAfterMs?: number;
  /** Backoff between reconnect attempts. Default 500 ms doubling to 30 s. */
  reconnect?: BackoffOptions;
  /** How long one JSON-RPC request (auth, subscribe) may wait for its reply, ms. Default 10 s. */
  requestTimeoutMs?: number;
}

/** Connection changes as listeners see them. */
export type WsState = 'connected' | 'disconnected';

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
export class ParadexWs {
  private socket: WebSocket | null = null;
  private readonly subs = new Map<string, (data: unknown) => void>();
  private readonly stateListeners = new Set<(state: WsState) => void>();
  private readonly pending = new Map<number, Pending>();
  private readonly stop = new AbortController();
  private nextId = 1;
  private open = false;
  private attempt = 0;
  private lastHeardAt = 0;
  private readonly pingIntervalMs: number;
  private readonly staleAfterMs: number;
  private readonly reconnect: BackoffOptions;
  private readonly requestTimeoutMs: number;

  constructor(private readonly opts: ParadexWsOptions) {
    this.pingIntervalMs = opts.pingIntervalMs ?? 30_000;
    this.staleAfterMs = opts.staleAfterMs ?? this.pingIntervalMs * 2.5;
    this.reconnect = opts.reconnect ?? { baseMs: 500, maxMs: 30_000 };
    this.requestTimeoutMs = opts.requestTimeoutMs ?? 10_000;
  }

  /** Opens the first connection (and keeps one open until {@link close}). */
  start(): void {
    this.connect();
  }

  /**
   * Resolves once connected.
   * @throws VenueUnavailableError after `timeoutMs` without a connection.
   */
  async waitConnected(timeoutMs: number): Promise<void> {
    if (this.open) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new VenueUnavailableError('paradex', `no Paradex WebSocket connection to ${this.opts.url} within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.onState((state) => {
        if (state !== 'connected') return;
        clearTimeout(timer);
        off();
        resolve();
      });
    });
  }

  /**
   * Subscribes to `channel` (e.g. `orders.ALL`, `order_book.ETH-USD-PERP.deltas`),
   * now if connected and again after every reconnect; `handler` gets each
   * push's `params.data`. Returns the unsubscribe function.
   */
  subscribe(channel: string, handler: (data: unknown) => void): () => void {
    this.subs.set(channel, handler);
    if (this.open) void this.request('subscribe', { channel }).catch((err: Error) => this.subscribeFailed(channel, err));
    return () => {
      if (this.subs.get(channel) !== handler) return;
      this.subs.delete(channel);
      if (this.open) void this.request('unsubscribe', { channel }).catch(() => undefined);
    };
  }

  /** Unsubscribes and subscribes `channel` again, for a fresh snapshot (book resync after a gap). */
  resubscribe(channel: string): void {
    if (!this.subs.has(channel) || !this.open) return;
    void (async () => {
      await this.request('unsubscribe', { channel }).catch(() => undefined);
      await this.request('subscribe', { channel });
    })().catch((err: Error) => this.subscribeFailed(channel, err));
  }

  /** Listens to connection changes; returns the unsubscribe function. */
  onState(listener: (state: WsState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Closes the socket and stops reconnecting and pinging. */
  close(): void {
    this.stop.abort(new Error('closed'));
    this.socket?.close();
    this.socket = null;
  }

  private connect(): void {
    if (this.stop.signal.aborted) return;
    const socket = new WebSocket(this.opts.url);
    this.socket = socket;
    const connection = new AbortController();
    socket.on('open', () => void this.onOpen(socket, connection.signal));
    socket.on('message', (data) => this.onMessage(data));
    socket.on('pong', () => {
      this.lastHeardAt = this.opts.clock.now();
    });
    socket.on('error', (err) => this.opts.logger.debug({ err: err.message }, 'Paradex WebSocket error'));
    socket.on('close', () => {
      connection.abort(new Error('socket closed'));
      void this.onClose(socket);
    });
  }

  private async onOpen(socket: WebSocket, connection: AbortSignal): Promise<void> {
    this.lastHeardAt = this.opts.clock.now();
    let token: string | undefined;
    try {
      token = await this.opts.jwt.get();
      await this.request('auth', { bearer: token });
      const results = await Promise.allSettled([...this.subs.keys()].map((channel) => this.request('subscribe', { channel })));
      results.forEach((r, i) => {
        if (r.status === 'rejected') this.subscribeFailed([...this.subs.keys()][i]!, r.reason as Error);
      });
    } catch (err) {
      if (err instanceof ParadexRpcError && token !== undefined) this.opts.jwt.invalidate(token);
      this.opts.logger.warn({ err: (err as Error).message }, 'Paradex WebSocket auth failed; reconnecting');
      socket.terminate();
      return;
    }
    if (this.socket !== socket || socket.readyState !== WebSocket.OPEN) return;
    this.open = true;
    this.attempt = 0;
    this.emit('connected');
    void this.keepalive(socket, connection);
  }

  private async onClose(socket: WebSocket): Promise<void> {
    if (this.socket !== socket && this.socket !== null) return;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new VenueUnavailableError('paradex', 'Paradex WebSocket closed before the reply'));
      this.pending.delete(id);
    }
    const wasOpen = this.open;
    this.open = false;
    if (wasOpen) this.emit('disconnected');
    if (this.stop.signal.aborted) return;
    const delay = backoffDelay(this.attempt++, this.reconnect);
    this.opts.logger.info({ delayMs: delay, attempt: this.attempt }, 'Paradex WebSocket closed; reconnecting');
    try {
      await this.opts.clock.sleep(delay, this.stop.signal);
    } catch {
      return;
    }
    this.connect();
  }

  private onMessage(data: WebSocket.RawData): void {
    this.lastHeardAt = this.opts.clock.now();
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      this.opts.logger.warn('Paradex WebSocket sent a message that is not JSON');
      return;
    }
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
    const socket = this.socket;
    if (socket?.readyState !== WebSocket.OPEN) return Promise.reject(new VenueUnavailableError('paradex', 'Paradex WebSocket is not open'));
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

  private async keepalive(socket: WebSocket, connection: AbortSignal): Promise<void> {
    const signal = AbortSignal.any([connection, this.stop.signal]);
    // Ends when this connection closes (the sleep rejects).
    for (;;) {
      try {
        await this.opts.clock.sleep(this.pingIntervalMs, signal);
      } catch {
        return;
      }
      if (this.opts.clock.now() - this.lastHeardAt > this.staleAfterMs) {
        this.opts.logger.warn({ silentMs: this.opts.clock.now() - this.lastHeardAt }, 'Paradex WebSocket silent; reconnecting');
        socket.terminate();
        return;
      }
      if (socket.readyState === WebSocket.OPEN) socket.ping();
    }
  }

  private emit(state: WsState): void {
    for (const l of this.stateListeners) l(state);
  }
}
