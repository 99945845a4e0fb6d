import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import { withProxyCredentials, type ProxyCredentialsSource } from '../secrets/proxy-credentials';
import { DeferredDispatcher } from './deferred-dispatcher';

/** The settings key an explicit proxy URL comes from; named in {@link InvalidProxyUrlError}. */
export const PROXY_URL_SETTING = 'proxyUrl';

/** Hosts never sent through a proxy, whatever the settings: this machine (simulators, test servers). */
const LOOPBACK_NO_PROXY = ['localhost', '127.0.0.1', '[::1]'];

/** Construction of the outbound HTTP dispatcher. */
export interface HttpDispatcherOptions {
  /**
   * Proxy from the settings ({@link PROXY_URL_SETTING}), e.g.
   * `http://127.0.0.1:7890` or `http://user:pass@proxy.example:8080`; a bare
   * `host:port` means `http://host:port`. Blank or absent: the environment
   * decides.
   */
  proxyUrl?: string | null;
  /** Where `HTTPS_PROXY` and friends are read from. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * The settings proxy's `user:password`, read from the keychain at the first
   * connection (the setting itself holds no credentials). Unused for a proxy
   * from the environment or a URL that carries its own credentials.
   */
  credentials?: ProxyCredentialsSource;
}

/** A proxy URL (from the settings or the environment) cannot be used; `source` names where it came from. */
export class InvalidProxyUrlError extends Error {
  constructor(
    /** `setting "proxyUrl"` or `environment variable HTTPS_PROXY`. */
    readonly source: string,
    reason: string,
  ) {
    super(`Invalid proxy URL in ${source}: ${reason}`);
    this.name = 'InvalidProxyUrlError';
  }
}

/**
 * The undici dispatcher every outbound HTTP request uses (venue REST
 * clients, notifiers): pass it as `dispatcher` to `undici.request`.
 *
 * - An explicit proxy URL from the settings sends both `http:` and `https:`
 *   targets through that proxy.
 * - Otherwise the environment, as curl and Python's `requests` (the original
 *   scripts) read it, lower case winning over upper case: `https_proxy` /
 *   `HTTPS_PROXY` for `https:` targets, `http_proxy` / `HTTP_PROXY` for
 *   `http:` targets and for `https:` ones when no HTTPS proxy is set.
 * - `no_proxy` / `NO_PROXY` (comma or space separated hosts, `host:port`,
 *   `.domain` for subdomains, `*` for everything; no CIDR ranges) is honoured
 *   in both cases, and `localhost`, `127.0.0.1` and `[::1]` are never proxied.
 *
 * Proxies are `http:` or `https:` URLs, reached with CONNECT tunnels
 * (undici's `ProxyAgent`, via `EnvHttpProxyAgent`); credentials in the URL are
 * sent as `Proxy-Authorization: Basic`. Without any proxy a plain `Agent` is
 * returned. The `ws` WebSocket client does not use undici: WebSocket
 * connections get their agent from {@link createWsAgentFor} (ws-proxy-agent.ts), same rules.
 *
 * The caller owns the result and should `close()` it on shutdown.
 * @throws InvalidProxyUrlError when the setting or an environment variable is not a usable proxy URL.
 */
export function createHttpDispatcher(opts: HttpDispatcherOptions = {}): Dispatcher {
  const { httpProxy, httpsProxy, noProxy } = resolveProxies(opts);
  if ((!httpProxy && !httpsProxy) || noProxy.includes('*')) return new Agent();
  const build = (http: string | undefined, https: string | undefined) =>
    new EnvHttpProxyAgent({
      // Empty strings, not undefined: undici would fall back to process.env.
      httpProxy: http ?? '',
      httpsProxy: https ?? '',
      noProxy: noProxy.join(','),
    });
  const credentials = opts.credentials;
  if (credentials && opts.proxyUrl?.trim() && httpProxy) {
    // The settings proxy: its credentials come from the keychain, in memory only.
    return new DeferredDispatcher(async () => {
      const withAuth = withProxyCredentials(httpProxy, await credentials().catch(() => null));
      return build(withAuth, withAuth);
    });
  }
  return build(httpProxy, httpsProxy);
}

/**
 * The proxies outbound connections use, resolved as {@link createHttpDispatcher}
 * describes: `httpProxy` for `http:`/`ws:` targets, `httpsProxy` for
 * `https:`/`wss:` ones (canonical URLs, or undefined: direct), and the hosts
 * never proxied (`no_proxy` entries plus loopback; `*` means none is).
 * @throws InvalidProxyUrlError when the setting or an environment variable is not a usable proxy URL.
 */
export function resolveProxies(opts: HttpDispatcherOptions = {}): { httpProxy?: string; httpsProxy?: string; noProxy: string[] } {
  const env = opts.env ?? process.env;
  const explicit = opts.proxyUrl?.trim();
  let httpProxy: string | undefined;
  let httpsProxy: string | undefined;
  if (explicit) {
    httpProxy = httpsProxy = normalizeProxyUrl(explicit, `setting "${PROXY_URL_SETTING}"`);
  } else {
    httpProxy = fromEnv(env, 'http_proxy', 'HTTP_PROXY');
    httpsProxy = fromEnv(env, 'https_proxy', 'HTTPS_PROXY') ?? httpProxy;
  }
  const listed = (env.no_proxy ?? env.NO_PROXY ?? '').split(/[\s,]+/).filter((h) => h.length > 0);
  return { httpProxy, httpsProxy, noProxy: [...listed, ...LOOPBACK_NO_PROXY] };
}

/**
 * Checks a proxy URL and returns it in canonical form (`http://` added to a
 * bare `host:port`). `source` names the setting or variable for the error;
 * the error never repeats the URL, which may hold a password.
 * @throws InvalidProxyUrlError when it is not an `http:` / `https:` URL with a host.
 */
export function normalizeProxyUrl(value: string, source: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new InvalidProxyUrlError(source, 'not a URL (expected e.g. http://127.0.0.1:7890)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidProxyUrlError(source, `unsupported scheme "${url.protocol.slice(0, -1)}" (use http:// or https://)`);
  }
  if (!url.hostname) throw new InvalidProxyUrlError(source, 'no host');
  return url.href;
}

function fromEnv(env: Readonly<Record<string, string | undefined>>, lower: string, upper: string): string | undefined {
  const name = env[lower]?.trim() ? lower : upper;
  const value = env[name]?.trim();
  return value ? normalizeProxyUrl(value, `environment variable ${name}`) : undefined;
}
