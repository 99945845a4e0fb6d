import Decimal from 'decimal.js';
import { minOrderSize, offsetPrice } from '../../engine/market-math';
import type { RiskLimits } from '../../engine/risk-guard';
import type { PreparedRun, Strategy, StrategyContext, StrategyDefinition, StrategyOutcome } from '../../engine/strategy';
import type { Market } from '../../venues/venue';
import { makerTakerConfigSchema, modeOf, parseMakerTakerConfig, rolesForMode, withoutSecrets, type MakerTakerConfig } from './config-schema';
import type { FillTransport } from './fill-transport';
import { InProcessTransport } from './fill-transport';
import { MakerTakerRun } from './maker-taker-run';
import { checkMakerTakerMarkets, orderSize } from './order-size';
import { RedisTransport } from './redis-transport';

/** No limit (USDC or base units): a single-leg run's other leg is elsewhere, so its net exposure is expected. */
const UNLIMITED = new Decimal('1e18');

/** Maker-taker hedge for one run on its market. */
class MakerTakerHedgeStrategy implements Strategy {
  readonly snapshotIntervalMs: number;

  constructor(
    private readonly config: MakerTakerConfig,
    private readonly market: Market,
  ) {
    this.snapshotIntervalMs = config.pollIntervalMs;
  }

  /**
   * Mode both: bound one minimum order at the hedges' worst price (what B
   * may carry), no halt (a failed hedge is handled by the strategy: A
   * flattens and the run stops). A-only / B-only: no limits (the other leg
   * runs elsewhere, so this run's net exposure is its whole position).
   */
  riskLimits(): RiskLimits {
    if (this.config.mode !== 'both') return { boundSize: () => UNLIMITED, haltAboveUsdc: UNLIMITED };
    return {
      boundSize: (_symbol, price) => minOrderSize(this.market, offsetPrice(price.gt(0) ? price : this.market.tickSize, -this.config.slippageBps, 'sell', this.market.tickSize)),
      haltAboveUsdc: UNLIMITED,
    };
  }

  run(ctx: StrategyContext): Promise<StrategyOutcome> {
    const transport: FillTransport = this.config.redisUrl
      ? new RedisTransport({ url: this.config.redisUrl, onInvalid: (channel, error) => ctx.emit({ type: 'log', level: 'warn', message: `ignored a message on ${channel}: ${error}` }) })
      : new InProcessTransport();
    const { quantity } = this.config;
    return new MakerTakerRun(ctx, this.config, this.market, transport, quantity === null ? null : orderSize({ ...this.config, quantity }, this.market)).run();
  }
}

/**
 * Maker→taker account hedge (README.md in this folder): account A posts a
 * limit buy at bid level `depth`; every fill of it is hedged at once by
 * account B with a marketable IOC sell; A posts again once B acknowledged.
 * Modes `both` (A and B here), `a` (A only: the originals' main_A state
 * machine, fills published for a B elsewhere) and `b` (B only); fill events
 * in-process or through Redis (the originals' channels and JSON).
 */
export const makerTakerHedge: StrategyDefinition = {
  id: 'maker-taker-hedge',
  title: 'Maker-Taker Hedge',
  roles: ['A', 'B'],
  rolesFor: (rawConfig) => rolesForMode(modeOf(rawConfig)),
  configSchema: makerTakerConfigSchema,
  prepare(rawConfig: unknown): PreparedRun {
    const config = parseMakerTakerConfig(rawConfig);
    const find = (markets: readonly Market[]) => markets.find((m) => m.symbol.toUpperCase() === config.symbol);
    return {
      storableConfig: withoutSecrets(rawConfig),
      symbols: [config.symbol],
      checkMarkets: (markets) => checkMakerTakerMarkets(config, markets),
      create: (markets) => {
        const market = find(markets);
        if (!market) throw new Error(`no market ${config.symbol}`);
        return new MakerTakerHedgeStrategy(config, market);
      },
    };
  },
};
