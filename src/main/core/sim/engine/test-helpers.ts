/** Helpers shared by the engine tests. Test support only. */
import Decimal from 'decimal.js';
import type { MarketSpec } from './market-spec';

/**
 * ETH as the engine tests trade it: market 0, tick 0.01, step 0.0001, minimum
 * 0.005 ETH and 10 USDC, no order size cap, no fees, initial margin 5 % (2 %
 * at the least), maintenance 1.2 %, active; `over` replaces any of these.
 */
export function ethSpec(over: Partial<MarketSpec> = {}): MarketSpec {
  return {
    id: 0,
    symbol: 'ETH',
    tickSize: new Decimal('0.01'),
    stepSize: new Decimal('0.0001'),
    minBaseAmount: new Decimal('0.005'),
    minQuoteAmount: new Decimal(10),
    maxQuoteAmount: null,
    makerFeeRate: new Decimal(0),
    takerFeeRate: new Decimal(0),
    defaultInitialMarginFraction: new Decimal('0.05'),
    minInitialMarginFraction: new Decimal('0.02'),
    maintenanceMarginFraction: new Decimal('0.012'),
    status: 'active',
    ...over,
  };
}
