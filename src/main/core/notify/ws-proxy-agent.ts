import type { Agent } from 'node:http';
import { HttpsProxyAgent } from 'https-proxy-agent';
import type { ProxyCredentialsSource } from '../secrets/proxy-credentials';
import { resolveProxies, type HttpDispatcherOptions } from './http-dispatcher';

/** The agent a WebSocket to `url` (`ws:` / `wss:`) connects through: a proxy tunnel, or undefined for a direct connection. */
export type WsAgentFor = (url: string) => Agent | undefined;

/**
 * Whether `host` (and `port`) is listed in `noProxy`: an exact host, a
 * `host:port`, a `.domain` (or `*.domain`) for the domain and its subdomains,
 * or `*` for every host. The rules of `no_proxy` as curl reads it, as
 * {@link createHttpDispatcher} documents them (no CIDR ranges).
 */
export function bypassesProxy(host: string, port: string, noProxy: readonly string[]): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  return noProxy.some((raw) => {
    const entry = raw.toLowerCase().replace(/^\*\./, '.');
    if (entry === '*') return true;
    const [entryHost = '', entryPort] = entry.startsWith('[') ? [entry.slice(1, entry.indexOf(']')), entry.split(']:')[1]] : entry.split(':');
    if (entryPort !== undefined && entryPort !== port) return false;
    if (entryHost.startsWith('.')) return name === entryHost.slice(1) || name.endsWith(entryHost);
    return name === entryHost;
  });
}

/** A CONNECT tunnel agent that reads the proxy's credentials from the keychain before its first tunnel. */
class KeychainCredentialsProxyAgent extends HttpsProxyAgent<string> {
  private loaded: Promise<void> | null = null;

  constructor(
    proxy: string,
    private readonly credentials: ProxyCredentialsSource,
  ) {
    super(proxy);
  }

  override async connect(...args: Parameters<HttpsProxyAgent<string>['connect']>): ReturnType<HttpsProxyAgent<string>['connect']> {
    await (this.loaded ??= this.load());
    return super.connect(...args);
  }

  private async load(): Promise<void> {
    const userPass = await this.credentials().catch(() => null);
    if (!userPass || this.proxy.username || this.proxy.password) return;
    const at = userPass.indexOf(':');
    this.proxy.username = encodeURIComponent(at < 0 ? userPass : userPass.slice(0, at));
    this.proxy.password = encodeURIComponent(at < 0 ? '' : userPass.slice(at + 1));
  }
}

/**
 * The proxy agents of WebSocket connections (venue streams), from the same
 * settings and environment as the HTTP dispatcher (`proxyUrl`, then
 * `https_proxy` / `HTTPS_PROXY` for `wss:` and `http_proxy` / `HTTP_PROXY` for
 * `ws:`, `no_proxy`; loopback never proxied). Tunnels are HTTP CONNECT through
 * `https-proxy-agent`, one agent per proxy URL; credentials in the URL, or for
 * the settings proxy those of `opts.credentials` (the keychain, read before the
 * first tunnel), are sent as `Proxy-Authorization: Basic`.
 * @throws InvalidProxyUrlError when the setting or an environment variable is not a usable proxy URL.
 */
export function createWsAgentFor(opts: HttpDispatcherOptions = {}): WsAgentFor {
  const { httpProxy, httpsProxy, noProxy } = resolveProxies(opts);
  const agents = new Map<string, Agent>();
  return (url) => {
    const target = new URL(url);
    const secure = target.protocol === 'wss:' || target.protocol === 'https:';
    const proxy = secure ? httpsProxy : httpProxy;
    if (!proxy) return undefined;
    if (bypassesProxy(target.hostname, target.port || (secure ? '443' : '80'), noProxy)) return undefined;
    let agent = agents.get(proxy);
    if (!agent) {
      const explicit = Boolean(opts.proxyUrl?.trim());
      agent = explicit && opts.credentials ? new KeychainCredentialsProxyAgent(proxy, opts.credentials) : new HttpsProxyAgent(proxy);
      agents.set(proxy, agent);
    }
    return agent;
  };
}
