import type { Venue as VenueId } from '../../../shared/schemas/venues';
import type { BackoffOptions } from './backoff';
import type { AccountEvent, BookSubscription, Market } from './venue';

/** The parts of a connected venue client that {@link LiveVenueClient} drives. */
export interface LiveSession {
  markets: { all(): Market[]; get(symbol: string): Market };
  ws: { start(): void; waitConnected(timeoutMs: number): Promise<void>; close(): void };
  stream: { start(): Promise<void>; stop(): void; on(listener: (event: AccountEvent) => void): () => void };
  books: { open(symbol: string, timeoutMs: number): Promise<BookSubscription> };
}

/** Timeouts and intervals of a live venue client; the defaults suit the real venue, tests shorten them. */
export interface LiveTiming {
  /** Client WS ping period, ms (default 30 s). */
  pingIntervalMs?: number;
  /** WS reconnect backoff (default 500 ms doubling to 30 s). */
  reconnect?: BackoffOptions;
  /** Backoff between HTTP 429 retries (default 500 ms doubling to 8 s). */
  rateLimitBackoff?: BackoffOptions;
  /** Retries after a rate limit (HTTP 429, or the venue's own code) before RateLimitedError (default 4). */
  maxRateLimitRetries?: number;
  /** Per REST request timeout, ms (default 10 s). */
  restTimeoutMs?: number;
  /** How long connect() waits for the WebSocket, ms (default 15 s). */
  connectTimeoutMs?: number;
  /** How long subscribeBook() waits for the first snapshot, ms (default 10 s). */
  bookTimeoutMs?: number;
}

/**
 * The venue-agnostic half of a live venue client (a market catalogue, a
 * WebSocket, an account stream and book subscriptions): one `connect()` in
 * flight at a time, the account-event fan-out, the stream-then-socket start
 * with clean-up on a failed connect, `close()`, and the {@link Venue} methods
 * that only read the session (`markets`, `market`, `subscribeBook`,
 * `onAccountEvent`). The venue's protocol (REST, auth, orders) is the
 * subclass's; it builds the session in {@link openSession}.
 */
export abstract class LiveVenueClient<S extends LiveSession> {
  private state: S | null = null;
  private connecting: Promise<void> | null = null;
  private readonly listeners = new Set<(event: AccountEvent) => void>();

  /**
   * @param accountId the HedgeDesk account id this client trades for.
   * @param label the venue's display name in messages (e.g. `Lighter`).
   */
  constructor(
    readonly accountId: string,
    private readonly label: string,
    private readonly timing: LiveTiming,
  ) {}

  /** Which venue this client trades on. */
  abstract readonly venue: VenueId;

  /**
   * Connects once (concurrent calls share the attempt; a connected client
   * returns at once). A failed connect leaves nothing running and may be retried.
   * @throws whatever {@link openSession} throws.
   */
  connect(): Promise<void> {
    if (this.state) return Promise.resolve();
    this.connecting ??= this.openSession()
      .then((session) => {
        this.state = session;
      })
      .finally(() => {
        this.connecting = null;
      });
    return this.connecting;
  }

  /** Closes the WebSocket and its timers; `connect()` may be called again. */
  async close(): Promise<void> {
    this.state?.stream.stop();
    this.state?.ws.close();
    this.state = null;
  }

  async markets(): Promise<Market[]> {
    return this.connected().markets.all();
  }

  async market(symbol: string): Promise<Market> {
    return this.connected().markets.get(symbol);
  }

  async subscribeBook(symbol: string): Promise<BookSubscription> {
    return this.connected().books.open(symbol, this.timing.bookTimeoutMs ?? 10_000);
  }

  /** Order updates, fills (each once), positions, collateral and connection changes; may be called before connect(). */
  onAccountEvent(listener: (event: AccountEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Builds and starts a session (usually ending with {@link startStreams}); it becomes current once this resolves. */
  protected abstract openSession(): Promise<S>;

  /** The current session. @throws Error when not connected. */
  protected connected(): S {
    if (!this.state) throw new Error(`${this.label} venue: call connect() first`);
    return this.state;
  }

  /** The current session, null when not connected. */
  protected get session(): S | null {
    return this.state;
  }

  /**
   * Starts the account stream (its events go to the listeners), then builds
   * the book subscriptions (`makeBooks`, after the stream so the stream hears
   * connection changes first) and opens the WebSocket.
   * @returns the book subscriptions.
   * @throws VenueUnavailableError (and stops the stream and socket) when the socket does not connect within `connectTimeoutMs`.
   */
  protected async startStreams<B>(ws: S['ws'], stream: S['stream'], makeBooks: () => B): Promise<B> {
    stream.on((event) => {
      for (const l of this.listeners) l(event);
    });
    await stream.start();
    const books = makeBooks();
    ws.start();
    try {
      await ws.waitConnected(this.timing.connectTimeoutMs ?? 15_000);
    } catch (err) {
      stream.stop();
      ws.close();
      throw err;
    }
    return books;
  }
}
