import type { Agent } from 'node:http';
import { HttpsProxyAgent } from 'https-proxy-agent';
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

/**
 * The proxy agents of WebSocket connections (venue streams), from the same
 * settings and environment as the HTTP dispatcher (`proxyUrl`, then
 * `https_proxy` / `HTTPS_PROXY` for `wss:` and `http_proxy` / `HTTP_PROXY` for
 * `ws:`, `no_proxy`; loopback never proxied). Tunnels are HTTP CONNECT through
 * `https-proxy-agent`, one agent per proxy URL; credentials in the URL are sent
 * as `Proxy-Authorization: Basic`.
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
      agent = new HttpsProxyAgent(proxy);
      agents.set(proxy, agent);
    }
    return agent;
  };
}
