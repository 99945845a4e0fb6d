import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** A state file that exists but cannot be read back (not JSON, or not the expected shape). */
export class CorruptStateFileError extends Error {
  /**
   * @param path The file.
   * @param problem What is wrong with it.
   */
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path} is corrupted (${problem}); it was left untouched — move it away to start over (what it held is then lost)`);
    this.name = 'CorruptStateFileError';
  }
}

/** Options of {@link writeJsonAtomic} / {@link writeTextAtomic}. */
export interface AtomicWriteOptions {
  /**
   * fsync the file and its directory (default true): the new content then
   * survives a power loss or OS crash too. Without it the write is still
   * atomic for a crash of the process (`kill -9`): the kernel has the data.
   */
  durable?: boolean;
}

/**
 * Writes `value` as JSON to `path` so that a crash at any point leaves either
 * the old file or the new one, never a torn mix: the text goes to a temporary
 * file in the same directory, is fsync'ed, renamed over `path`, and the
 * directory is fsync'ed (where the platform allows it). Creates the directory.
 * @throws Error from the file system (disk full, permissions…); `path` is then unchanged.
 */
export function writeJsonAtomic(path: string, value: unknown, opts: AtomicWriteOptions = {}): void {
  writeTextAtomic(path, JSON.stringify(value), opts);
}

/**
 * Writes `text` to `path` atomically, as {@link writeJsonAtomic} does.
 * @throws Error from the file system; `path` is then unchanged.
 */
export function writeTextAtomic(path: string, text: string, opts: AtomicWriteOptions = {}): void {
  const durable = opts.durable ?? true;
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, text);
    if (durable) fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw err;
  }
  closeSync(fd);
  try {
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
  if (durable) syncDirectory(dir);
}

/** fsyncs a directory so a rename in it is durable; a no-op where directories cannot be opened (Windows). */
function syncDirectory(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on directories; the rename itself is still atomic.
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a JSON file written by {@link writeJsonAtomic}.
 * @returns The parsed value, or null when the file does not exist.
 * @throws CorruptStateFileError when it exists but is not valid JSON; Error for other read failures.
 */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new CorruptStateFileError(path, `not JSON: ${(err as Error).message}`);
  }
}
