import Decimal from 'decimal.js';
import { minOrderSize } from '../../engine/market-math';
import type { RiskLimits } from '../../engine/risk-guard';
import type { PreparedRun, Strategy, StrategyContext, StrategyDefinition, StrategyOutcome } from '../../engine/strategy';
import type { Market } from '../../venues/venue';
import { parseTriHedgeConfig, triHedgeConfigSchema, withoutSecrets, type TriHedgeConfig } from './config-schema';
import { checkTriHedgeMarkets } from './market-checks';
import { TriHedgeRun } from './tri-hedge-run';

/** The halt limit is this many of the largest slices of uncovered exposure. */
const HALT_SLICES = 3;

/** Tri-Hedge Hold for one run on a set of markets. */
class TriHedgeHoldStrategy implements Strategy {
  readonly snapshotIntervalMs: number;
  private readonly markets: ReadonlyMap<string, Market>;

  constructor(
    private readonly config: TriHedgeConfig,
    markets: readonly Market[],
  ) {
    this.markets = new Map(markets.map((m) => [m.symbol.toUpperCase(), m]));
    this.snapshotIntervalMs = config.orderPollIntervalSeconds * 1000;
  }

  /**
   * Bound: one minimum order of the symbol at a hedge's worst price (the
   * price `hedge_slippage_bps` below `price`, where the minimum notional
   * needs the most base units) — what a carried hedge share may leave
   * uncovered. Halt: uncovered exposure worth more than three of the largest
   * slices (and at least three minimum orders) in USDC.
   */
  riskLimits(): RiskLimits {
    const largest = this.config.coins.reduce((m, c) => Decimal.max(m, c.sliceNotional, this.markets.get(c.symbol)?.minNotional ?? 0), new Decimal(0));
    const worst = new Decimal(1).minus(new Decimal(this.config.hedgeSlippageBps).div(10_000));
    return {
      boundSize: (symbol, price) => {
        const market = this.markets.get(symbol);
        return market ? minOrderSize(market, price.times(worst)) : new Decimal(0);
      },
      haltAboveUsdc: largest.times(HALT_SLICES),
    };
  }

  run(ctx: StrategyContext): Promise<StrategyOutcome> {
    return new TriHedgeRun(this.config, this.markets, ctx).run();
  }
}

/**
 * Tri-Hedge Hold (README.md in this folder): three accounts A, B, C on one
 * venue take turns as maker on one symbol each; every maker fill is hedged at
 * once by the other two; each holds its long for hold_minutes, then exits
 * slice by slice while the hedgers buy back; the coin list rotates right each
 * round. Accepts the original tri_hedge_hold JSON configuration unchanged.
 */
export const triHedgeHold: StrategyDefinition = {
  id: 'tri-hedge-hold',
  title: 'Tri-Hedge Hold',
  roles: ['A', 'B', 'C'],
  configSchema: triHedgeConfigSchema,
  prepare(rawConfig: unknown): PreparedRun {
    const config = parseTriHedgeConfig(rawConfig);
    return {
      storableConfig: withoutSecrets(rawConfig),
      symbols: config.coins.map((c) => c.symbol),
      checkMarkets: (markets) => checkTriHedgeMarkets(config, markets, rawConfig),
      create: (markets) => new TriHedgeHoldStrategy(config, markets),
    };
  },
};
