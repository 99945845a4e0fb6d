import type { HedgedeskBridge, WsClientMessage, WsServerMessage } from '../../../shared/bridge';
import { isEventName, type CommandName, type EventName, type EventPayloadOf, type RequestOf, type ResponseOf } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';

/**
 * State of the WebSocket connection: `connecting` until the first open or
 * failure, `connected` while open, `reconnecting` after a drop or a failed
 * attempt until the next open.
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

/** The part of the DOM `WebSocket` the transport uses (so tests can pass a fake). */
export type SocketLike = Pick<WebSocket, 'readyState' | 'send' | 'onopen' | 'onclose' | 'onmessage'>;

/** Options of {@link WsTransport}. */
export interface WsTransportOptions {
  /** Endpoint including the token, e.g. `ws://127.0.0.1:7321/ws?token=…`. */
  url: string;
  /** Opens a socket; the browser's `WebSocket` by default. */
  createSocket?: (url: string) => SocketLike;
  /** First reconnect delay in ms; doubles per failed attempt. */
  initialBackoffMs?: number;
  /** Longest reconnect delay in ms. */
  maxBackoffMs?: number;
}

type Resolve = (result: Result<unknown>) => void;
type Listener = (payload: unknown) => void;

const OPEN = 1;

/** The result given to invokes that were sent on a socket that then dropped. */
const CONNECTION_LOST: Result<never> = { ok: false, error: { code: 'INTERNAL', message: 'connection lost' } };

function parseServerMessage(data: unknown): WsServerMessage | null {
  if (typeof data !== 'string') return null;
  try {
    const m = JSON.parse(data) as Partial<WsServerMessage> | null;
    if (m?.type === 'result' && typeof m.id === 'number' && typeof m.result === 'object' && m.result !== null) return m as WsServerMessage;
    if (m?.type === 'event' && isEventName(m.name)) return m as WsServerMessage;
  } catch {
    /* not JSON: ignored below */
  }
  return null;
}

/**
 * {@link HedgedeskBridge} over the headless server's WebSocket
 * (`{type:'invoke'}` out; `{type:'result'}` and `{type:'event'}` in).
 * Invokes made while the socket is not open are queued and sent once it opens.
 * When the socket drops, invokes already sent on it resolve to an `INTERNAL`
 * "connection lost" error (the server may or may not have applied them), and
 * the transport reconnects with exponential backoff.
 */
export class WsTransport implements HedgedeskBridge {
  private socket: SocketLike | null = null;
  private nextId = 1;
  /** Invokes waiting for an open socket. */
  private queued: WsClientMessage[] = [];
  /** Resolvers of every invoke not yet answered (queued or sent). */
  private readonly resolvers = new Map<number, Resolve>();
  /** Ids sent on the current socket and not yet answered. */
  private readonly inFlight = new Set<number>();
  private readonly listeners = new Map<EventName, Set<Listener>>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private current: ConnectionState = 'connecting';
  private failedAttempts = 0;
  private readonly createSocket: (url: string) => SocketLike;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;

  constructor(private readonly options: WsTransportOptions) {
    this.createSocket = options.createSocket ?? ((url) => new WebSocket(url));
    this.initialBackoffMs = options.initialBackoffMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 10_000;
    this.connect();
  }

  /** The current connection state. */
  get state(): ConnectionState {
    return this.current;
  }

  /** Calls `listener` on every state change; returns the unsubscribe function. */
  onStateChange(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  invoke<N extends CommandName>(name: N, request: RequestOf<N>): Promise<Result<ResponseOf<N>>> {
    return new Promise<Result<ResponseOf<N>>>((resolve) => {
      const id = this.nextId++;
      // The wire is untyped; the server answers id N with the result of command N.
      this.resolvers.set(id, resolve as Resolve);
      const message: WsClientMessage = { type: 'invoke', id, name, request };
      if (this.socket?.readyState === OPEN) this.send(this.socket, message);
      else this.queued.push(message);
    });
  }

  on<N extends EventName>(name: N, listener: (payload: EventPayloadOf<N>) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    // Payloads of event N are EventPayloadOf<N>: the server emits them from the same contract.
    const untyped = listener as Listener;
    set.add(untyped);
    return () => set.delete(untyped);
  }

  private send(socket: SocketLike, message: WsClientMessage): void {
    this.inFlight.add(message.id);
    socket.send(JSON.stringify(message));
  }

  private setState(state: ConnectionState): void {
    if (state === this.current) return;
    this.current = state;
    for (const listener of this.stateListeners) listener(state);
  }

  private connect(): void {
    const socket = this.createSocket(this.options.url);
    this.socket = socket;
    socket.onopen = () => {
      this.failedAttempts = 0;
      this.setState('connected');
      const queued = this.queued;
      this.queued = [];
      for (const message of queued) this.send(socket, message);
    };
    socket.onmessage = (event: MessageEvent) => this.receive(event.data);
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      for (const id of this.inFlight) this.settle(id, CONNECTION_LOST);
      this.inFlight.clear();
      this.setState('reconnecting');
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    const delay = Math.min(this.maxBackoffMs, this.initialBackoffMs * 2 ** this.failedAttempts);
    this.failedAttempts++;
    // Jitter (±20%) so many tabs do not reconnect in lockstep after a server restart.
    const jittered = delay * (0.8 + Math.random() * 0.4);
    setTimeout(() => this.connect(), jittered);
  }

  private receive(data: unknown): void {
    const message = parseServerMessage(data);
    if (!message) return;
    if (message.type === 'result') {
      this.inFlight.delete(message.id);
      this.settle(message.id, message.result);
      return;
    }
    for (const listener of this.listeners.get(message.name) ?? []) {
      try {
        listener(message.payload);
      } catch (err) {
        console.error(`listener of event "${message.name}" failed`, err);
      }
    }
  }

  private settle(id: number, result: Result<unknown>): void {
    const resolve = this.resolvers.get(id);
    this.resolvers.delete(id);
    resolve?.(result);
  }
}
