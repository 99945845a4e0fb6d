import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../engine/config-error';
import { keychainAccount, type SecretRef, type SecretStore } from '../secrets/secret-store';
import { AccountsRepository } from '../store/accounts-repository';
import { openDatabase, type OpenDatabase } from '../store/database';
import type { ConfigAccount } from '../strategies/tri-hedge-hold/config-schema';
import { importConfigAccounts } from './config-accounts';

/** A Map-backed keychain. */
class MapSecrets implements SecretStore {
  readonly backend = 'keychain' as const;
  readonly values = new Map<string, string>();
  async set(ref: SecretRef, value: string) {
    this.values.set(keychainAccount(ref), value);
  }
  async get(ref: SecretRef) {
    return this.values.get(keychainAccount(ref)) ?? null;
  }
  async delete(ref: SecretRef) {
    return this.values.delete(keychainAccount(ref));
  }
  async has(ref: SecretRef) {
    return this.values.has(keychainAccount(ref));
  }
  async probe() {
    return null;
  }
}

let open: OpenDatabase;
let accounts: AccountsRepository;
let secrets: MapSecrets;
beforeEach(() => {
  open = openDatabase(':memory:');
  accounts = new AccountsRepository(open.db);
  secrets = new MapSecrets();
});
afterEach(() => open.db.close());

const LIVE: ConfigAccount[] = [
  { label: 'Maker', api_private_key: '0xaaa', account_index: 101, api_key_index: 4, chain_id: 300, base_url: 'https://testnet.zklighter.elliot.ai' },
  { label: 'Hedge-A', api_private_key: '0xbbb', account_address: '0x2222222222222222222222222222222222222222', api_key_index: 1 },
  { label: 'Hedge-B', api_private_key: '...', account_index: 103, api_key_index: 5, signer_lib_dir: '/opt/signers' },
];

describe('importConfigAccounts', () => {
  it('creates live accounts from the original config and moves their keys into the keychain, telling the user', async () => {
    const r = await importConfigAccounts(LIVE, { accounts, secrets, paper: false, globalBaseUrl: 'https://mainnet.zklighter.elliot.ai', configFile: 'tri.json' });
    const stored = r.accountIds.map((id) => accounts.get(id));
    expect(stored.map((a) => [a.label, a.mode, a.identifiers])).toEqual([
      ['Maker', 'live', { accountIndex: 101, apiKeyIndex: 4 }],
      ['Hedge-A', 'live', { l1Address: '0x2222222222222222222222222222222222222222', apiKeyIndex: 1 }],
      ['Hedge-B', 'live', { accountIndex: 103, apiKeyIndex: 5 }],
    ]);
    expect(accounts.list()).toHaveLength(3);
    expect([...secrets.values.entries()]).toEqual([
      [`${stored[0]!.id}:apiPrivateKey`, '0xaaa'],
      [`${stored[1]!.id}:apiPrivateKey`, '0xbbb'],
    ]);
    expect(r.notes.filter((n) => n.startsWith('moved the API private key'))).toHaveLength(2);
    expect(r.notes.some((n) => n.includes('delete api_private_key from tri.json'))).toBe(true);
    expect(r.notes).toContain(
      `warning: "Hedge-A": API key index 1: Lighter's web and mobile apps use indexes 0–1; a key there can be replaced when an app registers its own, and then every order is refused. Register a dedicated key at 4–254.`,
    );
    expect(r.notes.filter((n) => n.startsWith('warning:'))).toHaveLength(1);
    expect(r.overrides[stored[0]!.id]).toEqual({ baseUrl: 'https://testnet.zklighter.elliot.ai', chainId: 300, signerLibDir: undefined });
    expect(r.overrides[stored[2]!.id]).toEqual({ baseUrl: 'https://mainnet.zklighter.elliot.ai', chainId: undefined, signerLibDir: '/opt/signers' });

    // A second use matches the accounts by label and finds the keys already there.
    const again = await importConfigAccounts(LIVE, { accounts, secrets, paper: false, configFile: 'tri.json' });
    expect(again.accountIds).toEqual(r.accountIds);
    expect(again.notes.filter((n) => n.startsWith('moved') || n.startsWith('created'))).toEqual([]);
  });

  it('never assumes API key index 0: refuses a new live account without api_key_index, keeps a stored one and says so', async () => {
    const noIndex: ConfigAccount = { label: 'Hedge-C', api_private_key: '0xccc', account_index: 104 };
    const err = await importConfigAccounts([noIndex], { accounts, secrets, paper: false, configFile: 'f' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).issues).toEqual([{ path: 'accounts.0.api_key_index', message: expect.stringContaining('does not assume 0') }]);
    expect(accounts.list()).toEqual([]);
    expect(secrets.values.size).toBe(0);

    accounts.create({ venue: 'lighter', label: 'Hedge-C', mode: 'live', identifiers: { accountIndex: 104, apiKeyIndex: 3 } });
    const r = await importConfigAccounts([noIndex], { accounts, secrets, paper: false, configFile: 'f' });
    expect(accounts.get(r.accountIds[0]!).identifiers).toEqual({ accountIndex: 104, apiKeyIndex: 3 });
    expect(r.notes).toContain('"Hedge-C": no api_key_index in the config, using the stored API key index 3');
    expect(r.notes.some((n) => n.startsWith('warning: "Hedge-C": API key index 3: Lighter\'s production checklist reserves 0–3'))).toBe(true);
  });

  it('paper: no identifiers needed, keys never stored', async () => {
    const r = await importConfigAccounts([{ label: 'A', api_private_key: '0xsecret' }, { label: 'B' }, { label: 'C', paper: true }], { accounts, secrets, paper: true, configFile: 'f' });
    expect(accounts.list().map((a) => a.mode)).toEqual(['paper', 'paper', 'paper']);
    expect(secrets.values.size).toBe(0);
    expect(r.notes).toContain('"A" trades on paper: its api_private_key was ignored (not stored)');
    expect(r.overrides).toEqual({});
  });

  it('refuses, by config path, live accounts without identifiers and clashes with stored accounts', async () => {
    accounts.create({ venue: 'lighter', label: 'Maker', mode: 'paper', identifiers: {} });
    accounts.create({ venue: 'lighter', label: 'Hedge-B', mode: 'live', identifiers: { accountIndex: 999, apiKeyIndex: 5 } });
    const err = await importConfigAccounts([LIVE[0]!, { label: 'Hedge-A' }, LIVE[2]!], { accounts, secrets, paper: false, configFile: 'f' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).issues!.map((i) => i.path)).toEqual(['accounts.0.label', 'accounts.1.account_index', 'accounts.1.api_key_index', 'accounts.2']);
    expect(secrets.values.size).toBe(0);
  });
});
