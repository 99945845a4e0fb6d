/**
 * The BUILT preload bundle (out/preload/index.js; `npm run build` first) run
 * as a sandboxed preload runs: CommonJS in its own context where only
 * `electron` can be required (here the recording stand-in). It must expose
 * exactly `invoke` and `on`, limited to the contract's names.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { commandChannel, eventChannel } from '../../src/shared/contract';
import { createElectronStandIn } from '../helpers/electron-stand-in';

const PRELOAD_BUNDLE = resolve(__dirname, '../../out/preload/index.js');

interface Bridge {
  invoke(name: string, request: unknown): Promise<unknown>;
  on(name: string, listener: (payload: unknown) => void): () => void;
}

/** Evaluates the bundle like Electron's sandboxed preload loader: a CJS wrapper, `require` that knows only `electron`. */
function loadPreload() {
  if (!existsSync(PRELOAD_BUNDLE)) throw new Error(`${PRELOAD_BUNDLE} is missing: run \`npm run build\` first`);
  const { electron, control } = createElectronStandIn({ userData: '/nonexistent/user-data', appPath: '/nonexistent/app' });
  const required: string[] = [];
  const sandboxRequire = (id: string) => {
    required.push(id);
    if (id === 'electron') return electron;
    throw new Error(`module not found: ${id} (a sandboxed preload can only require electron)`);
  };
  const module = { exports: {} as unknown };
  const wrapper = runInNewContext(`(function (exports, require, module) {${readFileSync(PRELOAD_BUNDLE, 'utf8')}\n})`, { setTimeout, clearTimeout, queueMicrotask }, { filename: PRELOAD_BUNDLE }) as (
    exports: unknown,
    require: (id: string) => unknown,
    module: { exports: unknown },
  ) => void;
  wrapper(module.exports, sandboxRequire, module);
  return { control, required };
}

describe('the built preload bundle (out/preload/index.js)', () => {
  it('is CommonJS that requires only electron and exposes exactly invoke and on', () => {
    const { control, required } = loadPreload();
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect([...control.exposed.keys()]).toEqual(['hedgedesk']);
    expect(Object.keys(control.exposed.get('hedgedesk') as object).sort()).toEqual(['invoke', 'on']);
    expect(readFileSync(PRELOAD_BUNDLE, 'utf8')).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('forwards contract commands to their channel and refuses other names without IPC', async () => {
    const { control } = loadPreload();
    const bridge = control.exposed.get('hedgedesk') as Bridge;
    await expect(bridge.invoke('runs.list', {})).resolves.toEqual({ ok: true, data: { channel: commandChannel('runs.list') } });
    expect(control.callsOf('ipcRenderer.invoke')).toEqual([{ api: 'ipcRenderer.invoke', args: [commandChannel('runs.list'), {}] }]);
    for (const name of ['runs.nope', 'hedgedesk:cmd:runs.list', '__proto__', 42]) {
      await expect(bridge.invoke(name as string, {})).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
    }
    expect(control.callsOf('ipcRenderer.invoke')).toHaveLength(1);
  });

  it('subscribes to contract events only, passes the payload alone, and unsubscribes', () => {
    const { control } = loadPreload();
    const bridge = control.exposed.get('hedgedesk') as Bridge;
    const got: unknown[] = [];
    const off = bridge.on('run.event', (payload) => got.push(payload));
    const channel = eventChannel('run.event');
    const [listener] = control.rendererListeners.get(channel)!;
    listener!({ sender: 'the IpcRendererEvent stays in the preload' }, { runId: 'r1' });
    expect(got).toEqual([{ runId: 'r1' }]);
    off();
    expect(control.rendererListeners.get(channel)).toEqual([]);
    expect(() => bridge.on('no.such.event', () => undefined)).toThrow(/unknown event no\.such\.event/);
    expect(control.callsOf('ipcRenderer.on')).toHaveLength(1);
  });
});
