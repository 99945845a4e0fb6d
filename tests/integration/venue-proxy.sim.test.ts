/**
 * A live-style Lighter client reaching its venue only through an HTTP(S)
 * proxy: REST through the undici dispatcher and the WebSocket stream through
 * the proxy tunnel (`createWsAgentFor`), both from the same `proxyUrl` setting.
 * The venue is named `lighter.test`, a host only the test proxy can reach
 * (it sends every CONNECT to 127.0.0.1), so nothing can bypass the proxy.
 */
import Decimal from 'decimal.js';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/main/core/clock';
import { createHttpDispatcher } from '../../src/main/core/notify/http-dispatcher';
import { ConnectProxy } from '../../src/main/core/notify/testing/connect-proxy';
import { createWsAgentFor } from '../../src/main/core/notify/ws-proxy-agent';
import { startLighterSim, type RunningLighterSim } from '../../src/main/core/sim/lighter/lighter-sim';
import { createLighterVenue } from '../../src/main/core/venues/lighter/lighter-venue';
import { PaperSigner } from '../../src/main/core/venues/lighter/signer/paper-signer';
import type { AccountEvent } from '../../src/main/core/venues/venue';
import { until } from '../helpers/until';

const logger = pino({ level: 'silent' });

describe('venue connections through the HTTP proxy setting (Lighter client ↔ simulator)', () => {
  let sim: RunningLighterSim;
  let proxy: ConnectProxy;

  beforeAll(async () => {
    sim = await startLighterSim({ port: 0, accounts: 1, collateral: '100000', seed: 11 });
    sim.admin.setMid(0, '3000');
    proxy = await ConnectProxy.start();
  });
  afterAll(async () => {
    await proxy?.close();
    await sim?.close();
  });

  it('sends REST and the WebSocket stream through the proxy, and trades over them', async () => {
    const host = `lighter.test:${sim.port}`;
    const wsUrl = sim.wsUrl.replace(`127.0.0.1:${sim.port}`, host);
    const accountIndex = sim.accounts[0]!;
    const venue = createLighterVenue({
      accountId: 'acc_proxy',
      baseUrl: sim.url.replace(`127.0.0.1:${sim.port}`, host),
      wsUrl,
      accountIndex,
      apiKeyIndex: 4,
      signer: new PaperSigner({ mode: 'paper', accountIndex, apiKeyIndex: 4 }, systemClock),
      tier: 'premium',
      clock: systemClock,
      logger,
      dispatcher: createHttpDispatcher({ proxyUrl: proxy.url, env: {} }),
      wsAgent: createWsAgentFor({ proxyUrl: proxy.url, env: {} })(wsUrl),
      timing: { connectTimeoutMs: 5_000, bookTimeoutMs: 5_000 },
    });
    const events: AccountEvent[] = [];
    venue.onAccountEvent((e) => events.push(e));
    try {
      await venue.connect();
      const handle = await venue.placeOrder({ symbol: 'ETH', side: 'buy', size: new Decimal('0.01'), type: 'limit', price: new Decimal('2500'), timeInForce: 'POST_ONLY' });
      await until(() => events.some((e) => e.type === 'order' && e.order.clientOrderId === handle.clientOrderId && e.order.status === 'open'), 'the order open on the stream', 5_000);
      await venue.cancelAll();
    } finally {
      await venue.close();
    }
    // Every tunnel went to the venue's name: REST (several) and at least one for the stream.
    expect(proxy.connects.length).toBeGreaterThanOrEqual(2);
    expect(new Set(proxy.connects.map((c) => c.target))).toEqual(new Set([host]));
  });
});
