import { request, type Dispatcher } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../venues/virtual-clock';
import { createHttpDispatcher, InvalidProxyUrlError, normalizeProxyUrl } from './http-dispatcher';
import { TELEGRAM_BOT_TOKEN_REF, TelegramNotifier } from './telegram-notifier';
import { ConnectProxy } from './testing/connect-proxy';
import { FakeSecretStore } from './testing/fake-secret-store';
import { recordingLog } from './testing/recording-log';
import { TelegramStub } from './testing/telegram-stub';

const TOKEN = 'hd-proxy-test-token-0042';
// A name only the test proxy can resolve (it maps every host to 127.0.0.1).
const REMOTE_HOST = 'api.telegram.test';

let stub: TelegramStub;
let proxy: ConnectProxy;
let dispatchers: Dispatcher[];

beforeEach(async () => {
  stub = await TelegramStub.start(TOKEN);
  proxy = await ConnectProxy.start();
  dispatchers = [];
});

afterEach(async () => {
  await Promise.all(dispatchers.map((d) => d.close()));
  await proxy.close();
  await stub.close();
});

function dispatcher(opts: Parameters<typeof createHttpDispatcher>[0]): Dispatcher {
  const d = createHttpDispatcher(opts);
  dispatchers.push(d);
  return d;
}

/** POSTs a sendMessage to the stub at `host` through `d`; resolves to the HTTP status. */
async function post(d: Dispatcher, host: string, text: string): Promise<number> {
  const res = await request(`http://${host}:${stub.port}/bot${TOKEN}/sendMessage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ chat_id: '1', text }),
    dispatcher: d,
  });
  await res.body.text();
  return res.statusCode;
}

describe('createHttpDispatcher', () => {
  it('tunnels through the proxy from the settings', async () => {
    const d = dispatcher({ proxyUrl: proxy.url, env: {} });
    expect(await post(d, REMOTE_HOST, 'via settings proxy')).toBe(200);
    expect(proxy.connects).toEqual([{ target: `${REMOTE_HOST}:${stub.port}`, authorization: undefined }]);
    expect(stub.requests[0]).toMatchObject({ host: `${REMOTE_HOST}:${stub.port}`, body: { text: 'via settings proxy' } });
  });

  it('sends the credentials of the proxy URL as Proxy-Authorization', async () => {
    const withAuth = proxy.url.replace('http://', 'http://farmer:p%40ss@');
    const d = dispatcher({ proxyUrl: withAuth, env: {} });
    expect(await post(d, REMOTE_HOST, 'auth')).toBe(200);
    expect(proxy.connects[0]?.authorization).toBe(`Basic ${Buffer.from('farmer:p@ss').toString('base64')}`);
  });

  it('reads the credentials of the settings proxy from the keychain source at the first connection, not before', async () => {
    let reads = 0;
    const d = dispatcher({ proxyUrl: proxy.url, env: {}, credentials: () => Promise.resolve((reads++, 'farmer:p@ss:with:colons')) });
    expect(reads).toBe(0);
    expect(await post(d, REMOTE_HOST, 'keychain auth')).toBe(200);
    expect(await post(d, REMOTE_HOST, 'again')).toBe(200);
    expect(reads).toBe(1);
    expect(proxy.connects[0]?.authorization).toBe(`Basic ${Buffer.from('farmer:p@ss:with:colons').toString('base64')}`);
  });

  it('connects without credentials when the keychain has none or fails', async () => {
    const none = dispatcher({ proxyUrl: proxy.url, env: {}, credentials: () => Promise.resolve(null) });
    expect(await post(none, REMOTE_HOST, 'none')).toBe(200);
    const failing = dispatcher({ proxyUrl: proxy.url, env: {}, credentials: () => Promise.reject(new Error('locked')) });
    expect(await post(failing, REMOTE_HOST, 'failing')).toBe(200);
    expect(proxy.connects.map((c) => c.authorization)).toEqual([undefined, undefined]);
  });

  it('uses the environment when the setting is blank, lower case first', async () => {
    const d = dispatcher({ proxyUrl: '  ', env: { http_proxy: proxy.url, HTTP_PROXY: 'http://127.0.0.1:1' } });
    expect(await post(d, REMOTE_HOST, 'via env')).toBe(200);
    expect(proxy.connects).toHaveLength(1);
  });

  it('accepts a bare host:port as the Python scripts did', async () => {
    const bare = proxy.url.replace('http://', '');
    const d = dispatcher({ env: { HTTP_PROXY: bare } });
    expect(await post(d, REMOTE_HOST, 'bare')).toBe(200);
    expect(proxy.connects).toHaveLength(1);
    expect(normalizeProxyUrl(bare, 'x')).toBe(`${proxy.url}/`);
  });

  it('prefers the setting over the environment', async () => {
    const d = dispatcher({ proxyUrl: proxy.url, env: { HTTP_PROXY: 'http://127.0.0.1:1', HTTPS_PROXY: 'http://127.0.0.1:1' } });
    expect(await post(d, REMOTE_HOST, 'setting wins')).toBe(200);
    expect(proxy.connects).toHaveLength(1);
  });

  it('never proxies loopback', async () => {
    const d = dispatcher({ proxyUrl: proxy.url, env: {} });
    expect(await post(d, '127.0.0.1', 'ipv4 loopback')).toBe(200);
    expect(await post(d, 'localhost', 'localhost')).toBe(200);
    expect(proxy.connects).toEqual([]);
    expect(stub.texts()).toEqual(['ipv4 loopback', 'localhost']);
  });

  // 0.0.0.0 is not loopback by name, so it is proxied unless NO_PROXY says otherwise; Linux and macOS connect it to this machine.
  it.skipIf(process.platform === 'win32')('honours NO_PROXY, for the setting and the environment alike', async () => {
    const proxied = dispatcher({ proxyUrl: proxy.url, env: {} });
    expect(await post(proxied, '0.0.0.0', 'proxied')).toBe(200);
    expect(proxy.connects).toEqual([{ target: `0.0.0.0:${stub.port}`, authorization: undefined }]);

    const bypass = dispatcher({ proxyUrl: proxy.url, env: { NO_PROXY: 'example.com, 0.0.0.0' } });
    expect(await post(bypass, '0.0.0.0', 'direct')).toBe(200);
    const fromEnv = dispatcher({ env: { https_proxy: proxy.url, http_proxy: proxy.url, no_proxy: `0.0.0.0:${stub.port}` } });
    expect(await post(fromEnv, '0.0.0.0', 'direct too')).toBe(200);
    const star = dispatcher({ env: { HTTP_PROXY: proxy.url, NO_PROXY: '*' } });
    expect(await post(star, '0.0.0.0', 'star')).toBe(200);

    expect(proxy.connects).toHaveLength(1);
    expect(stub.texts()).toEqual(['proxied', 'direct', 'direct too', 'star']);
  });

  it('leaves plain http targets alone when only an HTTPS proxy is set', async () => {
    const d = dispatcher({ env: { HTTPS_PROXY: proxy.url } });
    expect(await post(d, '127.0.0.1', 'direct')).toBe(200);
    expect(proxy.connects).toEqual([]);
  });

  it('names the setting or variable of an invalid proxy URL, without echoing it', () => {
    const attempt = (opts: Parameters<typeof createHttpDispatcher>[0]) => () => dispatchers.push(createHttpDispatcher(opts));
    expect(attempt({ proxyUrl: 'http://user:hunter2@', env: {} })).toThrowError(
      new InvalidProxyUrlError('setting "proxyUrl"', 'not a URL (expected e.g. http://127.0.0.1:7890)'),
    );
    expect(attempt({ proxyUrl: 'ftp://proxy.example:21', env: {} })).toThrowError(
      'Invalid proxy URL in setting "proxyUrl": unsupported scheme "ftp" (use http:// or https://)',
    );
    expect(attempt({ env: { HTTPS_PROXY: 'socks5://127.0.0.1:1080' } })).toThrowError(
      'Invalid proxy URL in environment variable HTTPS_PROXY: unsupported scheme "socks5" (use http:// or https://)',
    );
    try {
      createHttpDispatcher({ proxyUrl: 'http://user:hunter2@:::', env: {} });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidProxyUrlError);
      expect((err as InvalidProxyUrlError).source).toBe('setting "proxyUrl"');
      expect((err as Error).message).not.toContain('hunter2');
    }
  });

  it('carries Telegram notifications through the proxy', async () => {
    const secrets = new FakeSecretStore();
    await secrets.set(TELEGRAM_BOT_TOKEN_REF, TOKEN);
    const log = recordingLog();
    const n = new TelegramNotifier({
      chatId: '777',
      secrets,
      redactor: log.redactor,
      logger: log.logger,
      clock: new VirtualClock(),
      dispatcher: dispatcher({ env: { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url } }),
      baseUrl: `http://${REMOTE_HOST}:${stub.port}`,
    });
    await expect(n.sendTest()).resolves.toEqual({ ok: true });
    n.notify({ kind: 'failsafe', title: 'Failsafe', body: 'flattened' });
    await n.flush(3_000);
    expect(stub.requests.map((r) => [r.host, r.body.chat_id])).toEqual([
      [`${REMOTE_HOST}:${stub.port}`, '777'],
      [`${REMOTE_HOST}:${stub.port}`, '777'],
    ]);
    expect(proxy.connects.every((c) => c.target === `${REMOTE_HOST}:${stub.port}`)).toBe(true);
  });
});
