import type { DesktopNotification } from '../../shared/schemas/notify';

/**
 * What the Electron shell does for the core and `hedgedesk serve` cannot:
 * windows, native notifications, the file manager. The shell implements it
 * and passes it to `createCore`; headless the core has none, and the
 * renderer falls back (a browser tab, an in-page notification, no "open folder").
 */
export interface DesktopHost {
  /**
   * Opens (or focuses, when already open) the window of one account at
   * `#/account/<accountId>`. Returns false when it could not (no app ready).
   */
  openAccountWindow(accountId: string): boolean;
  /** Shows a native desktop notification. Must not throw. */
  showNotification(notification: DesktopNotification): void;
  /** Opens `dir` in the OS file manager; resolves false when the OS refused. */
  openPath(dir: string): Promise<boolean>;
  /**
   * Shows the OS "open file" dialog for a Lighter signer file (`.so`, `.dylib`,
   * `.dll`, `.wasm`); resolves the chosen path, or null when cancelled.
   * Optional: hosts without a dialog leave it out.
   */
  chooseSignerFile?(): Promise<string | null>;
}
