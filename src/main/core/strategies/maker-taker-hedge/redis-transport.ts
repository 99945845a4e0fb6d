import { Redis } from 'ioredis';
import type { TransportState } from '../../../../shared/schemas/maker-taker-hedge';
import { ChannelListeners } from './channel-listeners';
import { A_FILLED_CHANNEL, B_FILLED_CHANNEL, parseFillMessage, type FillChannel, type FillMessage } from './fill-message';
import { TransportDownError, type FillTransport } from './fill-transport';
import { redactRedisUrl } from './redis-url';

/** Construction of a {@link RedisTransport}. */
export interface RedisTransportOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…`. */
  url: string;
  /** How long the first connection may take, ms (wall clock). Default 5000. */
  connectTimeoutMs?: number;
  /** Largest pause between reconnection attempts, ms. Default 1000. */
  maxReconnectDelayMs?: number;
  /** A message on a channel that does not parse (logged by the caller, never delivered). */
  onInvalid(channel: string, error: string): void;
}

/**
 * Fill events through Redis pub/sub (ioredis), on the originals' channels
 * `hedge:account_a_filled` and `hedge:account_b_filled`, so A and B can run
 * in two processes on two machines (or one side can be the original Python
 * script). Two connections: one publishes (no offline queue: a publish while
 * the connection is down fails at once with {@link TransportDownError}), one
 * subscribes (ioredis resubscribes after a reconnect). The state is `up` when
 * both are ready and the first SUBSCRIBE was answered (a fill published before
 * that would be lost: pub/sub keeps nothing), `down` as soon as either is lost; ioredis reconnects on its
 * own (backoff up to `maxReconnectDelayMs`).
 */
export class RedisTransport implements FillTransport {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private current: TransportState = 'connecting';
  private readonly stateListeners = new Set<(s: TransportState) => void>();
  private readonly listeners = new ChannelListeners();
  private closed = false;
  /** The first SUBSCRIBE to both channels was answered. */
  private subscribed = false;

  constructor(private readonly opts: RedisTransportOptions) {
    const common = {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: opts.connectTimeoutMs ?? 5_000,
      retryStrategy: (times: number) => (this.closed ? null : Math.min(50 * 2 ** Math.min(times, 5), opts.maxReconnectDelayMs ?? 1_000)),
    };
    this.pub = new Redis(opts.url, common);
    this.sub = new Redis(opts.url, { ...common, enableOfflineQueue: true });
    for (const client of [this.pub, this.sub]) {
      client.on('ready', () => this.update());
      client.on('close', () => this.update());
      client.on('end', () => this.update());
      client.on('error', () => this.update());
    }
    this.sub.on('message', (channel: string, text: string) => {
      let message: FillMessage;
      try {
        message = parseFillMessage(text);
      } catch (err) {
        this.opts.onInvalid(channel, (err as Error).message);
        return;
      }
      this.listeners.deliver(channel, message);
    });
  }

  state(): TransportState {
    return this.current;
  }

  onState(listener: (state: TransportState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /**
   * Connects both connections and subscribes to both channels.
   * @throws Error naming the (password-free) URL when Redis cannot be reached.
   */
  async start(): Promise<void> {
    try {
      await Promise.all([this.pub.connect(), this.sub.connect()]);
      await this.sub.subscribe(A_FILLED_CHANNEL, B_FILLED_CHANNEL);
      this.subscribed = true;
    } catch (err) {
      await this.close();
      throw new Error(`cannot reach Redis at ${redactRedisUrl(this.opts.url)}: ${(err as Error).message}`, { cause: err });
    }
    this.update();
  }

  async publish(channel: FillChannel, message: FillMessage): Promise<void> {
    if (this.current !== 'up') throw new TransportDownError(`${channel} ${message.id}`);
    try {
      await this.pub.publish(channel, JSON.stringify(message));
    } catch (err) {
      this.update();
      throw new TransportDownError(`${channel} ${message.id} (${(err as Error).message})`);
    }
  }

  subscribe(channel: FillChannel, listener: (message: FillMessage) => void): () => void {
    return this.listeners.add(channel, listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    this.pub.disconnect();
    this.sub.disconnect();
    this.update();
  }

  private update(): void {
    const next: TransportState = this.closed ? 'down' : this.subscribed && this.pub.status === 'ready' && this.sub.status === 'ready' ? 'up' : this.current === 'connecting' ? 'connecting' : 'down';
    if (next === this.current) return;
    this.current = next;
    for (const l of this.stateListeners) l(next);
  }
}
