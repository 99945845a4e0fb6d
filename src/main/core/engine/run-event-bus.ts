import type { Logger } from '../log/logger';
import type { RunEvent } from '../../../shared/schemas/runs';

/** Receives every run event. */
export type RunEventListener = (event: RunEvent) => void;

/**
 * The engine's typed bus of run events. Listeners are called synchronously
 * in subscription order; one that throws is logged and skipped, so a broken
 * subscriber (a UI window, the CLI printer) never disturbs a run.
 */
export class RunEventBus {
  private readonly listeners = new Set<RunEventListener>();

  constructor(private readonly logger: Logger) {}

  /** Delivers `event` to every listener. */
  emit(event: RunEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (err) {
        this.logger.error({ component: 'engine', err, event: event.type }, 'a run event listener threw');
      }
    }
  }

  /** Subscribes; returns the unsubscribe function. */
  subscribe(listener: RunEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
