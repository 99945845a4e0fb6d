import type { TransportState } from '../../../../shared/schemas/maker-taker-hedge';
import { ChannelListeners } from './channel-listeners';
import type { FillChannel, FillMessage } from './fill-message';

/** The transport is down: the message was not sent (A resends it when the transport is back). */
export class TransportDownError extends Error {
  constructor(what: string) {
    super(`the fill transport is down: ${what} not sent`);
    this.name = 'TransportDownError';
  }
}

/**
 * How A's fills reach B and B's hedge acks reach A: in-process
 * ({@link InProcessTransport}) or through Redis pub/sub (redis-transport.ts).
 * Delivery is at most once per publish; A resends what B has not acked and B
 * dedupes by message id, so each fill is hedged exactly once.
 */
export interface FillTransport {
  /** `off` for in-process (always up), else the connection's state. */
  state(): TransportState;
  /** Called on every state change; returns the unsubscribe function. */
  onState(listener: (state: TransportState) => void): () => void;
  /** Connects and subscribes. @throws Error when it cannot connect. */
  start(): Promise<void>;
  /** Publishes a message. @throws TransportDownError when the transport is down. */
  publish(channel: FillChannel, message: FillMessage): Promise<void>;
  /** Listens to a channel's messages (parsed; see fill-message.ts). Returns the unsubscribe function. */
  subscribe(channel: FillChannel, listener: (message: FillMessage) => void): () => void;
  close(): Promise<void>;
}

/** The in-process transport: A and B in one run; delivered on the next microtask; always `off` (nothing to lose). */
export class InProcessTransport implements FillTransport {
  private readonly listeners = new ChannelListeners();

  state(): TransportState {
    return 'off';
  }

  onState(): () => void {
    return () => undefined;
  }

  async start(): Promise<void> {}

  async publish(channel: FillChannel, message: FillMessage): Promise<void> {
    const copy = structuredClone(message);
    await Promise.resolve();
    this.listeners.deliver(channel, copy);
  }

  subscribe(channel: FillChannel, listener: (message: FillMessage) => void): () => void {
    return this.listeners.add(channel, listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
