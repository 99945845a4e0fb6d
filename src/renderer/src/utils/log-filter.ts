import { LOG_LEVELS, type LogLevel, type LogLine } from '../../../shared/schemas/log';

/**
 * The lines at or above `minLevel` that contain `text` (case-insensitive) in
 * their message, component, account or strategy. Blank text matches all.
 */
export function filterLogLines(lines: readonly LogLine[], minLevel: LogLevel, text: string): LogLine[] {
  const min = LOG_LEVELS.indexOf(minLevel);
  const needle = text.trim().toLowerCase();
  return lines.filter((line) => {
    if (LOG_LEVELS.indexOf(line.level) < min) return false;
    if (!needle) return true;
    return [line.msg, line.component, line.account, line.strategy].some((s) => s?.toLowerCase().includes(needle));
  });
}
