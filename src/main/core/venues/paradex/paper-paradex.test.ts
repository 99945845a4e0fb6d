/**
 * Paradex accounts through the engine's real venue provider: paper accounts
 * on the built-in Paradex simulator (one per process, one funded simulator
 * account per HedgeDesk account, keys in memory) and live accounts from the
 * secret store.
 */
import Decimal from 'decimal.js';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../../shared/schemas/account';
import { systemClock } from '../../clock';
import { Redactor } from '../../log/redactor';
import { EnvSecretStore } from '../../secrets/env-secret-store';
import { secretEnvVar } from '../../secrets/secret-store';
import type { AccountEvent } from '../venue';
import { MissingSecretError } from '../../engine/engine-errors';
import { liveParadexVenue, PARADEX_MAINNET, paradexWsUrl } from './live-paradex';
import { PaperParadex } from './paper-paradex';
import { createVenueProvider } from '../../engine/venue-provider';

const logger = pino({ level: 'silent' });
const account = (over: Partial<Account>): Account => ({ id: 'acc_pdxaaaaaaaaa', venue: 'paradex', label: 'Long leg', mode: 'paper', identifiers: {}, createdAt: 0, updatedAt: 0, ...over });
const paper = new PaperParadex({ collateral: '5000' });
afterAll(() => paper.close());
const secrets = (env: Record<string, string> = {}) => new EnvSecretStore(env, new Redactor());

/** Waits (bounded) until `pred` holds. */
async function until(pred: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('paper Paradex accounts through the venue provider', () => {
  it('one simulator, one funded simulator account per HedgeDesk account, trading on it end to end', async () => {
    const provider = createVenueProvider({ secrets: secrets(), clock: systemClock, logger, paper: { paradex: paper } });
    const a = await provider.venueFor(account({ id: 'acc_pdxaaaaaaaaa' }));
    const b = await provider.venueFor(account({ id: 'acc_pdxbbbbbbbbb' }));
    expect(await provider.venueFor(account({ id: 'acc_pdxaaaaaaaaa' }))).toBe(a);
    expect(a.venue).toBe('paradex');
    expect(paper.simAddress('acc_pdxaaaaaaaaa')).toMatch(/^0x[0-9a-f]+$/);
    expect(paper.simAddress('acc_pdxaaaaaaaaa')).not.toBe(paper.simAddress('acc_pdxbbbbbbbbb'));
    expect((await paper.simulator()).url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await a.collateral()).total.toString()).toBe('5000');

    const events: AccountEvent[] = [];
    a.onAccountEvent((e) => events.push(e));
    const { ask } = await a.bestBidAsk('ETH');
    await a.placeOrder({ symbol: 'ETH', side: 'buy', type: 'market', size: new Decimal('0.05'), price: ask!.times(1.02), timeInForce: 'IOC', clientOrderId: 'leg-1' });
    await until(() => events.some((e) => e.type === 'fill' && e.fill.clientOrderId === 'leg-1'), 'the fill');
    expect((await a.positions())[0]!.size.toString()).toBe('0.05');
    expect(await b.positions()).toEqual([]);
    await provider.close();

    const again = createVenueProvider({ secrets: secrets(), clock: systemClock, logger, paper: { paradex: paper } });
    const a2 = await again.venueFor(account({ id: 'acc_pdxaaaaaaaaa' }));
    expect((await a2.positions())[0]!.size.toString()).toBe('0.05'); // the same simulator account, not a new one
    await again.close();
  });

  it('a non-paper or non-Paradex account is refused by PaperParadex', async () => {
    await expect(paper.venueFor(account({ mode: 'live' }), { clock: systemClock, logger })).rejects.toThrow(/not a paper Paradex account/);
  });
});

describe('live Paradex accounts', () => {
  const live = account({ id: 'acc_pdxlive0000', mode: 'live', identifiers: { l2Address: '0x129c135ed63df9353885e292be4426b8ed6122b13c6c0e1bb787288a1f5adfa' } });

  it('without the L2 private key in the secret store: an error naming the account and the field', async () => {
    const provider = createVenueProvider({ secrets: secrets(), clock: systemClock, logger, paper: { paradex: paper } });
    const err = await provider.venueFor(live).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingSecretError);
    expect((err as Error).message).toMatch(/"Long leg" \(acc_pdxlive0000\) has no l2PrivateKey/);
  });

  it('without an L2 address: a TypeError naming the account; a malformed key never appears in the error', async () => {
    await expect(liveParadexVenue(account({ mode: 'live' }), { secrets: secrets(), clock: systemClock, logger })).rejects.toThrow(/has no L2 account address/);
    const env = { [secretEnvVar({ accountId: 'acc_pdxlive0000', field: 'l2PrivateKey' })]: 'zz-secret-zz' };
    const err = await liveParadexVenue(live, { secrets: secrets(env), clock: systemClock, logger }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/must be a hex number/);
    expect((err as Error).message).not.toContain('zz-secret-zz');
  });

  it('with its key: a client for Paradex mainnet (not connected here); WS URLs derive from the REST base', async () => {
    const env = { [secretEnvVar({ accountId: 'acc_pdxlive0000', field: 'l2PrivateKey' })]: '0x543b6cf6c91817a87174aaea4fb370ac1c694e864d7740d728f8344d53e815' };
    const venue = await liveParadexVenue(live, { secrets: secrets(env), clock: systemClock, logger });
    expect(venue).toMatchObject({ venue: 'paradex', accountId: 'acc_pdxlive0000' });
    expect(PARADEX_MAINNET.wsUrl).toBe('wss://ws.api.prod.paradex.trade/v1');
    expect(paradexWsUrl('https://api.testnet.paradex.trade/v1')).toBe('wss://ws.api.testnet.paradex.trade/v1');
    expect(paradexWsUrl('http://127.0.0.1:9000/v1')).toBe('ws://127.0.0.1:9000/v1');
  });
});
