import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

const boundsSchema = z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().min(200), height: z.number().int().min(150) });
/** A window's position and size on screen, device-independent pixels. */
export type WindowBounds = z.infer<typeof boundsSchema>;

const stateSchema = z.object({
  /** Last bounds of each account's window, by account id. */
  accountWindows: z.record(z.string(), boundsSchema).default({}),
  /** Whether the user was told once that HedgeDesk keeps running in the tray. */
  trayHintShown: z.boolean().default(false),
});
type State = z.infer<typeof stateSchema>;

/**
 * What the desktop shell remembers between launches, in
 * `<userData>/shell-state.json` (never secrets): account window bounds and
 * whether the "still running in the tray" hint was shown. A missing or
 * unreadable file starts empty; writes are atomic (temp file + rename).
 */
export class ShellState {
  private state: State;

  constructor(private readonly file: string) {
    this.state = ShellState.read(file);
  }

  /** The remembered bounds of an account's window, if any. */
  accountBounds(accountId: string): WindowBounds | null {
    return this.state.accountWindows[accountId] ?? null;
  }

  /** Remembers an account window's bounds. */
  setAccountBounds(accountId: string, bounds: WindowBounds): void {
    const parsed = boundsSchema.safeParse({ x: Math.round(bounds.x), y: Math.round(bounds.y), width: Math.round(bounds.width), height: Math.round(bounds.height) });
    if (!parsed.success) return;
    this.state.accountWindows[accountId] = parsed.data;
    this.write();
  }

  /** True the first time it is called (ever), false afterwards. */
  takeTrayHint(): boolean {
    if (this.state.trayHintShown) return false;
    this.state.trayHintShown = true;
    this.write();
    return true;
  }

  private static read(file: string): State {
    try {
      const parsed = stateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // missing or not JSON: start empty
    }
    return stateSchema.parse({});
  }

  private write(): void {
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const tmp = `${this.file}.tmp`;
      writeFileSync(tmp, JSON.stringify(this.state, null, 2));
      renameSync(tmp, this.file);
    } catch {
      // best effort: losing window bounds is harmless
    }
  }
}
