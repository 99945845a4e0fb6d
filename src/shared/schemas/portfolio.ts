import { z } from 'zod';
import { accountIdSchema, accountModeSchema } from './account';
import { runStatusSchema } from './runs';
import { venueSchema } from './venues';

/**
 * What every account holds and how the desk stands per symbol, as the
 * dashboard, the per-account view and the notification rules see it
 * (contract `portfolio.get`, `portfolio.account`, event `portfolio.changed`).
 * Money and sizes are decimal strings, never floats: money and prices in
 * USDC, sizes in base units (signed: positive long, negative short).
 * Times are Unix ms (wall clock).
 */
const dec = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal string');

/**
 * Connection of an account's venue client:
 * - `connecting`: being opened (first connect, or after an account change);
 * - `connected`: streams up;
 * - `disconnected`: the stream dropped, the client reconnects by itself (`disconnectedSince` says since when);
 * - `error`: the venue cannot be opened (missing secret, unsupported venue, no signer…; `error` says why), retried periodically.
 */
export const connectionStateSchema = z.enum(['connecting', 'connected', 'disconnected', 'error']);
export type ConnectionState = z.infer<typeof connectionStateSchema>;

/**
 * One open position of one account.
 * - `size`: signed, base units.
 * - `entryPrice`, `markPrice`, `liquidationPrice`: USDC per base unit. The mark is the mid of the
 *   venue's live best bid and ask; before the book's first snapshot it is derived from the venue's
 *   reported unrealized PnL (entry + uPnL / size).
 * - `unrealizedPnl`: USDC, size × (mark − entry) once the book is live, else as the venue reports it.
 * - `priceDecimals`, `sizeDecimals`: the market's decimals, for display.
 */
export const portfolioPositionSchema = z.object({
  symbol: z.string(),
  size: dec,
  entryPrice: dec,
  markPrice: dec,
  unrealizedPnl: dec,
  liquidationPrice: dec.nullable(),
  priceDecimals: z.number().int().nonnegative(),
  sizeDecimals: z.number().int().nonnegative(),
});
export type PortfolioPosition = z.infer<typeof portfolioPositionSchema>;

/**
 * One stored account as it stands now: connection, collateral (USDC;
 * `equity` = the venue's total collateral, `available` = what can back new
 * orders; null until first read) and open positions.
 */
export const accountPortfolioSchema = z.object({
  accountId: accountIdSchema,
  label: z.string(),
  venue: venueSchema,
  mode: accountModeSchema,
  connection: connectionStateSchema,
  /** When the connection was last lost (`disconnected`/`error` since), Unix ms; null while connected or connecting for the first time. */
  disconnectedSince: z.number().int().nullable(),
  /** Why the account is in `error` (or the last refresh failed); null otherwise. */
  error: z.string().nullable(),
  equity: dec.nullable(),
  available: dec.nullable(),
  positions: z.array(portfolioPositionSchema),
});
export type AccountPortfolio = z.infer<typeof accountPortfolioSchema>;

/**
 * Net exposure of one symbol across every account and venue:
 * - `netSize` = Σ signed position sizes (base units);
 * - `markPrice`: USDC, the mark of the first account (in account order) holding the symbol;
 * - `netNotional` = |netSize| × markPrice (USDC, ≥ 0);
 * - `beyondThreshold`: netNotional > the settings' `exposureThresholdUsdc`;
 * - `accounts`: how many accounts hold a position in it;
 * - `priceDecimals`, `sizeDecimals`: the market's decimals, for display.
 */
export const symbolNetExposureSchema = z.object({
  symbol: z.string(),
  netSize: dec,
  markPrice: dec,
  netNotional: dec,
  beyondThreshold: z.boolean(),
  accounts: z.number().int().nonnegative(),
  priceDecimals: z.number().int().nonnegative(),
  sizeDecimals: z.number().int().nonnegative(),
});
export type SymbolNetExposure = z.infer<typeof symbolNetExposureSchema>;

/** Every account and the net exposure per symbol at `at` (Unix ms); `thresholdUsdc` is the threshold applied. */
export const portfolioSnapshotSchema = z.object({
  at: z.number().int(),
  thresholdUsdc: dec,
  accounts: z.array(accountPortfolioSchema),
  exposure: z.array(symbolNetExposureSchema),
});
export type PortfolioSnapshot = z.infer<typeof portfolioSnapshotSchema>;

/** An open order of an account (prices USDC, sizes base units). */
export const portfolioOrderSchema = z.object({
  symbol: z.string(),
  venueOrderId: z.string(),
  clientOrderId: z.string().nullable(),
  side: z.enum(['buy', 'sell']),
  type: z.enum(['limit', 'market']),
  timeInForce: z.enum(['GTC', 'IOC', 'POST_ONLY']),
  reduceOnly: z.boolean(),
  price: dec,
  size: dec,
  filledSize: dec,
  status: z.string(),
  updatedAt: z.number().int(),
});
export type PortfolioOrder = z.infer<typeof portfolioOrderSchema>;

/**
 * A fill of an account: price USDC, size base units, fee USDC (negative =
 * rebate), `at` the venue's time. Recorded by a run (store `fills`: `runId`
 * and the order's `purpose`, e.g. `entry`, `hedge`), or seen on the venue's
 * account stream since the app started without any run placing the order
 * (a trade by hand: `runId` and `purpose` null).
 */
export const portfolioFillSchema = z.object({
  fillId: z.string(),
  runId: z.string().nullable(),
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  price: dec,
  size: dec,
  fee: dec,
  liquidity: z.enum(['maker', 'taker']),
  purpose: z.string().nullable(),
  at: z.number().int(),
});
export type PortfolioFill = z.infer<typeof portfolioFillSchema>;

/** A run the account is part of: its role in it (e.g. `A`), the run's status and strategy. */
export const accountRunSchema = z.object({
  runId: z.string(),
  strategy: z.string(),
  role: z.string(),
  status: runStatusSchema,
  interrupted: z.boolean(),
  startedAt: z.number().int().nullable(),
});
export type AccountRun = z.infer<typeof accountRunSchema>;

/**
 * The per-account view (`portfolio.account`): the account's portfolio, its
 * open orders as the venue reports them (empty when not connected;
 * `ordersError` says why they could not be read), its most recent fills
 * (newest first: the store's, and those the venue streamed since the app
 * started that no run recorded) and the runs it is part of (active ones first).
 */
export const accountDetailSchema = z.object({
  portfolio: accountPortfolioSchema,
  openOrders: z.array(portfolioOrderSchema),
  ordersError: z.string().nullable(),
  recentFills: z.array(portfolioFillSchema),
  runs: z.array(accountRunSchema),
});
export type AccountDetail = z.infer<typeof accountDetailSchema>;
