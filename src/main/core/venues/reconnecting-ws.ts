import type { Agent } from 'node:http';
import WebSocket from 'ws';
import type { Venue as VenueId } from '../../../shared/schemas/venues';
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import { backoffDelay, type BackoffOptions } from './backoff';
import { VenueUnavailableError } from './venue-errors';

/** Connection changes as listeners see them. */
export type WsState = 'connected' | 'disconnected';

/** Construction of a {@link ReconnectingWs}: the venue-agnostic part of a venue's WebSocket options. */
export interface ReconnectingWsOptions {
  /** The venue's stream address (or a simulator's `ws://127.0.0.1:<port>/…`). */
  url: string;
  /** The agent to connect through (an HTTP(S) proxy tunnel, notify/ws-proxy-agent.ts); direct when absent. */
  agent?: Agent;
  clock: Clock;
  logger: Logger;
  /** Client ping period, ms. Default 30 s. */
  pingIntervalMs?: number;
  /** A connection silent (no message, no pong) for this long is considered dead and replaced, ms. Default 2.5 × ping period. */
  staleAfterMs?: number;
  /** Backoff between reconnect attempts. Default 500 ms doubling to 30 s. */
  reconnect?: BackoffOptions;
}

/** Who the connection is, for errors and logs. */
export interface WsIdentity {
  /** The venue named in errors. */
  venue: VenueId;
  /** The venue's display name in messages (e.g. `Lighter`). */
  label: string;
  /** True: the reconnect backoff restarts once a connection's handshake succeeded; false: the subclass calls {@link ReconnectingWs.resetBackoff}. */
  resetBackoffWhenOpen: boolean;
}

/**
 * One venue WebSocket kept open: connects, runs the venue's handshake
 * ({@link handshake}: auth, subscriptions) on every (re)connect, parses each
 * message as JSON for {@link handleMessage}, pings every `pingIntervalMs`
 * ({@link ping}) and replaces a connection silent for `staleAfterMs`, and
 * reconnects with exponential backoff and jitter whenever the socket closes,
 * until {@link close}. The protocol (message formats, channel names, auth)
 * is the subclass's.
 */
export abstract class ReconnectingWs {
  private socket: WebSocket | null = null;
  private readonly stateListeners = new Set<(state: WsState) => void>();
  private readonly stop = new AbortController();
  private open = false;
  private attempt = 0;
  private lastHeardAt = 0;
  private readonly pingIntervalMs: number;
  private readonly staleAfterMs: number;
  private readonly reconnect: BackoffOptions;

  constructor(
    private readonly base: ReconnectingWsOptions,
    protected readonly identity: WsIdentity,
  ) {
    this.pingIntervalMs = base.pingIntervalMs ?? 30_000;
    this.staleAfterMs = base.staleAfterMs ?? this.pingIntervalMs * 2.5;
    this.reconnect = base.reconnect ?? { baseMs: 500, maxMs: 30_000 };
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
        reject(new VenueUnavailableError(this.identity.venue, `no ${this.identity.label} WebSocket connection to ${this.base.url} within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.onState((state) => {
        if (state !== 'connected') return;
        clearTimeout(timer);
        off();
        resolve();
      });
    });
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

  /**
   * The venue's handshake on a fresh socket (auth, subscribing every
   * remembered channel). Logs its own failures and returns false to have the
   * socket dropped (and reconnected); true marks the connection open.
   */
  protected abstract handshake(): Promise<boolean>;

  /** One parsed (JSON) message from `socket`. */
  protected abstract handleMessage(socket: WebSocket, message: unknown): void;

  /** Sends the venue's keepalive ping on `socket`. */
  protected abstract ping(socket: WebSocket): void;

  /** Called when the current socket closed, before listeners hear `disconnected` (e.g. to fail pending requests). */
  protected socketClosed(): void {}

  /** True while a connection is open and its handshake done. */
  protected get isOpen(): boolean {
    return this.open;
  }

  /** The current socket when it is open (handshake possibly still running), else null. */
  protected get openSocket(): WebSocket | null {
    return this.socket?.readyState === WebSocket.OPEN ? this.socket : null;
  }

  /** Restarts the reconnect backoff (the venue confirmed the connection). */
  protected resetBackoff(): void {
    this.attempt = 0;
  }

  /** Sends `message` as JSON when the socket is open; dropped otherwise. */
  protected sendJson(message: Record<string, unknown>): void {
    this.openSocket?.send(JSON.stringify(message));
  }

  private connect(): void {
    if (this.stop.signal.aborted) return;
    const socket = new WebSocket(this.base.url, this.base.agent ? { agent: this.base.agent } : undefined);
    this.socket = socket;
    const connection = new AbortController();
    socket.on('open', () => void this.onOpen(socket, connection.signal));
    socket.on('message', (data) => this.onMessage(socket, data));
    socket.on('pong', () => {
      this.lastHeardAt = this.base.clock.now();
    });
    socket.on('error', (err) => this.base.logger.debug({ err: err.message }, `${this.identity.label} WebSocket error`));
    socket.on('close', () => {
      connection.abort(new Error('socket closed'));
      void this.onClose(socket);
    });
  }

  private async onOpen(socket: WebSocket, connection: AbortSignal): Promise<void> {
    this.lastHeardAt = this.base.clock.now();
    if (!(await this.handshake())) {
      socket.terminate();
      return;
    }
    if (this.socket !== socket || socket.readyState !== WebSocket.OPEN) return;
    this.open = true;
    if (this.identity.resetBackoffWhenOpen) this.attempt = 0;
    this.emit('connected');
    void this.keepalive(socket, connection);
  }

  private async onClose(socket: WebSocket): Promise<void> {
    if (this.socket !== socket && this.socket !== null) return;
    this.socketClosed();
    const wasOpen = this.open;
    this.open = false;
    if (wasOpen) this.emit('disconnected');
    if (this.stop.signal.aborted) return;
    const delay = backoffDelay(this.attempt++, this.reconnect);
    this.base.logger.info({ delayMs: delay, attempt: this.attempt }, `${this.identity.label} WebSocket closed; reconnecting`);
    try {
      await this.base.clock.sleep(delay, this.stop.signal);
    } catch {
      return;
    }
    this.connect();
  }

  private onMessage(socket: WebSocket, data: WebSocket.RawData): void {
    this.lastHeardAt = this.base.clock.now();
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      this.base.logger.warn(`${this.identity.label} WebSocket sent a message that is not JSON`);
      return;
    }
    this.handleMessage(socket, message);
  }

  private async keepalive(socket: WebSocket, connection: AbortSignal): Promise<void> {
    const signal = AbortSignal.any([connection, this.stop.signal]);
    // Ends when this connection closes (the sleep rejects).
    for (;;) {
      try {
        await this.base.clock.sleep(this.pingIntervalMs, signal);
      } catch {
        return;
      }
      if (this.base.clock.now() - this.lastHeardAt > this.staleAfterMs) {
        this.base.logger.warn({ silentMs: this.base.clock.now() - this.lastHeardAt }, `${this.identity.label} WebSocket silent; reconnecting`);
        socket.terminate();
        return;
      }
      this.ping(socket);
    }
  }

  private emit(state: WsState): void {
    for (const l of this.stateListeners) l(state);
  }
}
