import type { RiskLimits } from '../../engine/risk-guard';
import { minOrderSize } from '../../engine/market-math';
import type { PreparedRun, Strategy, StrategyContext, StrategyDefinition, StrategyOutcome } from '../../engine/strategy';
import type { Market } from '../../venues/venue';
import { crossVenueHedgeConfigSchema, parseCrossVenueHedgeConfig, type CrossVenueHedgeConfig } from './config-schema';
import { CrossVenueHedgeRun } from './cross-venue-hedge-run';
import { checkCrossVenueMarkets } from './market-checks';

/** Period of the engine's REST position snapshots of a cross-venue-hedge run, ms. */
const SNAPSHOT_INTERVAL_MS = 5_000;

/** Cross-venue hedge for one run; `market` is the ticker on the first account's venue. */
class CrossVenueHedgeStrategy implements Strategy {
  readonly snapshotIntervalMs = SNAPSHOT_INTERVAL_MS;

  constructor(
    private readonly config: CrossVenueHedgeConfig,
    private readonly market: Market,
  ) {}

  /**
   * Bound: one minimum order of the ticker (what a rollback that cannot be
   * sent may leave uncovered). Halt: uncovered exposure worth more than two
   * margins (USDC) — a naked leg and then some.
   */
  riskLimits(): RiskLimits {
    return {
      boundSize: (_symbol, price) => minOrderSize(this.market, price),
      haltAboveUsdc: this.config.margin.times(2),
    };
  }

  run(ctx: StrategyContext): Promise<StrategyOutcome> {
    return new CrossVenueHedgeRun(this.config, ctx).run();
  }
}

/**
 * Cross-venue hedge (README.md in this folder): one account goes long and
 * the other short on the same ticker at once — usually on two venues
 * (Paradex long, Lighter short by default; `reverse` swaps) — holds, closes
 * both on take-profit, stop-loss or hold expiry, and loops with a cooldown.
 * A leg that fails or fills partly is rolled back on the other at once.
 * Roles in account order: `long`, `short` (swapped by `reverse`).
 */
export const crossVenueHedge: StrategyDefinition = {
  id: 'cross-venue-hedge',
  title: 'Cross-Venue Hedge',
  roles: ['long', 'short'],
  configSchema: crossVenueHedgeConfigSchema,
  prepare(rawConfig: unknown): PreparedRun {
    const config = parseCrossVenueHedgeConfig(rawConfig);
    return {
      storableConfig: rawConfig,
      symbols: [config.ticker],
      checkMarkets: (markets) => checkCrossVenueMarkets(config, markets, 'the first account\'s venue'),
      create: (markets) => new CrossVenueHedgeStrategy(config, markets.find((m) => m.symbol.toUpperCase() === config.ticker)!),
    };
  },
};
