import { join } from 'node:path';

/**
 * One instance per data directory for the whole process — the built-in paper
 * simulators: one simulator per data directory, its state under
 * `<dataDir>/paper`. Without a data directory, a single in-memory instance.
 */
export class PerDataDir<T extends { close(): Promise<void> }> {
  private readonly byDir = new Map<string, T>();

  /** @param make builds the instance of a data directory from its paper folder (`<dataDir>/paper`, undefined = in memory). */
  constructor(private readonly make: (paperDir: string | undefined) => T) {}

  /** The instance of `dataDir`, created on first use. */
  get(dataDir?: string): T {
    const key = dataDir ?? '';
    let instance = this.byDir.get(key);
    if (!instance) this.byDir.set(key, (instance = this.make(dataDir && join(dataDir, 'paper'))));
    return instance;
  }

  /** Stops every instance (each writes its state a last time) and forgets them. */
  async closeAll(): Promise<void> {
    const all = [...this.byDir.values()];
    this.byDir.clear();
    await Promise.all(all.map((i) => i.close()));
  }
}
