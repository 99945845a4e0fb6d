import { afterEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({ app: { isPackaged: false } }));
vi.mock('electron', () => electron);

import { APP_ENTRY_URL, devServerUrl, isAppUrl, rendererUrl } from './app-url';

afterEach(() => {
  vi.unstubAllEnvs();
  electron.app.isPackaged = false;
});

describe('the renderer URL and the app-origin check', () => {
  it('serves app://hedgedesk/ and trusts only it when no dev server is given', () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', '');
    expect(rendererUrl()).toBe(APP_ENTRY_URL);
    expect(rendererUrl('/account/acc_1')).toBe('app://hedgedesk/index.html#/account/acc_1');
    expect(isAppUrl('app://hedgedesk/index.html#/runs')).toBe(true);
    expect(isAppUrl('app://hedgedesk/assets/x.js')).toBe(true);
    for (const url of ['app://other/index.html', 'file:///tmp/index.html', 'http://localhost:5173/', 'not a url', '']) expect(isAppUrl(url), url).toBe(false);
  });

  it('honours the dev server in unpackaged development only', () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173/');
    expect(rendererUrl('/runs')).toBe('http://localhost:5173/#/runs');
    expect(isAppUrl('http://localhost:5173/#/runs')).toBe(true);
    expect(isAppUrl('http://localhost:5174/')).toBe(false);
    electron.app.isPackaged = true;
    expect(rendererUrl()).toBe(APP_ENTRY_URL);
    expect(isAppUrl('http://localhost:5173/')).toBe(false);
  });

  it('ignores a dev-server URL that is not http(s) on a loopback host', () => {
    for (const raw of ['https://evil.example/', 'file:///tmp/index.html', 'http://192.168.1.5:5173/', 'javascript:alert(1)', '::']) {
      expect(devServerUrl({ ELECTRON_RENDERER_URL: raw }, false), raw).toBeNull();
    }
    expect(devServerUrl({ ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/' }, false)?.origin).toBe('http://127.0.0.1:5173');
    expect(devServerUrl({ ELECTRON_RENDERER_URL: 'http://[::1]:5173/' }, false)?.origin).toBe('http://[::1]:5173');
    expect(devServerUrl({}, false)).toBeNull();
  });
});
