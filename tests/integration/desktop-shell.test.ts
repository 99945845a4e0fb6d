/**
 * The desktop app's BUILT main bundle (out/main/index.js, as electron-vite
 * emits it; `npm run build` first) launched under plain Node against a
 * recording stand-in of Electron (tests/helpers/electron-stand-in.ts) with the
 * real core on a temporary userData directory: what a launch, the tray, the
 * account windows, the notifications and a quit must do.
 */
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandChannel, commandNames, eventChannel } from '../../src/shared/contract';
import { createElectronStandIn, injectElectron, type StandInControl } from '../helpers/electron-stand-in';
import { HOLDING_TRI_HEDGE_CONFIG } from '../helpers/run-configs';
import { tempDir } from '../helpers/temp-dir';
import { until } from '../helpers/until';

const ROOT = resolve(__dirname, '../..');
const MAIN_BUNDLE = join(ROOT, 'out/main/index.js');
const PRELOAD_BUNDLE = join(ROOT, 'out/preload/index.js');
const APP_PAGE = 'app://hedgedesk/index.html';
const KEYCHAIN_SERVICE = `hedgedesk-test-desktop-shell-${process.pid}`;

const nodeRequire = createRequire(import.meta.url);
const dirs: { remove(): void }[] = [];

/** Runs the built main bundle once (a fresh launch) with `electron` resolved to a new stand-in. */
function launch(opts: { singleInstanceLock?: boolean; isPackaged?: boolean } = {}): { control: StandInControl; userData: string; restore: () => void } {
  if (!existsSync(MAIN_BUNDLE) || !existsSync(PRELOAD_BUNDLE)) throw new Error(`${MAIN_BUNDLE} is missing: run \`npm run build\` first`);
  const dir = tempDir('hedgedesk-desktop-');
  dirs.push(dir);
  const { electron, control } = createElectronStandIn({ userData: dir.path, appPath: ROOT, ...opts });
  const restore = injectElectron(electron);
  delete nodeRequire.cache[MAIN_BUNDLE];
  nodeRequire(MAIN_BUNDLE);
  return { control, userData: dir.path, restore };
}

/** Invokes a contract command as the renderer of `url` would (through the registered `ipcMain.handle`). */
async function invoke(control: StandInControl, name: string, request: unknown = {}, url = APP_PAGE): Promise<{ ok: boolean; data?: unknown; error?: { code: string } }> {
  const handler = control.ipcHandlers.get(commandChannel(name as (typeof commandNames)[number]));
  if (!handler) throw new Error(`no handler for ${name}`);
  return (await handler({ senderFrame: { url } }, request)) as { ok: boolean; data?: unknown; error?: { code: string } };
}

async function data<T>(control: StandInControl, name: string, request: unknown = {}): Promise<T> {
  const r = await invoke(control, name, request);
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
  return r.data as T;
}

const savedEnv = { service: process.env.HEDGEDESK_KEYCHAIN_SERVICE, dev: process.env.ELECTRON_RENDERER_URL };
beforeAll(() => {
  process.env.HEDGEDESK_KEYCHAIN_SERVICE = KEYCHAIN_SERVICE;
  // A packaged app must ignore the dev server even when the variable is set (checked below).
  process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173/';
});
afterAll(() => {
  for (const [key, value] of [['HEDGEDESK_KEYCHAIN_SERVICE', savedEnv.service], ['ELECTRON_RENDERER_URL', savedEnv.dev]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  for (const d of dirs.splice(0)) d.remove();
});

describe('the built desktop shell (out/main/index.js) against the Electron stand-in', () => {
  it('a second instance hands over to the first and quits: no core, no window, no IPC', async () => {
    const { control, userData, restore } = launch({ singleInstanceLock: false });
    try {
      expect(control.calls[0]).toEqual({ api: 'app.requestSingleInstanceLock', args: [] });
      expect(control.callsOf('app.quit')).toHaveLength(1);
      control.ready();
      await new Promise((r) => setTimeout(r, 50));
      expect(control.windows).toEqual([]);
      expect(control.ipcHandlers.size).toBe(0);
      expect(control.trays).toEqual([]);
      expect(existsSync(join(userData, 'hedgedesk.db'))).toBe(false);
    } finally {
      restore();
    }
  });

  it('launches hardened, serves app://, runs the tray, account windows and notifications, and quits cleanly', async () => {
    const { control, userData, restore } = launch({ isPackaged: true });
    try {
      // Before ready: the lock, then the privileged scheme; nothing else is created yet.
      expect(control.calls[0]!.api).toBe('app.requestSingleInstanceLock');
      expect(control.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
      expect(control.windows).toHaveLength(0);
      control.ready();
      await until(() => control.windows.length === 1 && control.trays.length === 1, 'the main window and the tray');

      // Hardening and the app:// handler are in place before the first window exists.
      const at = (api: string, arg?: unknown) => control.calls.findIndex((c) => c.api === api && (arg === undefined || c.args[0] === arg));
      expect(at('app.on', 'web-contents-created')).toBeGreaterThan(at('(test) ready'));
      expect(at('app.on', 'web-contents-created')).toBeLessThan(at('BrowserWindow'));
      expect(at('protocol.handle', 'app')).toBeLessThan(at('BrowserWindow'));

      // The core runs on the userData directory.
      expect(existsSync(join(userData, 'hedgedesk.db'))).toBe(true);
      const info = await data<{ runtime: string; dataDir: string; databasePath: string }>(control, 'app.info');
      expect(info).toMatchObject({ runtime: 'electron', dataDir: userData, databasePath: join(userData, 'hedgedesk.db') });
      expect(existsSync(join(userData, 'logs'))).toBe(true);

      // One handler per contract command, nothing else.
      const handled = control.callsOf('ipcMain.handle').map((c) => c.args[0]);
      expect([...handled].sort()).toEqual(commandNames.map((n) => commandChannel(n)).sort());
      expect(new Set(handled).size).toBe(handled.length);

      // The main window: hardened preferences, an existing preload, the app:// page even though
      // ELECTRON_RENDERER_URL is set (the app is packaged).
      const main = control.windows[0]!;
      const prefs = main.options.webPreferences as Record<string, unknown>;
      expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
      expect(prefs.preload).toBe(PRELOAD_BUNDLE);
      expect(existsSync(prefs.preload as string)).toBe(true);
      expect(main.url).toBe(APP_PAGE);
      expect(main.shown).toBe(false);
      main.emit('ready-to-show');
      expect(main.shown).toBe(true);
      // A second launch brings this window to the front instead of starting another app.
      main.minimized = true;
      control.emitApp('second-instance', [], ROOT);
      expect([main.minimized, main.focusCount, control.windows.length]).toEqual([false, 1, 1]);

      // IPC only from the app's own page; the dev server's origin is not trusted in a packaged app.
      expect((await invoke(control, 'app.info', {}, 'app://hedgedesk/index.html#/accounts')).ok).toBe(true);
      for (const url of ['http://localhost:5173/', 'file:///etc/passwd', 'https://evil.example/', 'app://other/index.html']) {
        expect((await invoke(control, 'app.info', {}, url)).error?.code, url).toBe('UNAUTHORIZED');
      }

      // The app:// protocol serves the built renderer with the security headers, nothing outside it.
      const serve = control.protocolHandlers.get('app')!;
      const page = await serve(new Request(APP_PAGE));
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await page.text()).toBe(readFileSync(join(ROOT, 'out/renderer/index.html'), 'utf8'));
      const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(readFileSync(join(ROOT, 'out/renderer/index.html'), 'utf8'))![1]!;
      const asset = await serve(new Request(`app://hedgedesk/${script}`));
      expect([asset.status, asset.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
      for (const bad of ['app://hedgedesk/%2e%2e/main/index.js', 'app://hedgedesk/..%2fmain%2findex.js', 'app://hedgedesk/nope.js', 'app://other/index.html']) {
        expect((await serve(new Request(bad))).status, bad).toBe(404);
      }
      expect((await serve(new Request(APP_PAGE, { method: 'POST', body: 'x' }))).status).toBe(404);

      // Every web contents: no navigation away, no new windows, no webviews; permissions denied; CSP on web responses.
      const contents = control.createWebContents();
      expect(contents.attempt('will-navigate', 'https://evil.example/').defaultPrevented).toBe(true);
      expect(contents.attempt('will-navigate', 'http://localhost:5173/').defaultPrevented).toBe(true);
      expect(contents.attempt('will-navigate', `${APP_PAGE}#/runs`).defaultPrevented).toBe(false);
      expect(contents.attempt('will-redirect', 'https://evil.example/').defaultPrevented).toBe(true);
      expect(contents.attempt('will-attach-webview').defaultPrevented).toBe(true);
      expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
      let granted: boolean | null = null;
      control.session.permissionRequest?.(null, 'notifications', (ok: boolean) => (granted = ok));
      expect(granted).toBe(false);
      expect(control.session.permissionCheck?.(null, 'media')).toBe(false);
      let headers: Record<string, string[]> = {};
      control.session.headersReceived?.({ responseHeaders: {} }, (r: { responseHeaders: Record<string, string[]> }) => (headers = r.responseHeaders));
      expect(headers['Content-Security-Policy']?.[0]).toContain("default-src 'self'");

      // The tray: idle icon from resources/, a menu with show, stop all, flatten all, quit.
      const tray = control.trays[0]!;
      const icon = (tray.image as { path: string }).path;
      expect(icon).toBe(join(ROOT, 'resources', 'tray-idle.png'));
      expect(existsSync(icon)).toBe(true);
      await until(() => tray.menu !== null, 'the tray menu');
      expect(tray.labels()).toEqual(['Show HedgeDesk', '---', 'No strategy running', '---', 'Stop all (cancel every open order)', 'Flatten all…', '---', 'Quit HedgeDesk']);

      // An account window per account: opened, focused on the second request, bounds remembered.
      // The demo workspace: three paper Lighter accounts on the built-in simulator.
      const accounts = (await data<{ id: string; label: string }[]>(control, 'accounts.list')).sort((a, b) => a.label.localeCompare(b.label));
      expect(accounts.map((a) => a.label)).toEqual(['Demo A', 'Demo B', 'Demo C']);
      const first = accounts[0]!.id;
      expect(await data(control, 'desktop.openAccountWindow', { accountId: first })).toEqual({ opened: 'window' });
      expect(control.windows).toHaveLength(2);
      const accountWindow = control.windows[1]!;
      expect(accountWindow.url).toBe(`${APP_PAGE}#/account/${first}`);
      expect(accountWindow.options.webPreferences).toEqual(prefs);
      await data(control, 'desktop.openAccountWindow', { accountId: first });
      expect(control.windows).toHaveLength(2);
      expect(accountWindow.focusCount).toBe(1);
      accountWindow.bounds = { x: 40, y: 50, width: 900, height: 700 };
      accountWindow.close();
      expect(JSON.parse(readFileSync(join(userData, 'shell-state.json'), 'utf8')).accountWindows[first]).toEqual({ x: 40, y: 50, width: 900, height: 700 });
      await data(control, 'desktop.openAccountWindow', { accountId: first });
      expect(control.windows).toHaveLength(3);
      expect(control.windows[2]!.options).toMatchObject({ x: 40, y: 50, width: 900, height: 700 });

      // A run: one native notification per notify.desktop event; the tray offers to stop it.
      const accountIds = accounts.map((a) => a.id);
      const start = () => data<{ runId: string }>(control, 'runs.start', { strategy: 'tri-hedge-hold', config: HOLDING_TRI_HEDGE_CONFIG, accountIds }).then((r) => r.runId);
      const notified = (title: string) => control.notifications.filter((n) => n.shown && n.options.title === title).length;
      const run1 = await start();
      await until(() => notified('Run started: tri-hedge-hold') === 1, 'the run-started notification', 10_000);
      await until(() => tray.labels().some((l) => l.startsWith('Stop tri-hedge-hold')), 'the run in the tray menu', 5_000);
      expect((tray.image as { path: string }).path).toMatch(/tray-(running|attention)\.png$/);
      tray.click('Stop tri-hedge-hold');
      await until(async () => (await data<{ id: string; status: string }[]>(control, 'runs.list')).find((r) => r.id === run1)?.status === 'stopped', 'run 1 stopped from the tray', 20_000);
      await until(() => notified('Run stopped: tri-hedge-hold') === 1, 'the run-stopped notification', 10_000);

      // Stop all from the tray: the run stops and the result is reported natively.
      const run2 = await start();
      await until(() => tray.labels().some((l) => l.startsWith('Stop tri-hedge-hold')), 'run 2 in the tray menu', 5_000);
      const before = control.notifications.length;
      tray.click('Stop all');
      await until(async () => (await data<{ id: string; status: string }[]>(control, 'runs.list')).find((r) => r.id === run2)?.status === 'stopped', 'run 2 stopped by Stop all', 20_000);
      await until(() => control.notifications.slice(before).some((n) => n.options.body?.startsWith('Stop all:')), 'the Stop all report', 10_000);

      // Flatten all asks first: Cancel changes nothing, confirming flattens and reports.
      control.dialogAnswers.push(0);
      tray.click('Flatten all');
      await until(() => control.callsOf('dialog.showMessageBox').length === 1, 'the flatten confirmation');
      await new Promise((r) => setTimeout(r, 300));
      const flattenReports = () => control.notifications.filter((n) => n.options.body?.startsWith('Flatten all:')).length;
      expect(flattenReports()).toBe(0);
      control.dialogAnswers.push(1);
      tray.click('Flatten all');
      await until(() => flattenReports() === 1, 'the Flatten all report', 30_000);
      expect(control.callsOf('dialog.showMessageBox')).toHaveLength(2);
      expect(control.callsOf('dialog.showMessageBox')[0]!.args[0]).toMatchObject({ title: 'Flatten all positions?', buttons: ['Cancel', 'Flatten all'], defaultId: 0, cancelId: 0 });
      const positions = await data<{ accounts: { positions: { size: string }[] }[] }>(control, 'portfolio.get');
      expect(positions.accounts.flatMap((a) => a.positions ?? []).filter((p) => Number(p.size) !== 0)).toEqual([]);

      // Every notify.desktop event (also forwarded to the windows) became exactly one native notification.
      const desktopEvents = control.windows[0]!.webContents.sent.filter((e) => e.channel === eventChannel('notify.desktop')).map((e) => e.payload as { title: string; body: string });
      expect(desktopEvents.length).toBeGreaterThanOrEqual(4);
      expect(control.notifications.filter((n) => n.options.title !== 'HedgeDesk').map((n) => [n.options.title, n.options.body, n.shown])).toEqual(desktopEvents.map((e) => [e.title, e.body, true]));

      // Quit while a run is active asks; Cancel keeps everything running.
      const run3 = await start();
      await until(() => tray.labels().some((l) => l.startsWith('Stop tri-hedge-hold')), 'run 3 in the tray menu', 5_000);
      // Closing every window while a run is active keeps the app in the tray, said once; the tray brings the window back.
      for (const w of control.windows.filter((x) => !x.destroyed)) w.close();
      expect([control.callsOf('app.quit').length, control.exitCode]).toEqual([0, null]);
      const kept = control.notifications.filter((n) => n.options.title === 'HedgeDesk keeps running');
      expect(kept.map((n) => n.shown)).toEqual([true]);
      const windowCount = control.windows.length;
      tray.click('Show HedgeDesk');
      expect(control.windows).toHaveLength(windowCount + 1);
      expect(control.windows.at(-1)!.url).toBe(APP_PAGE);
      control.windows.at(-1)!.close();
      expect(control.notifications.filter((n) => n.options.title === 'HedgeDesk keeps running')).toHaveLength(1);
      control.dialogAnswers.push(0);
      tray.click('Quit HedgeDesk');
      expect(control.callsOf('dialog.showMessageBoxSync')).toHaveLength(1);
      expect(control.callsOf('dialog.showMessageBoxSync')[0]!.args[0]).toMatchObject({ title: 'Quit HedgeDesk?', buttons: ['Cancel', 'Stop runs and quit'], cancelId: 0, detail: expect.stringContaining('Strategy runs active: 1') });
      expect(control.exitCode).toBeNull();
      expect(tray.destroyed).toBe(false);
      // "Stop and quit": the run is stopped, the core closes, the app exits 0.
      control.dialogAnswers.push(1);
      tray.click('Quit HedgeDesk');
      await until(() => control.exitCode !== null, 'the app to exit', 30_000);
      expect(control.exitCode).toBe(0);
      expect(tray.destroyed).toBe(true);
      expect(control.ipcHandlers.size).toBe(0);
      const db = new Database(join(userData, 'hedgedesk.db'), { readonly: true });
      try {
        const rows = db.prepare('SELECT id, status FROM runs ORDER BY created_at').all() as { id: string; status: string }[];
        expect(rows.map((r) => [r.id, r.status])).toEqual([
          [run1, 'stopped'],
          [run2, 'stopped'],
          [run3, 'stopped'],
        ]);
      } finally {
        db.close();
      }
    } finally {
      restore();
    }
  }, 120_000);
});
