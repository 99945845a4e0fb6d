import { app, dialog, Menu, nativeImage, Notification, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import { join } from 'node:path';
import { deskStopResultSchema } from '../../shared/schemas/desk';
import { portfolioSnapshotSchema, type PortfolioSnapshot } from '../../shared/schemas/portfolio';
import { settingsSchema, type Settings } from '../../shared/schemas/settings';
import type { Core } from '../core/core';
import { attentionReasons, stopResultTexts, trayModel, type TrayAction, type TrayItem, type TrayState } from '../core/desk/tray-model';
import { trayTranslator, type TrayTranslate } from './tray-texts';

/** What the tray asks of the app. */
export interface TrayHost {
  /** Shows (or re-creates) and focuses the main window. */
  showMain(): void;
  /** Quits (the app asks for confirmation while runs are active). */
  quit(): void;
}

/** Menu rebuilds are coalesced to at most one per this many ms (runs emit many events). */
const REFRESH_MS = 300;

/**
 * The tray icon and menu. The model (state, items) is computed by
 * core/desk/tray-model.ts from the runs and the latest portfolio snapshot;
 * this class only renders it: icon resources/tray-<state>.png (16 px, @2x
 * 32 px), tooltip, menu, and runs the actions through the core's contract
 * commands (`runs.stop`, `runs.stopAll`, `runs.flattenAll` after a confirmation).
 */
export class AppTray {
  private readonly tray: Tray;
  private portfolio: PortfolioSnapshot | null = null;
  private language: Settings['language'] = 'system';
  private timer: NodeJS.Timeout | null = null;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly core: Core,
    private readonly host: TrayHost,
  ) {
    this.tray = new Tray(trayIcon('idle'));
    this.tray.on('click', () => host.showMain());
    this.unsubscribe = core.events.subscribe((name, payload) => {
      if (name === 'portfolio.changed') this.portfolio = portfolioSnapshotSchema.parse(payload);
      if (name === 'settings.changed') this.language = settingsSchema.parse(payload).language;
      if (name === 'portfolio.changed' || name === 'settings.changed' || name === 'run.event') this.schedule();
    });
    void core.dispatch('settings.get', {}).then((r) => {
      if (r.ok) this.language = settingsSchema.parse(r.data).language;
      this.refresh();
    });
  }

  /** The translator of the current language (also for the app's dialogs). */
  translate(): TrayTranslate {
    return trayTranslator(this.language, app.getPreferredSystemLanguages());
  }

  /** Removes the icon and stops listening. */
  destroy(): void {
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.tray.destroy();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.refresh();
    }, REFRESH_MS);
  }

  private refresh(): void {
    if (this.tray.isDestroyed()) return;
    const runs = this.core.engine.listRuns(50);
    const model = trayModel(runs, attentionReasons(runs, this.portfolio));
    const t = this.translate();
    this.tray.setImage(trayIcon(model.state));
    this.tray.setToolTip(t(model.tooltip));
    this.tray.setContextMenu(Menu.buildFromTemplate(model.items.map((item) => this.menuItem(item, t))));
  }

  private menuItem(item: TrayItem, t: TrayTranslate): MenuItemConstructorOptions {
    if (item.kind === 'separator') return { type: 'separator' };
    if (item.kind === 'label') return { label: t(item.label), enabled: false };
    return { label: t(item.label), enabled: item.enabled, click: () => void this.run(item.action) };
  }

  /** Tells the user, as a native notification, what "stop all" / "flatten all" did. */
  private report(action: 'stopAll' | 'flattenAll', result: Awaited<ReturnType<Core['dispatch']>>): void {
    const parsed = result.ok ? deskStopResultSchema.safeParse(result.data) : null;
    if (!parsed?.success || !Notification.isSupported()) return;
    const t = this.translate();
    new Notification({ title: t({ key: 'doneTitle' }), body: stopResultTexts(action, parsed.data).map(t).join('\n') }).show();
  }

  private async run(action: TrayAction): Promise<void> {
    switch (action.type) {
      case 'show':
        return this.host.showMain();
      case 'quit':
        return this.host.quit();
      case 'stopRun':
        await this.core.dispatch('runs.stop', { runId: action.runId });
        break;
      case 'stopAll':
        this.report('stopAll', await this.core.dispatch('runs.stopAll', {}));
        break;
      case 'flattenAll': {
        const t = this.translate();
        const answer = await dialog.showMessageBox({
          type: 'warning',
          title: t({ key: 'flattenTitle' }),
          message: t({ key: 'flattenTitle' }),
          detail: t({ key: 'flattenMessage' }),
          buttons: [t({ key: 'cancel' }), t({ key: 'flattenConfirm' })],
          defaultId: 0,
          cancelId: 0,
        });
        if (answer.response === 1) this.report('flattenAll', await this.core.dispatch('runs.flattenAll', {}));
        break;
      }
    }
    this.refresh();
  }
}

function trayIcon(state: TrayState): NativeImage {
  return nativeImage.createFromPath(join(app.getAppPath(), 'resources', `tray-${state}.png`));
}
