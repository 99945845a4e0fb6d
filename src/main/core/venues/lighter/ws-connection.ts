import WebSocket from 'ws';
import type { Clock } from '../../clock';
import type { Logger } from '../../log/logger';
import { backoffDelay, type BackoffOptions } from '../backoff';
import { VenueUnavailableError } from '../venue-errors';
import { parseWsChannel, wsErrorSchema } from './wire';

/** Construction of a {@link LighterWs}. */
export interface LighterWsOptions {
  /** e.g. `wss://mainnet.zklighter.elliot.ai/stream` or the simulator's `ws://127.0.0.1:<port>/stream`. */
  url: string;
  clock: Clock;
  logger: Logger;
  /** An auth token for private channels (lighter.md §2). */
  authToken: () => Promise<string>;
  /** Client ping period, ms. Default 30 s (lighter.md §6.1: send something at least every 2 min). */
  pingIntervalMs?: number;
  /** A connection silent for this long is considered dead and replaced, ms. Default 2.5 × ping period. */
  staleAfterMs?: number;
  /** Backoff between reconnect attempts. Default 500 ms doubling to 30 s. */
  reconnect?: BackoffOptions;
}

/** Connection changes as listeners see them. */
export type WsState = 'connected' | 'disconnected';

interface Subscription {
  auth: boolean;
  handler: (message: Record<string, unknown>) => void;
}

/**
 * Lighter's WebSocket stream (lighter.md §6.1): one socket carrying every
 * channel of one account.
 * - Subscriptions are remembered and sent again after every (re)connect
 *   (§6.1: subscriptions do not survive a reconnect); private ones carry a
 *   fresh auth token.
 * - Replies are routed by channel: Lighter answers `order_book/0` as
 *   `order_book:0`.
 * - Keepalive: server pings are answered with a pong; the client pings every
 *   `pingIntervalMs`; a connection silent for `staleAfterMs` is dropped.
 * - Reconnect with exponential backoff and jitter whenever the socket closes
 *   (the venue closes sockets after ~30 min), until {@link close}.
 */
export class LighterWs {
  private socket: WebSocket | null = null;
  private readonly subs = new Map<string, Subscription>();
  private readonly stateListeners = new Set<(state: WsState) => void>();
  private readonly stop = new AbortController();
  private open = false;
  private attempt = 0;
  private lastMessageAt = 0;
  private readonly pingIntervalMs: number;
  private readonly staleAfterMs: number;
  private readonly reconnect: BackoffOptions;

  constructor(private readonly opts: LighterWsOptions) {
    this.pingIntervalMs = opts.pingIntervalMs ?? 30_000;
    this.staleAfterMs = opts.staleAfterMs ?? this.pingIntervalMs * 2.5;
    this.reconnect = opts.reconnect ?? { baseMs: 500, maxMs: 30_000 };
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
        reject(new VenueUnavailableError('lighter', `no Lighter WebSocket connection to ${this.opts.url} within ${timeoutMs} ms`));
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
   * Subscribes to `channel` (slash form, e.g. `order_book/0`), now if
   * connected and again after every reconnect. `auth` adds an auth token
   * (private channels, §2). Returns the unsubscribe function.
   */
  subscribe(channel: string, auth: boolean, handler: (message: Record<string, unknown>) => void): () => void {
    this.subs.set(channel, { auth, handler });
    if (this.open) void this.sendSubscribe(channel, auth);
    return () => {
      if (this.subs.get(channel)?.handler !== handler) return;
      this.subs.delete(channel);
      this.send({ type: 'unsubscribe', channel });
    };
  }

  /** Unsubscribes and subscribes `channel` again, for a fresh snapshot (book resync). */
  resubscribe(channel: string): void {
    const sub = this.subs.get(channel);
    if (!sub || !this.open) return;
    this.send({ type: 'unsubscribe', channel });
    void this.sendSubscribe(channel, sub.auth);
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
    socket.on('message', (data) => this.onMessage(socket, data));
    socket.on('error', (err) => this.opts.logger.debug({ err: err.message }, 'Lighter WebSocket error'));
    socket.on('close', () => {
      connection.abort(new Error('socket closed'));
      void this.onClose(socket);
    });
  }

  private async onOpen(socket: WebSocket, connection: AbortSignal): Promise<void> {
    this.lastMessageAt = this.opts.clock.now();
    try {
      for (const [channel, sub] of this.subs) await this.sendSubscribe(channel, sub.auth);
    } catch (err) {
      this.opts.logger.warn({ err: (err as Error).message }, 'Lighter WebSocket subscribe failed; reconnecting');
      socket.terminate();
      return;
    }
    if (this.socket !== socket || socket.readyState !== WebSocket.OPEN) return;
    this.open = true;
    this.emit('connected');
    void this.keepalive(socket, connection);
  }

  private async onClose(socket: WebSocket): Promise<void> {
    if (this.socket !== socket && this.socket !== null) return;
    const wasOpen = this.open;
    this.open = false;
    if (wasOpen) this.emit('disconnected');
    if (this.stop.signal.aborted) return;
    const delay = backoffDelay(this.attempt++, this.reconnect);
    this.opts.logger.info({ delayMs: delay, attempt: this.attempt }, 'Lighter WebSocket closed; reconnecting');
    try {
      await this.opts.clock.sleep(delay, this.stop.signal);
    } catch {
      return;
    }
    this.connect();
  }

  private onMessage(socket: WebSocket, data: WebSocket.RawData): void {
    this.lastMessageAt = this.opts.clock.now();
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(data.toString()) as Record<string, unknown>;
    } catch {
      this.opts.logger.warn('Lighter WebSocket sent a message that is not JSON');
      return;
    }
    if (message === null || typeof message !== 'object') return;
    const type = message.type;
    if (type === 'ping') {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'pong' }));
      return;
    }
    if (type === 'connected') {
      this.attempt = 0;
      return;
    }
    const error = wsErrorSchema.safeParse(message);
    if (error.success) {
      this.opts.logger.warn({ code: error.data.error.code, venueMessage: error.data.error.message }, 'Lighter WebSocket error message');
      return;
    }
    if (typeof message.channel !== 'string' || type === 'unsubscribed') return;
    const { kind, id } = parseWsChannel(message.channel);
    this.subs.get(`${kind}/${id}`)?.handler(message);
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
      if (this.opts.clock.now() - this.lastMessageAt > this.staleAfterMs) {
        this.opts.logger.warn({ silentMs: this.opts.clock.now() - this.lastMessageAt }, 'Lighter WebSocket silent; reconnecting');
        socket.terminate();
        return;
      }
      this.send({ type: 'ping' });
    }
  }

  private async sendSubscribe(channel: string, auth: boolean): Promise<void> {
    const message: Record<string, string> = { type: 'subscribe', channel };
    if (auth) message.auth = await this.opts.authToken();
    this.send(message);
  }

  private send(message: Record<string, unknown>): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private emit(state: WsState): void {
    for (const l of this.stateListeners) l(state);
  }
}
