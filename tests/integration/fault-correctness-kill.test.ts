/**
 * The correctness half of the drill's kill -9 faults, with real processes:
 * `hedgedesk run tri-hedge-hold` against a `hedgedesk sim lighter` process is
 * killed with SIGKILL while an entry slice rests (the slice then fills while
 * the app is down) or while a fill waits for its hedge, and restarted with
 * `--on-restart resume` / `flatten`. Afterwards every fill the venue made is in
 * SQLite exactly once and the accounts are hedged. The same faults as
 * `npm run drill` (drill/faults.ts), which also measures how long it took.
 */
import { describe, expect, it } from 'vitest';
import { FAULTS } from '../../drill/faults';
import { runFault } from '../../drill/run-fault';
import { tempDir } from '../helpers/temp-dir';

const KILL_FAULTS = ['kill -9 mid-slice, then resume', 'kill -9 mid-slice, then flatten', 'kill -9 mid-hedge, then resume'];

describe('fault correctness: kill -9 of the app process, the venue living on', () => {
  it.each(KILL_FAULTS)('%s: every venue fill recorded once, hedged at the end', async (name) => {
    const fault = FAULTS.find((f) => f.name === name);
    expect(fault, name).toBeDefined();
    const dir = tempDir();
    try {
      const row = await runFault(fault!, dir.path);
      expect(row.error, row.error).toBeUndefined();
      expect(row.fills!.venue).toBeGreaterThan(0);
      expect(row.fills).toEqual({ recorded: row.fills!.venue, venue: row.fills!.venue, lost: 0, duplicates: 0, unknown: 0 });
      expect(row.exposure!.flatAtEnd, `net at the end: ${[...row.exposure!.finalNet].map(([a, n]) => `${a} ${n.toFixed()}`).join(', ')}`).toBe(true);
    } finally {
      dir.remove();
    }
  }, 240_000);
});
