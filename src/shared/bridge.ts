import type { CommandName, EventName, EventPayloadOf, RequestOf, ResponseOf } from './contract';
import type { Result } from './errors';

/**
 * What the preload exposes as `window.hedgedesk`, and what the WebSocket
 * transport implements in a browser: nothing else crosses into the renderer.
 */
export interface HedgedeskBridge {
  /** Sends a command; resolves to its result envelope (never rejects for a command failure). */
  invoke<N extends CommandName>(name: N, request: RequestOf<N>): Promise<Result<ResponseOf<N>>>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<N extends EventName>(name: N, listener: (payload: EventPayloadOf<N>) => void): () => void;
}

/** Messages of the headless server's WebSocket protocol (JSON, one per frame). */
export type WsClientMessage = { type: 'invoke'; id: number; name: string; request: unknown };
export type WsServerMessage =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; name: EventName; payload: unknown };
