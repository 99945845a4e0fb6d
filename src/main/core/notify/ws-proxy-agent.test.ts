import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { describe, expect, it } from 'vitest';
import { InvalidProxyUrlError } from './http-dispatcher';
import { ConnectProxy } from './testing/connect-proxy';
import { bypassesProxy, createWsAgentFor } from './ws-proxy-agent';

describe('bypassesProxy: the no_proxy rules', () => {
  const list = ['internal.example', '.corp.example', 'pinned.example:8443', '*.wild.example', '[::1]'];

  it('matches exact hosts, domains with their subdomains, host:port and IPv6 literals', () => {
    expect(bypassesProxy('internal.example', '443', list)).toBe(true);
    expect(bypassesProxy('INTERNAL.example', '443', list)).toBe(true);
    expect(bypassesProxy('api.corp.example', '443', list)).toBe(true);
    expect(bypassesProxy('corp.example', '443', list)).toBe(true);
    expect(bypassesProxy('a.wild.example', '443', list)).toBe(true);
    expect(bypassesProxy('pinned.example', '8443', list)).toBe(true);
    expect(bypassesProxy('[::1]', '80', list)).toBe(true);
  });

  it('does not match other hosts, other ports or mere suffixes', () => {
    expect(bypassesProxy('pinned.example', '443', list)).toBe(false);
    expect(bypassesProxy('notcorp.example', '443', list)).toBe(false);
    expect(bypassesProxy('mainnet.zklighter.elliot.ai', '443', list)).toBe(false);
  });

  it('treats * as every host', () => {
    expect(bypassesProxy('ws.api.prod.paradex.trade', '443', ['*'])).toBe(true);
  });
});

describe('createWsAgentFor', () => {
  it('connects directly without a proxy, and never proxies loopback', () => {
    expect(createWsAgentFor({ proxyUrl: null, env: {} })('wss://mainnet.zklighter.elliot.ai/stream')).toBeUndefined();
    const agentFor = createWsAgentFor({ proxyUrl: 'http://127.0.0.1:7890', env: {} });
    expect(agentFor('ws://127.0.0.1:9000/stream')).toBeUndefined();
    expect(agentFor('ws://localhost:9000/stream')).toBeUndefined();
  });

  it('tunnels wss through HTTPS_PROXY and ws through HTTP_PROXY, one agent per proxy, honouring NO_PROXY', () => {
    const agentFor = createWsAgentFor({ env: { HTTPS_PROXY: 'http://127.0.0.1:7890', HTTP_PROXY: 'http://127.0.0.1:7891', NO_PROXY: '.paradex.trade' } });
    const lighter = agentFor('wss://mainnet.zklighter.elliot.ai/stream');
    expect(lighter).toBeDefined();
    expect(agentFor('wss://other.example/ws')).toBe(lighter);
    const plain = agentFor('ws://plain.example/ws');
    expect(plain).toBeDefined();
    expect(plain).not.toBe(lighter);
    expect(agentFor('wss://ws.api.prod.paradex.trade/v1')).toBeUndefined();
  });

  it('sends the settings proxy credentials from the keychain source on the CONNECT of a WebSocket', async () => {
    const proxy = await ConnectProxy.start();
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    try {
      const { port } = wss.address() as AddressInfo;
      const agentFor = createWsAgentFor({ proxyUrl: proxy.url, env: {}, credentials: () => Promise.resolve('farmer:s3cr:et') });
      const url = `ws://stream.venue.test:${port}/stream`;
      const ws = new WebSocket(url, { agent: agentFor(url) });
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
      ws.close();
      expect(proxy.connects).toEqual([{ target: `stream.venue.test:${port}`, authorization: `Basic ${Buffer.from('farmer:s3cr:et').toString('base64')}` }]);
    } finally {
      wss.close();
      await proxy.close();
    }
  });

  it('names the setting of an unusable proxy URL', () => {
    expect(() => createWsAgentFor({ proxyUrl: 'socks5://127.0.0.1:1080', env: {} })).toThrowError(InvalidProxyUrlError);
  });
});
