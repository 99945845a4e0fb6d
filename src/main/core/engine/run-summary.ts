import Decimal from 'decimal.js';
import type { RunSummary, SummaryLine } from '../../../shared/schemas/runs';
import type { FillRecord } from '../store/fills-repository';
import type { ExposureSample } from '../store/run-samples-repository';
import { decimalText } from './decimal-text';

const ZERO = new Decimal(0);
const HOUR_MS = 3_600_000;

interface Acc {
  fills: number;
  volume: Decimal;
  maker: Decimal;
  taker: Decimal;
  fees: Decimal;
  realized: Decimal;
  maxExposure: Decimal;
  exposureArea: Decimal;
  positionArea: Decimal;
}

const emptyAcc = (): Acc => ({
  fills: 0,
  volume: ZERO,
  maker: ZERO,
  taker: ZERO,
  fees: ZERO,
  realized: ZERO,
  maxExposure: ZERO,
  exposureArea: ZERO,
  positionArea: ZERO,
});

/** A position under the average-cost method. */
interface Book {
  size: Decimal;
  avg: Decimal;
  price: Decimal;
  since: number;
}

/** Applies one signed fill to a position; returns the realized PnL (USDC) it closed. */
function applyFill(book: Book, signed: Decimal, price: Decimal): Decimal {
  const { size, avg } = book;
  if (size.isZero() || size.isPositive() === signed.isPositive()) {
    const total = size.abs().plus(signed.abs());
    book.avg = size.abs().times(avg).plus(signed.abs().times(price)).div(total);
    book.size = size.plus(signed);
    return ZERO;
  }
  const closed = Decimal.min(size.abs(), signed.abs());
  const realized = closed.times(price.minus(avg)).times(size.isPositive() ? 1 : -1);
  book.size = size.plus(signed);
  if (book.size.isZero()) book.avg = ZERO;
  else if (book.size.isPositive() !== size.isPositive()) book.avg = price;
  return realized;
}

function line(a: Acc, durationMs: number): SummaryLine {
  const loss = Decimal.max(a.realized.neg(), 0);
  return {
    fills: a.fills,
    volume: decimalText(a.volume, 6),
    makerVolume: decimalText(a.maker, 6),
    takerVolume: decimalText(a.taker, 6),
    makerRatio: decimalText(a.volume.isZero() ? ZERO : a.maker.div(a.volume), 4),
    fees: decimalText(a.fees, 6),
    realizedPnl: decimalText(a.realized, 6),
    wearPer10k: decimalText(a.volume.isZero() ? ZERO : a.fees.plus(loss).div(a.volume).times(10_000), 4),
    maxAbsNetExposure: decimalText(a.maxExposure, 6),
    twAbsNetExposure: decimalText(durationMs > 0 ? a.exposureArea.div(durationMs) : ZERO, 6),
    positionUsdcHours: decimalText(a.positionArea.div(HOUR_MS), 6),
  };
}

/**
 * Computes a run summary from its fills (in recording order) and exposure
 * samples, over [startedAt, endedAt] (Unix ms, engine clock). Time-based
 * figures treat each sample / position as holding until the next one. All
 * arithmetic is decimal.
 */
export function computeRunSummary(input: { fills: readonly FillRecord[]; exposure: readonly ExposureSample[]; startedAt: number; endedAt: number }): RunSummary {
  const { startedAt } = input;
  const endedAt = Math.max(input.endedAt, startedAt);
  const durationMs = endedAt - startedAt;
  const bySymbol = new Map<string, Acc>();
  const acc = (symbol: string) => {
    let a = bySymbol.get(symbol);
    if (!a) bySymbol.set(symbol, (a = emptyAcc()));
    return a;
  };

  const books = new Map<string, Book & { symbol: string }>();
  const closeArea = (b: Book & { symbol: string }, until: number) => {
    const span = Math.max(0, until - Math.max(b.since, startedAt));
    acc(b.symbol).positionArea = acc(b.symbol).positionArea.plus(b.size.abs().times(b.price).times(span));
  };
  for (const f of input.fills) {
    const a = acc(f.symbol);
    const notional = f.price.times(f.size);
    a.fills++;
    a.volume = a.volume.plus(notional);
    if (f.liquidity === 'maker') a.maker = a.maker.plus(notional);
    else a.taker = a.taker.plus(notional);
    a.fees = a.fees.plus(f.fee);
    const key = `${f.accountId}\u0000${f.symbol}`;
    let book = books.get(key);
    if (!book) books.set(key, (book = { symbol: f.symbol, size: ZERO, avg: ZERO, price: f.price, since: f.recordedAt }));
    closeArea(book, Math.min(f.recordedAt, endedAt));
    a.realized = a.realized.plus(applyFill(book, f.side === 'buy' ? f.size : f.size.neg(), f.price));
    book.price = f.price;
    book.since = f.recordedAt;
  }
  for (const book of books.values()) closeArea(book, endedAt);

  const samples = [...input.exposure].sort((x, y) => x.at - y.at);
  const last = new Map<string, { value: Decimal; at: number }>();
  for (const s of samples) {
    const a = acc(s.symbol);
    const value = s.netSize.abs().times(s.price);
    const prev = last.get(s.symbol);
    if (prev) a.exposureArea = a.exposureArea.plus(prev.value.times(Math.max(0, Math.min(s.at, endedAt) - Math.max(prev.at, startedAt))));
    if (value.gt(a.maxExposure)) a.maxExposure = value;
    last.set(s.symbol, { value, at: s.at });
  }
  for (const [symbol, prev] of last) {
    const a = acc(symbol);
    a.exposureArea = a.exposureArea.plus(prev.value.times(Math.max(0, endedAt - Math.max(prev.at, startedAt))));
  }

  const total = emptyAcc();
  for (const a of bySymbol.values()) {
    total.fills += a.fills;
    total.volume = total.volume.plus(a.volume);
    total.maker = total.maker.plus(a.maker);
    total.taker = total.taker.plus(a.taker);
    total.fees = total.fees.plus(a.fees);
    total.realized = total.realized.plus(a.realized);
    total.maxExposure = Decimal.max(total.maxExposure, a.maxExposure);
    total.exposureArea = total.exposureArea.plus(a.exposureArea);
    total.positionArea = total.positionArea.plus(a.positionArea);
  }
  return {
    startedAt,
    endedAt,
    durationMs,
    total: line(total, durationMs),
    symbols: [...bySymbol.entries()].sort(([x], [y]) => x.localeCompare(y)).map(([symbol, a]) => ({ symbol, ...line(a, durationMs) })),
  };
}
