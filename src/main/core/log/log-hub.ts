import type { LogLevel, LogLine } from '../../../shared/schemas/log';

const LEVEL_BY_NUMBER: Record<number, LogLevel> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/**
 * Keeps the most recent log lines (already redacted) for the Logs view and
 * pushes each new one to its listeners (the `log.line` event).
 */
export class LogHub {
  private readonly lines: LogLine[] = [];
  private readonly listeners = new Set<(line: LogLine) => void>();
  private seq = 0;

  /** @param capacity how many recent lines to keep. */
  constructor(private readonly capacity = 5000) {}

  /** Takes one serialized pino line (JSON), records it and notifies listeners. Malformed lines are ignored. */
  ingest(json: string): void {
    let rec: Record<string, unknown>;
    try {
      rec = JSON.parse(json) as Record<string, unknown>;
    } catch {
      return;
    }
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const line: LogLine = {
      seq: ++this.seq,
      time: typeof rec.time === 'number' ? rec.time : Date.now(),
      level: LEVEL_BY_NUMBER[Number(rec.level)] ?? 'info',
      msg: str(rec.msg) ?? '',
    };
    const component = str(rec.component);
    const account = str(rec.account);
    const strategy = str(rec.strategy);
    if (component) line.component = component;
    if (account) line.account = account;
    if (strategy) line.strategy = strategy;
    this.lines.push(line);
    if (this.lines.length > this.capacity) this.lines.splice(0, this.lines.length - this.capacity);
    for (const l of this.listeners) l(line);
  }

  /** The last `limit` lines, oldest first. */
  recent(limit: number): LogLine[] {
    return this.lines.slice(-limit);
  }

  /** Subscribes to new lines; returns the unsubscribe function. */
  subscribe(listener: (line: LogLine) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
