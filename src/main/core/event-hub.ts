import { events, type EventName, type EventPayloadOf } from '../../shared/contract';

/** A listener for every event: name and validated payload. */
export type EventListener = <N extends EventName>(name: N, payload: EventPayloadOf<N>) => void;

/**
 * The core's outgoing event bus. Payloads are validated (and stripped of
 * unknown keys) against the contract before any transport sees them.
 */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  /** Validates and publishes an event to every subscriber (shell windows, WebSocket clients). */
  emit<N extends EventName>(name: N, payload: EventPayloadOf<N>): void {
    const clean = events[name].parse(payload) as EventPayloadOf<N>;
    for (const l of this.listeners) l(name, clean);
  }

  /** Subscribes to all events; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
