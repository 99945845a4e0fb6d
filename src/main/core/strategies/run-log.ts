import type { StrategyContext } from '../engine/strategy';

/**
 * Writes `message` to the run's logger and emits it as a run `log` event
 * (what the run page's log shows) at the same `level`.
 */
export function logToRun(ctx: Pick<StrategyContext, 'logger' | 'emit'>, level: 'info' | 'warn' | 'error', message: string): void {
  ctx.logger[level](message);
  ctx.emit({ type: 'log', level, message });
}
