import { Dispatcher } from 'undici';

/**
 * An undici dispatcher built asynchronously at the first request — e.g. a
 * proxy agent whose credentials are read from the keychain at the first
 * connection. Requests dispatched before it is built wait for it; afterwards
 * they go straight to it. `build` must not reject (fall back to a working
 * dispatcher instead).
 */
export class DeferredDispatcher extends Dispatcher {
  private inner: Dispatcher | null = null;
  private ready: Promise<Dispatcher> | null = null;

  constructor(private readonly build: () => Promise<Dispatcher>) {
    super();
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    if (this.inner) return this.inner.dispatch(options, handler);
    this.ready ??= this.build().then((d) => (this.inner = d));
    void this.ready.then((d) => d.dispatch(options, handler));
    return true;
  }

  /** Closes the built dispatcher; nothing to do when no request was ever made. */
  private settle(fn: (d: Dispatcher) => Promise<void>): Promise<void> {
    return this.ready ? this.ready.then(fn) : Promise.resolve();
  }

  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | void {
    const done = this.settle((d) => d.close());
    if (!callback) return done;
    void done.then(callback);
  }

  override destroy(): Promise<void>;
  override destroy(err: Error | null): Promise<void>;
  override destroy(callback: () => void): void;
  override destroy(err: Error | null, callback: () => void): void;
  override destroy(a?: Error | null | (() => void), b?: () => void): Promise<void> | void {
    const err = typeof a === 'function' ? null : (a ?? null);
    const callback = typeof a === 'function' ? a : b;
    const done = this.settle((d) => d.destroy(err));
    if (!callback) return done;
    void done.then(callback);
  }
}
