import type { StrategyId } from '../../../shared/schemas/strategy-ids';
import type { CliCommand } from './command';
import { runCrossVenueHedgeCommand } from './run-cross-venue-hedge';
import { runMakerTakerHedgeCommand } from './run-maker-taker-hedge';
import { runTriHedgeCommand } from './run-tri-hedge';
import { UsageError } from './usage-error';

/** `hedgedesk run <strategy>`: one command per strategy that runs in the foreground, in `--help` order. */
const RUN_STRATEGIES: Partial<Record<StrategyId, CliCommand>> = {
  'tri-hedge-hold': runTriHedgeCommand,
  'cross-venue-hedge': runCrossVenueHedgeCommand,
  'maker-taker-hedge': runMakerTakerHedgeCommand,
};

const supported = (): string => Object.keys(RUN_STRATEGIES).join(', ');

/** `hedgedesk run <strategy> [options]`: one run in the foreground (live progress, then the summary); dispatches on the strategy. */
export const runCommand: CliCommand = {
  summary: 'Run a strategy in the foreground: live progress, then the summary.',
  help: Object.values(RUN_STRATEGIES)
    .map((c) => c.help)
    .join('\n\n'),
  async run(args) {
    const [strategy, ...rest] = args;
    if (strategy === undefined || strategy.startsWith('-')) throw new UsageError(`run: which strategy? (supported: ${supported()})`);
    const command = Object.prototype.hasOwnProperty.call(RUN_STRATEGIES, strategy) ? RUN_STRATEGIES[strategy as StrategyId] : undefined;
    if (!command) throw new UsageError(`run: unknown strategy "${strategy}" (supported: ${supported()})`);
    await command.run(rest);
  },
};
