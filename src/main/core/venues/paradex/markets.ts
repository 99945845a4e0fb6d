import Decimal from 'decimal.js';
import type { Market } from '../venue';
import { InvalidOrderError } from '../venue-errors';
import type { ParadexMarket } from './wire';

/** Maker and taker fee fractions (0.0002 = 2 bps). */
export interface FeeRates {
  maker: Decimal;
  taker: Decimal;
}

/**
 * Fees assumed when `/markets` does not state them (the recorded testnet
 * payload has no fee fields and the crib sheet no fee table, paradex.md §7):
 * maker 0, taker 0.02 % (0.0002) — an **unverified** estimate used for
 * sizing only, overridable per client; each fill carries the fee actually
 * charged.
 */
export const DEFAULT_PARADEX_FEES: FeeRates = { maker: new Decimal('0'), taker: new Decimal('0.0002') };

/** Decimal places of a step such as `0.001` (3) or `1` (0). */
function decimalsOf(step: Decimal): number {
  return step.decimalPlaces();
}

/**
 * One `/markets` perp entry as a {@link Market} (paradex.md §7): the app's
 * symbol is the base asset (`ETH` for `ETH-USD-PERP`, so strategies name the
 * same asset on every venue), `venueMarketId` the Paradex symbol, tick =
 * `price_tick_size`, step = `order_size_increment`, minimum size = one step,
 * minimum notional = `min_notional`; no per-order notional cap (Paradex caps
 * size by `max_order_size`, not notional). Fees from `fee_config.api_fee`
 * when present, else `fallbackFees`. A market is inactive before `open_at`
 * or after a non-zero `expiry_at`.
 */
export function toMarket(m: ParadexMarket, fallbackFees: FeeRates, now: number): Market {
  const tickSize = new Decimal(m.price_tick_size);
  const stepSize = new Decimal(m.order_size_increment);
  const maker = m.fee_config?.api_fee?.maker_fee?.fee;
  const taker = m.fee_config?.api_fee?.taker_fee?.fee;
  const open = (m.open_at ?? 0) <= now && (!m.expiry_at || m.expiry_at > now);
  return {
    symbol: m.base_currency,
    venueMarketId: m.symbol,
    tickSize,
    stepSize,
    minBaseAmount: stepSize,
    minNotional: new Decimal(m.min_notional),
    maxNotional: null,
    priceDecimals: decimalsOf(tickSize),
    sizeDecimals: decimalsOf(stepSize),
    makerFee: maker !== undefined ? new Decimal(maker) : fallbackFees.maker,
    takerFee: taker !== undefined ? new Decimal(taker) : fallbackFees.taker,
    status: open ? 'active' : 'inactive',
  };
}

/**
 * The perpetual markets of one `/markets` answer (`asset_kind: "PERP"`; perp
 * options and others are left out), by the app's symbol (`ETH`) and by the
 * Paradex symbol (`ETH-USD-PERP`). When two perps share a base asset the
 * `<BASE>-USD-PERP` one wins the short symbol.
 */
export class MarketCatalog {
  private readonly bySymbol = new Map<string, Market>();
  private readonly byVenue = new Map<string, Market>();
  private readonly maxSize = new Map<string, Decimal>();

  constructor(markets: ParadexMarket[], fallbackFees: FeeRates, now: number) {
    for (const m of markets) {
      if (m.asset_kind !== 'PERP') continue;
      const market = toMarket(m, fallbackFees, now);
      this.byVenue.set(m.symbol, market);
      if (m.max_order_size !== undefined) this.maxSize.set(m.symbol, new Decimal(m.max_order_size));
      const taken = this.bySymbol.get(market.symbol);
      if (!taken || m.symbol === `${m.base_currency}-USD-PERP`) this.bySymbol.set(market.symbol, market);
    }
  }

  /** Every perp market, one per app symbol. */
  all(): Market[] {
    return [...this.bySymbol.values()];
  }

  /**
   * The market of an app symbol (`ETH`); a Paradex symbol (`ETH-USD-PERP`) is accepted too.
   * @throws InvalidOrderError for an unknown symbol.
   */
  get(symbol: string): Market {
    const m = this.bySymbol.get(symbol) ?? this.byVenue.get(symbol);
    if (!m) throw new InvalidOrderError('paradex', `unknown Paradex market ${symbol}`);
    return m;
  }

  /** The Paradex symbol of an app symbol. @throws InvalidOrderError for an unknown symbol. */
  venueSymbolOf(symbol: string): string {
    return String(this.get(symbol).venueMarketId);
  }

  /** The market of a Paradex symbol seen on the wire, if it is a known perp. */
  byVenueSymbol(venueSymbol: string): Market | undefined {
    return this.byVenue.get(venueSymbol);
  }

  /** `max_order_size` of a Paradex symbol (base units), when the venue states one. */
  maxOrderSize(venueSymbol: string): Decimal | undefined {
    return this.maxSize.get(venueSymbol);
  }
}
