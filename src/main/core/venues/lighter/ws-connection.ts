import WebSocket from 'ws';
import { ReconnectingWs, type ReconnectingWsOptions } from '../reconnecting-ws';
import { parseWsChannel, wsErrorSchema } from './wire';

export type { WsState } from '../reconnecting-ws';

/** Construction of a {@link LighterWs}. */
export interface LighterWsOptions extends ReconnectingWsOptions {
  /** e.g. `wss://mainnet.zklighter.elliot.ai/stream` or the simulator's `ws://127.0.0.1:<port>/stream`. */
  url: string;
  /** An auth token for private channels (lighter.md §2). */
  authToken: () => Promise<string>;
  /** Client ping period, ms. Default 30 s (lighter.md §6.1: send something at least every 2 min). */
  pingIntervalMs?: number;
}

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
 *   (the venue closes sockets after ~30 min), until {@link close}; the
 *   backoff restarts on the server's `connected` message.
 */
export class LighterWs extends ReconnectingWs {
  private readonly subs = new Map<string, Subscription>();

  constructor(private readonly opts: LighterWsOptions) {
    super(opts, { venue: 'lighter', label: 'Lighter', resetBackoffWhenOpen: false });
  }

  /**
   * Subscribes to `channel` (slash form, e.g. `order_book/0`), now if
   * connected and again after every reconnect. `auth` adds an auth token
   * (private channels, §2). Returns the unsubscribe function.
   */
  subscribe(channel: string, auth: boolean, handler: (message: Record<string, unknown>) => void): () => void {
    this.subs.set(channel, { auth, handler });
    if (this.isOpen) void this.sendSubscribe(channel, auth);
    return () => {
      if (this.subs.get(channel)?.handler !== handler) return;
      this.subs.delete(channel);
      this.sendJson({ type: 'unsubscribe', channel });
    };
  }

  /** Unsubscribes and subscribes `channel` again, for a fresh snapshot (book resync). */
  resubscribe(channel: string): void {
    const sub = this.subs.get(channel);
    if (!sub || !this.isOpen) return;
    this.sendJson({ type: 'unsubscribe', channel });
    void this.sendSubscribe(channel, sub.auth);
  }

  protected async handshake(): Promise<boolean> {
    try {
      for (const [channel, sub] of this.subs) await this.sendSubscribe(channel, sub.auth);
      return true;
    } catch (err) {
      this.opts.logger.warn({ err: (err as Error).message }, 'Lighter WebSocket subscribe failed; reconnecting');
      return false;
    }
  }

  protected handleMessage(socket: WebSocket, parsed: unknown): void {
    if (parsed === null || typeof parsed !== 'object') return;
    const message = parsed as Record<string, unknown>;
    const type = message.type;
    if (type === 'ping') {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'pong' }));
      return;
    }
    if (type === 'connected') {
      this.resetBackoff();
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

  protected ping(): void {
    this.sendJson({ type: 'ping' });
  }

  private async sendSubscribe(channel: string, auth: boolean): Promise<void> {
    const message: Record<string, string> = { type: 'subscribe', channel };
    if (auth) message.auth = await this.opts.authToken();
    this.sendJson(message);
  }
}
