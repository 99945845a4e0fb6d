import { app, BrowserWindow, dialog } from 'electron';
import { createCore, type Core } from '../core/core';
import { registerIpc } from './ipc';
import { createMainWindow } from './main-window';
import { hardenApp } from './security';

/**
 * The desktop app's lifecycle: one instance, the core started on the
 * userData directory, IPC derived from the contract, the main window.
 * A database problem (damaged, or from a newer app) is shown and the app quits
 * without touching the file.
 */
function start(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  let core: Core | undefined;
  let unregister: (() => void) | undefined;

  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  void app.whenReady().then(() => {
    hardenApp();
    try {
      core = createCore({
        dataDir: app.getPath('userData'),
        runtime: 'electron',
        appVersion: app.getVersion(),
        electronVersion: process.versions.electron ?? null,
      });
    } catch (err) {
      dialog.showErrorBox('HedgeDesk cannot start', (err as Error).message);
      app.exit(1);
      return;
    }
    unregister = registerIpc(core);
    createMainWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('will-quit', (event) => {
    if (!core) return;
    event.preventDefault();
    const closing = core;
    core = undefined;
    unregister?.();
    void closing.close().finally(() => app.exit(0));
  });
}

start();
