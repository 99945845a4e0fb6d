import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, rmSync, truncateSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CorruptStateFileError, readJsonFile, writeJsonAtomic, writeTextAtomic } from '../../store/atomic-json-file';
import { decodeState, encodeState } from './state-codec';
import type { SimClock } from './sim-clock';

/** Ids reserved per block: one small synchronous write per this many ids of a kind. */
export const ID_BLOCK = 100_000;
/** How often price-only changes (the random walk) are written, ms of clock time. */
const PRICE_FLUSH_MS = 5_000;
/** The history journal is rewritten from the in-memory history once it has this many lines. */
const HISTORY_COMPACT_LINES = 20_000;

/** Directories held by a store of this process (a second store on one directory is refused). */
const held = new Set<string>();

/** The state directory is in use by another simulator (another process, or another store in this one). */
export class SimStateLockedError extends Error {
  constructor(dir: string, holder: string) {
    super(`simulator state ${dir} is in use by ${holder}: one simulator per state directory (for the app: one HedgeDesk per data directory with paper accounts on the built-in simulators); stop the other one first`);
    this.name = 'SimStateLockedError';
  }
}

/** What a state directory held at start. */
export interface LoadedSimState {
  /** The saved live state (Decimals restored), or null on a fresh directory. */
  state: unknown;
  /** The history entries recorded so far (Decimals restored), oldest first; later entries of one item supersede earlier ones. */
  history: unknown[];
  /** Per id kind, the first id that may be issued (beyond every reserved block). */
  idFloor: Record<string, number>;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A simulator's state on disk, in its own directory:
 * - `state.json`: the live state (accounts, open orders, counters, prices —
 *   small), rewritten atomically (temp + rename) at the end of every I/O turn
 *   in which an account changed ({@link markDirty}) — atomic against a crash
 *   of the process — and with fsync every 5 s when anything changed (prices
 *   included) and on close, against an OS crash or power loss;
 * - `history.jsonl`: finished orders, trades, fills — one JSON line per
 *   entry ({@link record}), appended just before `state.json` is written
 *   (fsync'ed with it); rewritten atomically from the caller's in-memory history once
 *   it reaches 20,000 lines. A torn last line (a crash mid-append) is
 *   ignored; any other bad line is corruption;
 * - `ids.json`: per id kind (orders, trades, blocks…) the end of the block
 *   of ids reserved so far, written synchronously *before* the first id of a
 *   new block is issued — so after a crash (kill -9) counters restart beyond
 *   anything issued, even when `state.json` is a few moments old;
 * - `lock`: the pid of the process using the directory (a stale lock of a
 *   dead process is taken over).
 * A file that cannot be read back raises {@link CorruptStateFileError}: never
 * silently reset.
 */
export class SimStateStore {
  readonly dir: string;
  private readonly stateFile: string;
  private readonly idsFile: string;
  private readonly lockFile: string;
  private readonly historyFile: string;
  private reserved: Record<string, number> = {};
  private snapshot: (() => unknown) | null = null;
  private retainedHistory: (() => unknown[]) | null = null;
  private pendingHistory: string[] = [];
  private historyLines = 0;
  private dirty = false;
  private pricesDirty = false;
  /** The last write skipped fsync. */
  private unsynced = false;
  private flushQueued = false;
  private stopTimer: (() => void) | null = null;
  private closed = false;

  private readonly compactAt: number;

  /**
   * Takes the directory (creating it) and its lock.
   * @param opts.compactAt History lines that trigger a rewrite of the journal (default 20,000; tests use fewer).
   * @throws SimStateLockedError when a live process (or another store here) holds it; Error from the file system.
   */
  constructor(dir: string, opts: { compactAt?: number } = {}) {
    this.compactAt = opts.compactAt ?? HISTORY_COMPACT_LINES;
    this.dir = resolve(dir);
    this.stateFile = join(this.dir, 'state.json');
    this.idsFile = join(this.dir, 'ids.json');
    this.lockFile = join(this.dir, 'lock');
    this.historyFile = join(this.dir, 'history.jsonl');
    mkdirSync(this.dir, { recursive: true });
    this.lock();
  }

  /**
   * Reads what the directory holds.
   * @throws CorruptStateFileError when `state.json` or `ids.json` is not what this store wrote.
   */
  load(): LoadedSimState {
    const ids = readJsonFile(this.idsFile);
    if (ids !== null) {
      const ok = typeof ids === 'object' && !Array.isArray(ids) && Object.values(ids).every((v) => Number.isSafeInteger(v));
      if (!ok) throw new CorruptStateFileError(this.idsFile, 'expected an object of whole numbers');
      this.reserved = { ...(ids as Record<string, number>) };
    }
    const raw = readJsonFile(this.stateFile);
    let state: unknown = null;
    if (raw !== null) {
      const envelope = raw as { version?: unknown; state?: unknown };
      if (typeof envelope !== 'object' || envelope.version !== 1 || typeof envelope.state !== 'object' || envelope.state === null) {
        throw this.corrupt('not a version 1 simulator state');
      }
      try {
        state = decodeState(envelope.state);
      } catch (err) {
        throw this.corrupt((err as Error).message);
      }
    }
    return { state, history: this.loadHistory(), idFloor: { ...this.reserved } };
  }

  private loadHistory(): unknown[] {
    let text: string;
    try {
      text = readFileSync(this.historyFile, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const lines = text.split('\n');
    // After the last newline: nothing, or an append cut short by a crash (its entry never counted) — cut it off
    // so the next append starts on a fresh line.
    const torn = lines.pop() ?? '';
    if (torn !== '') truncateSync(this.historyFile, Buffer.byteLength(text) - Buffer.byteLength(torn));
    const entries: unknown[] = [];
    lines.forEach((line, i) => {
      try {
        entries.push(decodeState(JSON.parse(line)));
      } catch (err) {
        throw new CorruptStateFileError(this.historyFile, `line ${i + 1}: ${(err as Error).message}`);
      }
    });
    this.historyLines = entries.length;
    return entries;
  }

  /** The error for a `state.json` whose content cannot be restored (`problem` says why). */
  corrupt(problem: string): CorruptStateFileError {
    return new CorruptStateFileError(this.stateFile, problem);
  }

  /**
   * Starts saving: `snapshot` gives the live state (plain data with
   * Decimals), `retainedHistory` the history entries still kept in memory
   * (what a compacted journal keeps); price-only changes are written every 5 s on `clock`.
   */
  start(snapshot: () => unknown, retainedHistory: () => unknown[], clock: SimClock): void {
    this.snapshot = snapshot;
    this.retainedHistory = retainedHistory;
    this.stopTimer = clock.every(PRICE_FLUSH_MS, () => {
      if (this.pricesDirty || this.unsynced) this.flush();
    });
  }

  /** An account changed: the state is written at the end of this I/O turn (before anything else is served). */
  markDirty(): void {
    this.dirty = true;
    if (this.flushQueued || this.closed) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      if (this.dirty) this.flush(false);
    });
  }

  /** Appends a history entry (a finished order, a trade, a fill); written with the next flush, before the live state. */
  record(entry: unknown): void {
    if (this.closed) return;
    this.pendingHistory.push(JSON.stringify(encodeState(entry)));
    this.markDirty();
  }

  /** Only prices moved: written within 5 s. */
  markPricesDirty(): void {
    this.pricesDirty = true;
  }

  /**
   * Makes sure `id` of `kind` lies in a reserved block, reserving the next
   * block on disk (synchronously) first when it does not.
   * @throws Error from the file system: the id must then not be used.
   */
  reserve(kind: string, id: number): void {
    const end = this.reserved[kind];
    if (end !== undefined && id < end) return;
    const next = { ...this.reserved, [kind]: id + ID_BLOCK };
    writeJsonAtomic(this.idsFile, next);
    this.reserved = next;
  }

  /**
   * Writes pending history and the live state now (synchronously). `durable`
   * (default true) fsyncs both; the end-of-turn writes skip it — atomic for a
   * process crash, fsync'ed within 5 s by the timer — so a burst of orders
   * does not wait on the disk.
   * @throws Error from the file system.
   */
  flush(durable = true): void {
    if (!this.snapshot || this.closed) return;
    this.dirty = false;
    this.pricesDirty = false;
    this.unsynced = !durable;
    this.flushHistory(durable);
    writeJsonAtomic(this.stateFile, { version: 1, savedAt: new Date().toISOString(), state: encodeState(this.snapshot()) }, { durable });
  }

  private flushHistory(durable: boolean): void {
    if (this.pendingHistory.length === 0) return;
    const lines = this.pendingHistory;
    this.pendingHistory = [];
    if (this.historyLines + lines.length >= this.compactAt && this.retainedHistory) {
      const kept = this.retainedHistory().map((e) => JSON.stringify(encodeState(e)));
      writeTextAtomic(this.historyFile, kept.map((l) => `${l}\n`).join(''));
      this.historyLines = kept.length;
      return;
    }
    const fd = openSync(this.historyFile, 'a', 0o600);
    try {
      writeSync(fd, lines.map((l) => `${l}\n`).join(''));
      if (durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.historyLines += lines.length;
  }

  /** Writes the state a last time, stops the timer and releases the lock. */
  close(): void {
    if (this.closed) return;
    try {
      this.flush();
    } finally {
      this.closed = true;
      this.stopTimer?.();
      held.delete(this.dir);
      rmSync(this.lockFile, { force: true });
    }
  }

  /** Stops without writing (what a crash does), releasing the lock; for tests of restarts. */
  abandon(): void {
    this.closed = true;
    this.stopTimer?.();
    held.delete(this.dir);
    rmSync(this.lockFile, { force: true });
  }

  private lock(): void {
    if (held.has(this.dir)) throw new SimStateLockedError(this.dir, 'another simulator of this process');
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(this.lockFile, 'wx', 0o600);
        writeSync(fd, String(process.pid));
        closeSync(fd);
        held.add(this.dir);
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const pid = Number(readFileSync(this.lockFile, 'utf8').trim());
      if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && pidAlive(pid)) throw new SimStateLockedError(this.dir, `process ${pid}`);
      rmSync(this.lockFile, { force: true });
    }
    throw new SimStateLockedError(this.dir, 'a process that keeps re-taking its lock');
  }
}
