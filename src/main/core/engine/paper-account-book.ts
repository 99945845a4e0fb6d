import type { z } from 'zod';
import { CorruptStateFileError, readJsonFile, writeJsonAtomic } from '../store/atomic-json-file';

/** Where a paper account's simulator account lives: the built-in simulator, or an external one by URL. */
export type PaperSimLocation = 'built-in' | string;

/**
 * Which simulator account each HedgeDesk paper account trades on, per
 * simulator (`built-in` or an external one's URL), kept in one JSON file of
 * the data directory (written atomically on every change) so a restart
 * finds the same simulator accounts. Without a file the book lives in memory.
 * `E` is the venue's entry (a Lighter account index, a Paradex key…).
 */
export class PaperAccountBook<E> {
  private entries: Map<string, E> | null = null;

  /**
   * The file is read on first use, so a damaged one fails the paper
   * accounts that need it, not the app.
   * @param file JSON file, or null for memory only.
   * @param entrySchema The shape of one entry (checked when the file is read).
   */
  constructor(
    private readonly file: string | null,
    private readonly entrySchema: z.ZodType<E>,
  ) {}

  /**
   * The simulator account of `accountId` on `where`, or undefined.
   * @throws CorruptStateFileError when the file exists but is not a book of such entries.
   */
  get(accountId: string, where: PaperSimLocation): E | undefined {
    return this.load().get(PaperAccountBook.key(accountId, where));
  }

  /**
   * Records the simulator account of `accountId` on `where` (on disk before this returns).
   * @throws CorruptStateFileError as {@link get}; Error from the file system (the book is then unchanged).
   */
  set(accountId: string, where: PaperSimLocation, entry: E): void {
    const next = new Map(this.load()).set(PaperAccountBook.key(accountId, where), entry);
    if (this.file !== null) writeJsonAtomic(this.file, { version: 1, accounts: Object.fromEntries(next) });
    this.entries = next;
  }

  private load(): Map<string, E> {
    if (this.entries) return this.entries;
    const entries = new Map<string, E>();
    const raw = this.file === null ? null : readJsonFile(this.file);
    if (raw !== null) {
      const file = this.file!;
      const accounts = (raw as { version?: unknown; accounts?: unknown }).accounts;
      if ((raw as { version?: unknown }).version !== 1 || typeof accounts !== 'object' || accounts === null || Array.isArray(accounts)) {
        throw new CorruptStateFileError(file, 'not a version 1 paper account book');
      }
      for (const [key, value] of Object.entries(accounts)) {
        const parsed = this.entrySchema.safeParse(value);
        if (!parsed.success) throw new CorruptStateFileError(file, `entry ${key}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
        entries.set(key, parsed.data);
      }
    }
    this.entries = entries;
    return entries;
  }

  private static key(accountId: string, where: PaperSimLocation): string {
    return `${accountId}@${where}`;
  }
}
