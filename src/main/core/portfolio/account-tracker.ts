import type Decimal from 'decimal.js';
import type { Account } from '../../../shared/schemas/account';
import type { AccountPortfolio, ConnectionState, PortfolioPosition } from '../../../shared/schemas/portfolio';
import type { Clock } from '../clock';
import { MissingSecretError } from '../engine/engine-errors';
import type { VenueProvider } from '../engine/venue-provider';
import type { Logger } from '../log/logger';
import type { AccountEvent, BookSubscription, Collateral, Fill, Market, Order, Position, Venue } from '../venues/venue';
import { bookMid, markFromPnl, unrealizedPnlAt } from './mark-price';
import type { ExposureInput } from './net-exposure';

/** What an {@link AccountTracker} needs. */
export interface AccountTrackerDeps {
  venues: VenueProvider;
  /** Wall clock: `disconnectedSince`. */
  clock: Clock;
  logger: Logger;
  /** Called after every change of what {@link AccountTracker.view} returns (possibly very often: throttle). */
  onChange: () => void;
}

/** The live book of one held symbol: its mark (mid) and the subscription, once open. */
interface MarkSource {
  mark: Decimal | null;
  subscription: BookSubscription | null;
  closed: boolean;
}

/** Decimals of an unrealized PnL in USDC. */
const PNL_DECIMALS = 6;
/** How many of the account's latest fills from the venue stream are kept. */
const KEPT_FILLS = 100;

/** A message the user can act on for an account whose venue cannot be opened. */
function openErrorText(err: unknown): string {
  if (err instanceof MissingSecretError) return `no ${err.field} in the keychain: add it on the Accounts page (Secrets)`;
  return err instanceof Error ? err.message : String(err);
}

/**
 * One stored account as the dashboard sees it, live: gets the account's
 * connected {@link Venue} from the engine's {@link VenueProvider} (the one
 * shared with runs), then follows `onAccountEvent` (positions, collateral,
 * connection) and subscribes the live book of every held symbol for its mark
 * (mid of best bid and ask). {@link refresh} re-reads positions and
 * collateral over REST (the safety net) and retries an account whose venue
 * could not be opened. Never throws: failures become state `error` with a
 * message. Never closes the venue (runs share it).
 */
export class AccountTracker {
  private venue: Venue | null = null;
  private state: ConnectionState = 'connecting';
  private disconnectedSince: number | null = null;
  private error: string | null = null;
  private collateral: Collateral | null = null;
  private positions = new Map<string, Position>();
  private readonly markets = new Map<string, Market>();
  private readonly marks = new Map<string, MarkSource>();
  private readonly fills: Fill[] = [];
  private detach: (() => void) | null = null;
  private opening: Promise<void> | null = null;
  private closed = false;
  private loggedError: string | null = null;

  constructor(
    /** The stored account (its label may be updated in place). */
    public account: Account,
    private readonly deps: AccountTrackerDeps,
  ) {}

  /** Opens the account's venue (once; concurrent calls share the attempt). Resolves when connected or in `error`. */
  connect(): Promise<void> {
    if (this.venue) return Promise.resolve();
    this.opening ??= this.open().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  /** Safety net: re-reads positions and collateral over REST, or retries opening the venue after an error. */
  async refresh(): Promise<void> {
    if (this.closed) return;
    if (!this.venue) return this.connect();
    const venue = this.venue;
    try {
      await this.readState(venue);
      if (this.closed) return;
      if (this.state === 'error') this.setConnected();
      this.error = null;
      this.loggedError = null;
    } catch (err) {
      if (this.closed) return;
      this.error = `refresh failed: ${openErrorText(err)}`;
      this.logOnce('warn', this.error);
    }
    this.deps.onChange();
  }

  /** The account's open orders as the venue reports them. @throws Error when the venue is not open; venue errors. */
  async openOrders(): Promise<Order[]> {
    if (!this.venue) throw new Error(this.error ?? 'the account is not connected yet');
    return this.venue.openOrders();
  }

  /** The account's latest fills from the venue's account stream since it was opened (at most 100), newest first. */
  recentFills(): readonly Fill[] {
    return this.fills;
  }

  /** Stops listening (account events, books); the venue stays open for runs. */
  close(): void {
    this.closed = true;
    this.detach?.();
    this.detach = null;
    for (const symbol of [...this.marks.keys()]) this.dropMark(symbol);
  }

  /** The account as the snapshot shows it. */
  view(): AccountPortfolio {
    const a = this.account;
    return {
      accountId: a.id,
      label: a.label,
      venue: a.venue,
      mode: a.mode,
      connection: this.state,
      disconnectedSince: this.disconnectedSince,
      error: this.error,
      equity: this.collateral?.total.toFixed() ?? null,
      available: this.collateral?.available.toFixed() ?? null,
      positions: [...this.positions.values()].sort((x, y) => (x.symbol < y.symbol ? -1 : 1)).map((p) => this.positionView(p)),
    };
  }

  /** The positions with their marks, for the net exposure. */
  exposureInputs(): ExposureInput[] {
    return [...this.positions.values()].map((p) => ({
      symbol: p.symbol,
      size: p.size,
      markPrice: this.markOf(p),
      ...this.decimalsOf(p),
    }));
  }

  private async open(): Promise<void> {
    try {
      const venue = await this.deps.venues.venueFor(this.account);
      if (this.closed) return;
      this.venue = venue;
      this.detach = venue.onAccountEvent((e) => this.onEvent(e));
      await this.readState(venue);
      if (this.closed) return;
      this.setConnected();
      this.error = null;
      this.loggedError = null;
      this.deps.logger.info({ component: 'portfolio', account: this.account.id }, `dashboard connected to ${this.account.venue} account "${this.account.label}"`);
    } catch (err) {
      if (this.closed) return;
      this.state = 'error';
      this.error = openErrorText(err);
      this.disconnectedSince ??= this.deps.clock.now();
      this.logOnce('warn', `cannot open ${this.account.venue} account "${this.account.label}": ${this.error}`);
    }
    this.deps.onChange();
  }

  private async readState(venue: Venue): Promise<void> {
    if (this.markets.size === 0) for (const m of await venue.markets()) this.markets.set(m.symbol, m);
    const [positions, collateral] = await Promise.all([venue.positions(), venue.collateral()]);
    if (this.closed) return;
    this.applyPositions(positions);
    this.collateral = collateral;
  }

  private onEvent(event: AccountEvent): void {
    if (this.closed) return;
    switch (event.type) {
      case 'positions':
        this.applyPositions(event.positions);
        break;
      case 'collateral':
        this.collateral = event.collateral;
        break;
      case 'fill':
        this.fills.unshift(event.fill);
        if (this.fills.length > KEPT_FILLS) this.fills.length = KEPT_FILLS;
        return;
      case 'connection':
        if (event.state === 'disconnected') {
          this.state = 'disconnected';
          this.disconnectedSince ??= this.deps.clock.now();
        } else {
          this.setConnected();
        }
        break;
      default:
        return;
    }
    this.deps.onChange();
  }

  private setConnected(): void {
    this.state = 'connected';
    this.disconnectedSince = null;
  }

  private applyPositions(positions: readonly Position[]): void {
    this.positions = new Map(positions.filter((p) => !p.size.isZero()).map((p) => [p.symbol, p]));
    for (const symbol of [...this.marks.keys()]) if (!this.positions.has(symbol)) this.dropMark(symbol);
    for (const symbol of this.positions.keys()) if (!this.marks.has(symbol)) this.followMark(symbol);
  }

  /** Subscribes the symbol's live book; its mid becomes the mark. A failed subscription is retried on the next positions update. */
  private followMark(symbol: string): void {
    const venue = this.venue;
    if (!venue) return;
    const source: MarkSource = { mark: null, subscription: null, closed: false };
    this.marks.set(symbol, source);
    venue.subscribeBook(symbol).then(
      (subscription) => {
        if (source.closed) return subscription.close();
        source.subscription = subscription;
        source.mark = bookMid(subscription.snapshot());
        subscription.onUpdate((book) => {
          source.mark = bookMid(book) ?? source.mark;
          this.deps.onChange();
        });
        this.deps.onChange();
      },
      (err: unknown) => {
        if (this.marks.get(symbol) === source) this.marks.delete(symbol);
        this.deps.logger.debug({ component: 'portfolio', account: this.account.id, symbol, err: (err as Error).message }, 'no live book for the mark price');
      },
    );
  }

  private dropMark(symbol: string): void {
    const source = this.marks.get(symbol);
    if (!source) return;
    source.closed = true;
    source.subscription?.close();
    this.marks.delete(symbol);
  }

  /** The mark of a held symbol: the live book's mid, else derived from the venue's uPnL. */
  private markOf(p: Position): Decimal | null {
    return this.marks.get(p.symbol)?.mark ?? markFromPnl(p);
  }

  private decimalsOf(p: Position): { priceDecimals: number; sizeDecimals: number } {
    const m = this.markets.get(p.symbol);
    return { priceDecimals: m?.priceDecimals ?? p.entryPrice.decimalPlaces(), sizeDecimals: m?.sizeDecimals ?? p.size.decimalPlaces() };
  }

  private positionView(p: Position): PortfolioPosition {
    const bookMark = this.marks.get(p.symbol)?.mark ?? null;
    const mark = bookMark ?? markFromPnl(p) ?? p.entryPrice;
    const pnl = bookMark ? unrealizedPnlAt(p, bookMark) : p.unrealizedPnl;
    return {
      symbol: p.symbol,
      size: p.size.toFixed(),
      entryPrice: p.entryPrice.toFixed(),
      markPrice: mark.toFixed(),
      unrealizedPnl: pnl.toDecimalPlaces(PNL_DECIMALS).toFixed(),
      liquidationPrice: p.liquidationPrice?.toFixed() ?? null,
      ...this.decimalsOf(p),
    };
  }

  private logOnce(level: 'warn' | 'error', message: string): void {
    if (this.loggedError === message) return;
    this.loggedError = message;
    this.deps.logger[level]({ component: 'portfolio', account: this.account.id }, message);
  }
}
