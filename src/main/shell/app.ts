import { app, BrowserWindow, dialog, Notification } from 'electron';
import { join } from 'node:path';
import { createCore, type Core } from '../core/core';
import { activeRuns } from '../core/desk/tray-model';
import { installProcessGuard } from '../core/process-guard';
import { AccountWindows } from './account-windows';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { AppTray } from './app-tray';
import { createDesktopHost } from './desktop-host';
import { registerIpc } from './ipc';
import { appIconPath, createMainWindow } from './main-window';
import { hardenApp } from './security';
import { ShellState } from './shell-state';

/**
 * The desktop app's lifecycle: one instance, the renderer served on
 * `app://hedgedesk/` (scheme registered before `ready`), the core started on the
 * userData directory with the shell as its desktop host (account windows,
 * native notifications, open folder), IPC derived from the contract, the
 * main window and the tray. Closing the last window keeps the app in the
 * tray while strategy runs are active (said once, the first time); quitting
 * while runs are active asks first, then stops them cleanly (resting orders
 * cancelled, positions kept) before the core closes. A database problem
 * (damaged, or from a newer app) is shown and the app quits without
 * touching the file.
 */
function start(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  let core: Core | undefined;
  let tray: AppTray | undefined;
  let mainWindow: BrowserWindow | undefined;
  let unregister: (() => void) | undefined;
  let quitConfirmed = false;

  const showMain = (): void => {
    if (!app.isReady() || !core) return;
    if (!mainWindow || mainWindow.isDestroyed()) {
      mainWindow = createMainWindow();
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };
  const running = () => (core ? activeRuns(core.engine.listRuns(50)) : []);

  registerAppScheme();
  app.on('second-instance', showMain);
  // Windows shows native notifications only for an app with this id (electron-builder's appId).
  if (process.platform === 'win32') app.setAppUserModelId('app.hedgedesk.desktop');

  void app.whenReady().then(() => {
    hardenApp();
    serveRenderer();
    const state = new ShellState(join(app.getPath('userData'), 'shell-state.json'));
    const windows = new AccountWindows(state);
    try {
      core = createCore({
        dataDir: app.getPath('userData'),
        runtime: 'electron',
        appVersion: app.getVersion(),
        electronVersion: process.versions.electron ?? null,
        desktopHost: createDesktopHost(windows, showMain),
        demoWorkspace: true,
      });
    } catch (err) {
      dialog.showErrorBox('HedgeDesk cannot start', (err as Error).message);
      app.exit(1);
      return;
    }
    // An error nobody handled is logged, not shown as a dialog that stops the main process: runs keep going.
    installProcessGuard(core.logger);
    unregister = registerIpc(core);
    tray = new AppTray(core, { showMain, quit: () => app.quit() });
    showMain();
    app.on('activate', showMain);
    app.on('window-all-closed', () => {
      if (running().length === 0) {
        if (process.platform !== 'darwin') app.quit();
        return;
      }
      if (state.takeTrayHint() && Notification.isSupported() && tray) {
        const t = tray.translate();
        new Notification({ title: t({ key: 'keptTitle' }), body: t({ key: 'keptBody' }), icon: appIconPath() }).show();
      }
    });
  });

  app.on('before-quit', (event) => {
    const active = running();
    if (quitConfirmed || !core || active.length === 0) return;
    event.preventDefault();
    const t = tray?.translate();
    const answer = dialog.showMessageBoxSync({
      type: 'question',
      title: t?.({ key: 'quitTitle' }) ?? 'Quit HedgeDesk?',
      message: t?.({ key: 'quitTitle' }) ?? 'Quit HedgeDesk?',
      detail: t?.({ key: 'quitMessage', params: { count: active.length } }) ?? '',
      buttons: [t?.({ key: 'cancel' }) ?? 'Cancel', t?.({ key: 'quitConfirm' }) ?? 'Stop and quit'],
      defaultId: 0,
      cancelId: 0,
    });
    if (answer !== 1) return;
    quitConfirmed = true;
    const stopping = core;
    void Promise.allSettled(active.map((r) => stopping.engine.stopRun(r.id, { reason: 'the app was quit' }))).then(() => app.quit());
  });

  app.on('will-quit', (event) => {
    if (!core) return;
    event.preventDefault();
    const closing = core;
    core = undefined;
    tray?.destroy();
    unregister?.();
    void closing.close().finally(() => app.exit(0));
  });
}

start();
