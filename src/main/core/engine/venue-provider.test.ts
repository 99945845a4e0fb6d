import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../shared/schemas/account';
import { systemClock } from '../clock';
import { Redactor } from '../log/redactor';
import { EnvSecretStore } from '../secrets/env-secret-store';
import { secretEnvVar } from '../secrets/secret-store';
import { SignerUnavailableError } from '../venues/lighter/signer/signer-errors';
import { MissingSecretError } from './engine-errors';
import { lighterWsUrl } from '../venues/lighter/live-lighter';
import { PaperLighter } from '../venues/lighter/paper-lighter';
import { startParadexSim } from '../sim/paradex/paradex-sim';
import { openTestAccount } from '../sim/paradex/testing';
import { PARADEX_KEY_FIELD } from '../venues/paradex/live-paradex';
import { createVenueProvider } from './venue-provider';

const logger = pino({ level: 'silent' });
const account = (over: Partial<Account>): Account => ({ id: 'acc_aaaaaaaaaaaa', venue: 'lighter', label: 'Maker', mode: 'live', identifiers: { accountIndex: 5, apiKeyIndex: 4 }, createdAt: 0, updatedAt: 0, ...over });
const paper = new PaperLighter({ collateral: '2500' });
afterAll(() => paper.close());

describe('venue provider', () => {
  it('a live account without its API private key: an error naming the account and the field', async () => {
    const provider = createVenueProvider({ secrets: new EnvSecretStore({}, new Redactor()), clock: systemClock, logger, paper: { lighter: paper } });
    const err = await provider.venueFor(account({})).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingSecretError);
    expect((err as Error).message).toMatch(/"Maker" \(acc_aaaaaaaaaaaa\) has no apiPrivateKey/);
  });

  it('a live account with its key loads the official signer — never the paper signer', async () => {
    const env = { [secretEnvVar({ accountId: 'acc_aaaaaaaaaaaa', field: 'apiPrivateKey' })]: '0x' + '11'.repeat(40) };
    const provider = createVenueProvider({ secrets: new EnvSecretStore(env, new Redactor()), clock: systemClock, logger, paper: { lighter: paper }, dataDir: '/nonexistent-hedgedesk' });
    await expect(provider.venueFor(account({}), { signerLibDir: '/nonexistent-signers' })).rejects.toBeInstanceOf(SignerUnavailableError);
  });

  it('paper accounts: one simulator for all, one funded simulator account per HedgeDesk account, kept for the process', async () => {
    const provider = createVenueProvider({ secrets: new EnvSecretStore({}, new Redactor()), clock: systemClock, logger, paper: { lighter: paper } });
    const a = await provider.venueFor(account({ id: 'acc_paperaaaaaaa', mode: 'paper', identifiers: {} }));
    const b = await provider.venueFor(account({ id: 'acc_paperbbbbbbb', mode: 'paper', identifiers: {} }));
    expect(await provider.venueFor(account({ id: 'acc_paperaaaaaaa', mode: 'paper', identifiers: {} }))).toBe(a);
    expect((await a.collateral()).total.toString()).toBe('2500');
    expect(paper.simAccountIndex('acc_paperaaaaaaa')).not.toBe(paper.simAccountIndex('acc_paperbbbbbbb'));
    expect((await paper.simulator()).url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await b.positions()).toEqual([]);
    await provider.close();
    const again = createVenueProvider({ secrets: new EnvSecretStore({}, new Redactor()), clock: systemClock, logger, paper: { lighter: paper } });
    const a2 = await again.venueFor(account({ id: 'acc_paperaaaaaaa', mode: 'paper', identifiers: {} }));
    expect((await a2.collateral()).total.toString()).toBe('2500'); // the same simulator account, not a new one
    await again.close();
  });

  it('a live Paradex account opens on the base URL of its settings; equal resolved settings share one client', async () => {
    const sim = await startParadexSim({ port: 0, host: '127.0.0.1', liquidity: false, rateLimit: false });
    const key = openTestAccount(sim, 'provider A');
    const live = account({ id: 'acc_pdxliveaaaaa', venue: 'paradex', identifiers: { l2Address: key.address } });
    const env = { [secretEnvVar({ accountId: live.id, field: PARADEX_KEY_FIELD })]: key.privateKey };
    const provider = createVenueProvider({ secrets: new EnvSecretStore(env, new Redactor()), clock: systemClock, logger, paper: { lighter: paper } });
    try {
      expect(await provider.liveMarkets!('paradex')).toBeNull();
      const a = await provider.venueFor(live, { baseUrl: `${sim.url}/v1` });
      expect(await a.positions()).toEqual([]);
      // The connected live account's markets are the live specs of its venue; no live Lighter account is connected.
      expect((await provider.liveMarkets!('paradex'))?.map((m) => m.symbol)).toEqual((await a.markets()).map((m) => m.symbol));
      expect(await provider.liveMarkets!('lighter')).toBeNull();
      expect(await provider.venueFor(live, { baseUrl: `${sim.url}/v1`, wsUrl: sim.wsUrl })).toBe(a);
    } finally {
      await provider.close();
      await sim.close();
    }
  });

  it('other venues are refused; WebSocket URLs derive from the REST base', async () => {
    const provider = createVenueProvider({ secrets: new EnvSecretStore({}, new Redactor()), clock: systemClock, logger, paper: { lighter: paper } });
    await expect(provider.venueFor(account({ venue: 'backpack' }))).rejects.toThrow(/^Backpack accounts cannot trade yet: .*\(venues that trade: Lighter, Paradex\)$/);
    expect(lighterWsUrl('https://testnet.zklighter.elliot.ai')).toBe('wss://testnet.zklighter.elliot.ai/stream');
    expect(lighterWsUrl('http://127.0.0.1:9000')).toBe('ws://127.0.0.1:9000/stream');
  });
});
