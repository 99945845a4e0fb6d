import type Decimal from 'decimal.js';
import type { Clock } from '../../clock';
import type { StrategyContext } from '../../engine/strategy';
import type { BookSnapshot, Market } from '../../venues/venue';
import type { MakerTakerConfig } from './config-schema';
import type { FillTransport } from './fill-transport';
import type { MakerTakerState } from './run-state';

/** What the run gives its legs (A: maker-leg.ts, B: taker-leg.ts). */
export interface LegHost {
  readonly ctx: StrategyContext;
  readonly cfg: MakerTakerConfig;
  readonly market: Market;
  readonly clock: Clock;
  readonly transport: FillTransport;
  /** True when the other leg is elsewhere and answers through the transport (A waits for acks), or here. */
  readonly expectAcks: boolean;
  /** Aborted when the run ends its loop: stop request, hedge failure, risk halt, max cycles. */
  readonly halt: AbortSignal;
  /** The persisted state; call {@link save} after changing it. */
  readonly state: MakerTakerState;
  save(): void;
  /** Something the live view shows changed: emits the `maker-taker` event. */
  changed(): void;
  /** Reports the net exposure to the risk guard unless a fill of A still waits for B's hedge in this process. */
  publishExposure(): void;
  /** An A fill published in this process that B has not placed a hedge for yet (or did now). */
  awaitingPlacement(id: string, waiting: boolean): void;
  /**
   * A hedge could not be made: notifies (`hedge-failed`), logs and ends the
   * run as a failsafe with `reason` (A's unhedged size has been flattened by
   * then, when A trades here).
   */
  hedgeFailed(reason: string): void;
  /** The live L2 book of the market (WebSocket), null when it could not be subscribed. */
  book(): BookSnapshot | null;
  /** The best bid/ask (USDC) from the live book, else over REST: the reference of the hedges' worst prices. */
  quote(): Promise<{ bid: Decimal | null; ask: Decimal | null }>;
  /** Clock time in whole ms. */
  now(): number;
  /** Sleeps on the clock; ends early (without throwing) when the run halts. */
  sleep(ms: number): Promise<void>;
  info(message: string): void;
  warn(message: string): void;
}
