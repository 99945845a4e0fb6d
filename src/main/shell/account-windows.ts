import { BrowserWindow } from 'electron';
import { appIconPath, loadRenderer, secureWebPreferences } from './main-window';
import type { ShellState } from './shell-state';

/** Account ids as the contract accepts them: letters, digits, `_` and `-` (safe in a URL hash). */
const ACCOUNT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * One window per account at `#/account/<id>` (the same account view the
 * browser opens in a tab), with the main window's hardening. Opening an
 * account whose window exists focuses it. Bounds are remembered per account
 * ({@link ShellState}) and restored on the next open.
 */
export class AccountWindows {
  private readonly windows = new Map<string, BrowserWindow>();

  constructor(private readonly state: ShellState) {}

  /** Opens or focuses the window of `accountId`; false for an id that cannot be a route. */
  open(accountId: string): boolean {
    if (!ACCOUNT_ID.test(accountId)) return false;
    const existing = this.windows.get(accountId);
    if (existing && !existing.isDestroyed()) {
      if (existing.isMinimized()) existing.restore();
      existing.show();
      existing.focus();
      return true;
    }
    const bounds = this.state.accountBounds(accountId);
    const win = new BrowserWindow({
      ...(bounds ?? { width: 960, height: 720 }),
      minWidth: 640,
      minHeight: 480,
      title: 'HedgeDesk',
      icon: appIconPath(),
      show: false,
      webPreferences: secureWebPreferences(),
    });
    this.windows.set(accountId, win);
    win.once('ready-to-show', () => win.show());
    win.on('close', () => this.state.setAccountBounds(accountId, win.getNormalBounds()));
    win.on('closed', () => this.windows.delete(accountId));
    loadRenderer(win, `/account/${accountId}`);
    return true;
  }

  /** Whether `win` is one of the account windows. */
  has(win: BrowserWindow): boolean {
    return [...this.windows.values()].includes(win);
  }
}
