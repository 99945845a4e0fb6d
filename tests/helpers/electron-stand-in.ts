/**
 * A recording stand-in for the parts of Electron's API the desktop shell uses
 * (src/main/shell/*, src/main/index.ts, src/preload/index.ts), so the BUILT
 * bundles (out/main/index.js, out/preload/index.js) can run under plain Node
 * in tests. It records every call in order and lets the test drive what the
 * OS or the user would: `ready`, clicks on tray items, dialog answers, window
 * bounds, closing windows, navigation attempts. It models only the documented
 * behaviour the shell relies on:
 * - `app.quit()` emits `before-quit`, then (unless prevented) `will-quit`;
 * - closing the last window emits `window-all-closed`;
 *   `app.exit(code)` emits nothing;
 * - `protocol.registerSchemesAsPrivileged` throws after `ready`, `protocol.handle` before it;
 * - `ipcMain.handle` throws for a channel that already has a handler.
 * It is injected with {@link injectElectron}: `require('electron')` resolves to it.
 */
import Module, { createRequire } from 'node:module';

/** One recorded call: the API (e.g. `app.requestSingleInstanceLock`) and its arguments. */
export interface Call {
  api: string;
  args: unknown[];
}

type Listener = (...args: unknown[]) => unknown;

/** A minimal event emitter with Electron's `on`/`once`/`removeListener`. */
class Emitter {
  private readonly listeners = new Map<string, { fn: Listener; once: boolean }[]>();

  on(name: string, fn: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), { fn, once: false }]);
    return this;
  }

  once(name: string, fn: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), { fn, once: true }]);
    return this;
  }

  removeListener(name: string, fn: Listener): this {
    this.listeners.set(name, (this.listeners.get(name) ?? []).filter((l) => l.fn !== fn));
    return this;
  }

  listenerCount(name: string): number {
    return this.listeners.get(name)?.length ?? 0;
  }

  emit(name: string, ...args: unknown[]): void {
    const all = this.listeners.get(name) ?? [];
    this.listeners.set(name, all.filter((l) => !l.once));
    for (const l of all) l.fn(...args);
  }
}

/** The event object Electron passes to `before-quit`, `will-navigate`…: `preventDefault()` is recorded. */
export class StandInEvent {
  defaultPrevented = false;
  constructor(readonly extra: Record<string, unknown> = {}) {
    Object.assign(this, extra);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

/** Bounds as Electron reports them. */
export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Everything the test can see and drive. Arrays grow in creation order;
 * `dialogAnswers` are consumed by `dialog.showMessageBox(Sync)` (0 = the first
 * button, i.e. Cancel in the shell's dialogs, when the queue is empty).
 */
export interface StandInControl {
  calls: Call[];
  windows: StandInWindow[];
  trays: StandInTray[];
  notifications: StandInNotification[];
  ipcHandlers: Map<string, Listener>;
  protocolHandlers: Map<string, (request: Request) => Promise<Response> | Response>;
  privilegedSchemes: unknown[];
  session: { permissionRequest?: Listener; permissionCheck?: Listener; headersReceived?: Listener };
  dialogAnswers: number[];
  /** Set by `app.exit(code)`. */
  exitCode: number | null;
  /** Set once `will-quit` ran without being prevented (a quit Electron would carry out). */
  quitCompleted: boolean;
  /** Resolves `app.whenReady()` and emits `ready`. */
  ready(): void;
  /** Emits an `app` event with a fresh {@link StandInEvent} (plus `args`) and returns that event. */
  emitApp(name: string, ...args: unknown[]): StandInEvent;
  /** A new web contents as Electron announces it (`web-contents-created`). */
  createWebContents(): StandInWebContents;
  /** What the preload exposed: key → api. */
  exposed: Map<string, unknown>;
  /** The renderer side's listeners by channel (preload). */
  rendererListeners: Map<string, Listener[]>;
  /** The calls of one API, in order. */
  callsOf(api: string): Call[];
}

/** A web contents: records the shell's handlers and what is sent to the renderer. */
export class StandInWebContents extends Emitter {
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: Listener | null = null;

  constructor(private readonly record: (api: string, ...args: unknown[]) => void) {
    super();
  }

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }

  setWindowOpenHandler(fn: Listener): void {
    this.record('webContents.setWindowOpenHandler');
    this.windowOpenHandler = fn;
  }

  /** Emits `name` with a fresh event and `args`; returns the event (was it prevented?). */
  attempt(name: string, ...args: unknown[]): StandInEvent {
    const event = new StandInEvent();
    this.emit(name, event, ...args);
    return event;
  }
}

/** A BrowserWindow: options as given, the URL loaded, shown/focused, bounds the test can move. */
export class StandInWindow extends Emitter {
  readonly webContents: StandInWebContents;
  url: string | null = null;
  shown = false;
  focusCount = 0;
  destroyed = false;
  minimized = false;
  bounds: Bounds;

  constructor(
    readonly options: Record<string, unknown>,
    record: (api: string, ...args: unknown[]) => void,
  ) {
    super();
    this.webContents = new StandInWebContents(record);
    const n = (key: string, fallback: number) => (typeof options[key] === 'number' ? (options[key] as number) : fallback);
    this.bounds = { x: n('x', 0), y: n('y', 0), width: n('width', 800), height: n('height', 600) };
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focusCount += 1;
  }
  getNormalBounds(): Bounds {
    return { ...this.bounds };
  }
  loadURL(url: string): Promise<void> {
    this.url = url;
    return Promise.resolve();
  }
  loadFile(file: string): Promise<void> {
    this.url = `file://${file}`;
    return Promise.resolve();
  }
  /** Called after `closed` (the app emits `window-all-closed` when it was the last one). */
  afterClosed: () => void = () => undefined;

  /** The user closes the window: `close`, then `closed`. */
  close(): void {
    this.emit('close', new StandInEvent());
    this.destroyed = true;
    this.emit('closed');
    this.afterClosed();
  }
}

/** A tray icon: image, tooltip, the last context menu (its template items). */
export class StandInTray extends Emitter {
  image: unknown;
  tooltip = '';
  menu: { items: { label?: string; type?: string; enabled?: boolean; click?: () => void }[] } | null = null;
  destroyed = false;

  constructor(image: unknown) {
    super();
    this.image = image;
  }
  setImage(image: unknown): void {
    this.image = image;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: StandInTray['menu']): void {
    this.menu = menu;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
  /** Labels of the current menu (separators as `---`). */
  labels(): string[] {
    return (this.menu?.items ?? []).map((i) => (i.type === 'separator' ? '---' : (i.label ?? '')));
  }
  /** Clicks the enabled item whose label starts with `prefix`. @throws when there is none. */
  click(prefix: string): void {
    const item = this.menu?.items.find((i) => i.label?.startsWith(prefix) && i.enabled !== false && i.click);
    if (!item?.click) throw new Error(`no tray item "${prefix}…" in [${this.labels().join(' | ')}]`);
    item.click();
  }
}

/** A native notification: its options and whether it was shown. */
export class StandInNotification extends Emitter {
  shown = false;
  constructor(readonly options: { title?: string; body?: string; icon?: string; urgency?: string; silent?: boolean }) {
    super();
  }
  show(): void {
    this.shown = true;
  }
}

/** What the stand-in reports for the app. */
export interface StandInOptions {
  userData: string;
  /** `app.getAppPath()`: the project root (where package.json and resources/ are). */
  appPath: string;
  isPackaged?: boolean;
  /** What `app.requestSingleInstanceLock()` returns (default true). */
  singleInstanceLock?: boolean;
}

/** A fresh stand-in: the module object to inject and the test's control over it. */
export function createElectronStandIn(opts: StandInOptions): { electron: Record<string, unknown>; control: StandInControl } {
  const calls: Call[] = [];
  const record = (api: string, ...args: unknown[]) => {
    calls.push({ api, args });
  };
  const appEvents = new Emitter();
  let isReady = false;
  let resolveReady!: () => void;
  const readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));

  const control: StandInControl = {
    calls,
    windows: [],
    trays: [],
    notifications: [],
    ipcHandlers: new Map(),
    protocolHandlers: new Map(),
    privilegedSchemes: [],
    session: {},
    dialogAnswers: [],
    exitCode: null,
    quitCompleted: false,
    exposed: new Map(),
    rendererListeners: new Map(),
    ready() {
      record('(test) ready');
      isReady = true;
      resolveReady();
      appEvents.emit('ready');
    },
    emitApp(name, ...args) {
      const event = new StandInEvent();
      appEvents.emit(name, event, ...args);
      return event;
    },
    createWebContents() {
      const contents = new StandInWebContents(record);
      appEvents.emit('web-contents-created', new StandInEvent(), contents);
      return contents;
    },
    callsOf: (api) => calls.filter((c) => c.api === api),
  };

  const app = {
    get isPackaged() {
      return opts.isPackaged ?? false;
    },
    requestSingleInstanceLock() {
      record('app.requestSingleInstanceLock');
      return opts.singleInstanceLock ?? true;
    },
    quit() {
      record('app.quit');
      if (control.emitApp('before-quit').defaultPrevented) return;
      if (control.emitApp('will-quit').defaultPrevented) return;
      control.quitCompleted = true;
    },
    exit(code = 0) {
      record('app.exit', code);
      control.exitCode = code;
    },
    on(name: string, fn: Listener) {
      record('app.on', name);
      appEvents.on(name, fn);
      return app;
    },
    whenReady() {
      record('app.whenReady');
      return readyPromise;
    },
    isReady: () => isReady,
    getPath(name: string) {
      record('app.getPath', name);
      if (name !== 'userData') throw new Error(`stand-in: app.getPath('${name}') is not modelled`);
      return opts.userData;
    },
    getAppPath: () => opts.appPath,
    getVersion: () => '0.1.0',
    getPreferredSystemLanguages: () => ['en-US'],
    setAppUserModelId: (id: string) => record('app.setAppUserModelId', id),
  };

  class BrowserWindow extends StandInWindow {
    constructor(options: Record<string, unknown>) {
      super(options, record);
      record('BrowserWindow', options);
      control.windows.push(this);
      this.afterClosed = () => {
        if (control.windows.every((w) => w.destroyed)) control.emitApp('window-all-closed');
      };
    }
    static getAllWindows(): StandInWindow[] {
      return control.windows.filter((w) => !w.destroyed);
    }
    static getFocusedWindow(): StandInWindow | null {
      return null;
    }
  }

  class Tray extends StandInTray {
    constructor(image: unknown) {
      super(image);
      record('Tray', image);
      control.trays.push(this);
    }
  }

  class Notification extends StandInNotification {
    constructor(options: StandInNotification['options']) {
      super(options);
      record('Notification', options);
      control.notifications.push(this);
    }
    static isSupported(): boolean {
      return true;
    }
  }

  const electron = {
    app,
    BrowserWindow,
    Tray,
    Notification,
    Menu: {
      buildFromTemplate(items: unknown[]) {
        return { items };
      },
    },
    nativeImage: {
      createFromPath(path: string) {
        record('nativeImage.createFromPath', path);
        return { path };
      },
    },
    dialog: {
      showMessageBox(...args: unknown[]) {
        record('dialog.showMessageBox', ...args);
        return Promise.resolve({ response: control.dialogAnswers.shift() ?? 0, checkboxChecked: false });
      },
      showMessageBoxSync(...args: unknown[]) {
        record('dialog.showMessageBoxSync', ...args);
        return control.dialogAnswers.shift() ?? 0;
      },
      showErrorBox: (title: string, content: string) => record('dialog.showErrorBox', title, content),
      showOpenDialog(...args: unknown[]) {
        record('dialog.showOpenDialog', ...args);
        return Promise.resolve({ canceled: true, filePaths: [] });
      },
    },
    ipcMain: {
      handle(channel: string, fn: Listener) {
        record('ipcMain.handle', channel);
        if (control.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        control.ipcHandlers.set(channel, fn);
      },
      removeHandler(channel: string) {
        record('ipcMain.removeHandler', channel);
        control.ipcHandlers.delete(channel);
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Listener) => (control.session.permissionRequest = fn),
        setPermissionCheckHandler: (fn: Listener) => (control.session.permissionCheck = fn),
        webRequest: { onHeadersReceived: (fn: Listener) => (control.session.headersReceived = fn) },
      },
    },
    protocol: {
      registerSchemesAsPrivileged(schemes: unknown[]) {
        record('protocol.registerSchemesAsPrivileged', schemes);
        if (isReady) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
        control.privilegedSchemes.push(...schemes);
      },
      handle(scheme: string, fn: (request: Request) => Promise<Response> | Response) {
        record('protocol.handle', scheme);
        if (!isReady) throw new Error('protocol.handle cannot be used before the app is ready');
        control.protocolHandlers.set(scheme, fn);
      },
    },
    shell: {
      openPath(path: string) {
        record('shell.openPath', path);
        return Promise.resolve('');
      },
    },
    contextBridge: {
      exposeInMainWorld(key: string, api: unknown) {
        record('contextBridge.exposeInMainWorld', key);
        control.exposed.set(key, api);
      },
    },
    ipcRenderer: {
      invoke(channel: string, ...args: unknown[]) {
        record('ipcRenderer.invoke', channel, ...args);
        return Promise.resolve({ ok: true, data: { channel } });
      },
      on(channel: string, fn: Listener) {
        record('ipcRenderer.on', channel);
        control.rendererListeners.set(channel, [...(control.rendererListeners.get(channel) ?? []), fn]);
      },
      removeListener(channel: string, fn: Listener) {
        record('ipcRenderer.removeListener', channel);
        control.rendererListeners.set(channel, (control.rendererListeners.get(channel) ?? []).filter((l) => l !== fn));
      },
    },
  };
  return { electron, control };
}

/** Where `require('electron')` leads while injected (a name, not a file on disk). */
const STAND_IN_ID = '/electron-stand-in/index.js';

type ResolveFilename = (request: string, ...rest: unknown[]) => string;

/**
 * Makes `require('electron')` (Node's CommonJS resolution, as the built bundles
 * use it) return `electron`. Returns a function that undoes it.
 */
export function injectElectron(electron: Record<string, unknown>): () => void {
  const mod = Module as unknown as { _resolveFilename: ResolveFilename };
  const original = mod._resolveFilename;
  mod._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === 'electron' ? STAND_IN_ID : original.call(this, request, ...rest);
  };
  const cache = createRequire(import.meta.url).cache;
  const entry = new Module(STAND_IN_ID);
  entry.filename = STAND_IN_ID;
  entry.loaded = true;
  entry.exports = electron;
  cache[STAND_IN_ID] = entry;
  return () => {
    mod._resolveFilename = original;
    delete cache[STAND_IN_ID];
  };
}
