import { createLogger } from '../../log/logger';
import { LogHub } from '../../log/log-hub';
import { Redactor } from '../../log/redactor';
import type { Logger } from '../../log/logger';

/** The real app logger (redacting sink included) with every serialized line kept for assertions. */
export interface RecordingLog {
  logger: Logger;
  redactor: Redactor;
  /** Every line as written to the sinks (already redacted), JSON text. */
  raw: string[];
  /** Parsed lines at or above `warn`. */
  warnings(): { msg: string; [key: string]: unknown }[];
}

class RecordingHub extends LogHub {
  readonly raw: string[] = [];

  override ingest(json: string): void {
    this.raw.push(json);
    super.ingest(json);
  }
}

/** A debug-level logger built with `createLogger`, recording what it writes. */
export function recordingLog(): RecordingLog {
  const redactor = new Redactor();
  const hub = new RecordingHub();
  const { logger } = createLogger({ level: 'debug', redactor, hub });
  return {
    logger,
    redactor,
    raw: hub.raw,
    warnings: () =>
      hub.raw.map((l) => JSON.parse(l) as { level: number; msg: string; [key: string]: unknown }).filter((l) => l.level >= 40),
  };
}
