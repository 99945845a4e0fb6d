import { LOG_LEVELS, type LogLevel, type LogLine } from '../../../shared/schemas/log';

/** What the Logs page filters on. `account` / `strategy` null = any. */
export interface LogFilter {
  minLevel: LogLevel;
  /** Case-insensitive substring of the message, component, account or strategy; blank matches all. */
  text: string;
  /** Only lines of this account id. */
  account: string | null;
  /** Only lines of this strategy id. */
  strategy: string | null;
}

/** The lines that pass every part of `filter`, in order. */
export function filterLogLines(lines: readonly LogLine[], filter: LogFilter): LogLine[] {
  const min = LOG_LEVELS.indexOf(filter.minLevel);
  const needle = filter.text.trim().toLowerCase();
  return lines.filter((line) => {
    if (LOG_LEVELS.indexOf(line.level) < min) return false;
    if (filter.account !== null && line.account !== filter.account) return false;
    if (filter.strategy !== null && line.strategy !== filter.strategy) return false;
    if (!needle) return true;
    return [line.msg, line.component, line.account, line.strategy].some((s) => s?.toLowerCase().includes(needle));
  });
}

/** The distinct accounts and strategies named by `lines`, sorted, for the filter pickers. */
export function logFacets(lines: readonly LogLine[]): { accounts: string[]; strategies: string[] } {
  const accounts = new Set<string>();
  const strategies = new Set<string>();
  for (const line of lines) {
    if (line.account) accounts.add(line.account);
    if (line.strategy) strategies.add(line.strategy);
  }
  return { accounts: [...accounts].sort(), strategies: [...strategies].sort() };
}
