import Decimal from 'decimal.js';
import type { Side } from './order';

/** An account's position in one market. */
export interface PositionState {
  /** Signed size in base units: positive long, negative short. */
  size: Decimal;
  /** Average entry price (USDC); 0 when flat. */
  avgEntry: Decimal;
  /** Realized PnL accumulated in this market (USDC, before fees). */
  realizedPnl: Decimal;
}

/** One trading account: USDC collateral and per-market positions. */
export interface LedgerAccount {
  id: number;
  /** Deposits ± realized PnL − fees (USDC). Unrealized PnL is not included. */
  collateral: Decimal;
  /** Sim-owned liquidity accounts: never margin-checked. */
  unlimited: boolean;
  positions: Map<number, PositionState>;
  /** Initial margin fractions chosen per market (leverage); absent = the market default. */
  initialMarginFractions: Map<number, Decimal>;
}

/** What a fill changed for one account. */
export interface FillEffect {
  before: { size: Decimal; entryQuote: Decimal };
  /** Realized PnL of the fill (USDC, before fees). */
  realized: Decimal;
  signChanged: boolean;
}

const ZERO = new Decimal(0);

/** A flat position. */
export function flatPosition(): PositionState {
  return { size: ZERO, avgEntry: ZERO, realizedPnl: ZERO };
}

/**
 * The position after trading `signedQty` (positive = bought) at `price`, and
 * the PnL realized by the reducing part. Increasing trades average the entry
 * price; reducing trades keep it; a flip re-enters at `price`.
 */
export function tradePosition(pos: PositionState, signedQty: Decimal, price: Decimal): { position: PositionState; realized: Decimal } {
  const p = pos.size;
  const next = p.add(signedQty);
  if (p.isZero() || p.isNeg() === signedQty.isNeg()) {
    const avg = p.abs().mul(pos.avgEntry).add(signedQty.abs().mul(price)).div(next.abs());
    return { position: { size: next, avgEntry: avg, realizedPnl: pos.realizedPnl }, realized: ZERO };
  }
  const closed = Decimal.min(signedQty.abs(), p.abs());
  const realized = closed.mul(price.sub(pos.avgEntry)).mul(p.isNeg() ? -1 : 1);
  let avgEntry = pos.avgEntry;
  if (next.isZero()) avgEntry = ZERO;
  else if (next.isNeg() !== p.isNeg()) avgEntry = price;
  return { position: { size: next, avgEntry, realizedPnl: pos.realizedPnl.add(realized) }, realized };
}

/**
 * Per-account collateral and positions. Pure bookkeeping: margin rules live
 * in `margin.ts` and are enforced by the matching engine.
 */
export class Ledger {
  private readonly accounts = new Map<number, LedgerAccount>();

  /**
   * Opens an account.
   * @throws Error when the id is taken or the collateral is negative.
   */
  create(id: number, collateral: Decimal, opts: { unlimited?: boolean } = {}): LedgerAccount {
    if (this.accounts.has(id)) throw new Error(`account ${id} already exists`);
    if (collateral.isNeg()) throw new Error('collateral must not be negative');
    const account: LedgerAccount = {
      id,
      collateral,
      unlimited: opts.unlimited ?? false,
      positions: new Map(),
      initialMarginFractions: new Map(),
    };
    this.accounts.set(id, account);
    return account;
  }

  /** The account, or undefined. */
  get(id: number): LedgerAccount | undefined {
    return this.accounts.get(id);
  }

  /** Every account id, in creation order. */
  ids(): number[] {
    return [...this.accounts.keys()];
  }

  /**
   * Adds `delta` USDC (negative = debit) to the collateral; returns the new collateral.
   * @throws Error for an unknown account.
   */
  adjustCollateral(id: number, delta: Decimal): Decimal {
    const account = this.require(id);
    account.collateral = account.collateral.add(delta);
    return account.collateral;
  }

  /** The account's position in a market (flat when it never traded there). */
  position(id: number, marketId: number): PositionState {
    return this.accounts.get(id)?.positions.get(marketId) ?? flatPosition();
  }

  /**
   * Books one fill: moves the position, realizes PnL into collateral and
   * charges `fee` (USDC, negative = rebate).
   * @throws Error for an unknown account.
   */
  applyFill(id: number, marketId: number, side: Side, size: Decimal, price: Decimal, fee: Decimal): FillEffect {
    const account = this.require(id);
    const before = this.position(id, marketId);
    const signed = side === 'buy' ? size : size.neg();
    const { position, realized } = tradePosition(before, signed, price);
    account.positions.set(marketId, position);
    account.collateral = account.collateral.add(realized).sub(fee);
    return {
      before: { size: before.size, entryQuote: before.size.abs().mul(before.avgEntry) },
      realized,
      signChanged: !before.size.isZero() && !position.size.isZero() && before.size.isNeg() !== position.size.isNeg(),
    };
  }

  /**
   * Sets the account's initial margin fraction (leverage) in a market.
   * @throws Error for an unknown account.
   */
  setInitialMarginFraction(id: number, marketId: number, fraction: Decimal): void {
    this.require(id).initialMarginFractions.set(marketId, fraction);
  }

  private require(id: number): LedgerAccount {
    const account = this.accounts.get(id);
    if (!account) throw new Error(`unknown account ${id}`);
    return account;
  }
}
