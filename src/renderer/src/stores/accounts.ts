import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { RequestOf } from '../../../shared/contract';
import { ContractError } from '../../../shared/errors';
import type { Account, AccountPatch } from '../../../shared/schemas/account';
import type { SecretStatus } from '../../../shared/schemas/secrets';
import { useApi } from '../api';

/**
 * The accounts (oldest first) and which of their secrets are stored. The list
 * follows `accounts.changed`, so changes from other windows or clients show up.
 * Secret statuses are booleans only; no secret value ever reaches the renderer.
 */
export const useAccountsStore = defineStore('accounts', () => {
  const api = useApi();
  const accounts = ref<Account[]>([]);
  const loaded = ref(false);
  /** Secret status by account id. */
  const secretStatus = ref<Record<string, SecretStatus>>({});
  /** Why the secret status of an account could not be read (e.g. keychain unavailable), by account id. */
  const secretStatusError = ref<Record<string, string>>({});

  function setAccounts(list: Account[]): void {
    accounts.value = list;
    loaded.value = true;
    const ids = new Set(list.map((a) => a.id));
    for (const id of Object.keys(secretStatus.value)) if (!ids.has(id)) delete secretStatus.value[id];
    for (const id of Object.keys(secretStatusError.value)) if (!ids.has(id)) delete secretStatusError.value[id];
    for (const a of list) if (!(a.id in secretStatus.value)) void loadSecretStatus(a.id);
  }

  function upsert(account: Account): void {
    const i = accounts.value.findIndex((a) => a.id === account.id);
    if (i === -1) setAccounts([...accounts.value, account]);
    else accounts.value.splice(i, 1, account);
  }

  api.on('accounts.changed', setAccounts);

  /** Fetches the account list (and the secret status of each account). */
  async function load(): Promise<void> {
    setAccounts(await api.invoke('accounts.list', {}));
  }

  /** Creates an account. @throws ContractError (`CONFLICT` for a taken label, `INVALID_REQUEST` with issues). */
  async function create(request: RequestOf<'accounts.create'>): Promise<Account> {
    const account = await api.invoke('accounts.create', request);
    upsert(account);
    return account;
  }

  /** Updates label, mode or identifiers. @throws ContractError (issue paths start with `patch.`). */
  async function update(id: string, patch: AccountPatch): Promise<Account> {
    const account = await api.invoke('accounts.update', { id, patch });
    upsert(account);
    return account;
  }

  /** Deletes an account and its stored secrets. */
  async function remove(id: string): Promise<void> {
    await api.invoke('accounts.delete', { id });
    setAccounts(accounts.value.filter((a) => a.id !== id));
  }

  function setStatus(status: SecretStatus): void {
    secretStatus.value[status.accountId] = status;
    delete secretStatusError.value[status.accountId];
  }

  /** Refreshes which secrets of an account are stored; a failure is kept in {@link secretStatusError}. */
  async function loadSecretStatus(accountId: string): Promise<void> {
    try {
      setStatus(await api.invoke('secrets.status', { accountId }));
    } catch (err) {
      if (!(err instanceof ContractError)) throw err;
      delete secretStatus.value[accountId];
      secretStatusError.value[accountId] = `${err.code}: ${err.message}`;
    }
  }

  /** Stores or replaces a secret. The value is sent once and not kept anywhere in the renderer. */
  async function setSecret(accountId: string, field: string, value: string): Promise<void> {
    setStatus(await api.invoke('secrets.set', { accountId, field, value }));
  }

  /** Deletes a stored secret. */
  async function deleteSecret(accountId: string, field: string): Promise<void> {
    setStatus(await api.invoke('secrets.delete', { accountId, field }));
  }

  return {
    accounts,
    loaded,
    secretStatus,
    secretStatusError,
    load,
    create,
    update,
    remove,
    loadSecretStatus,
    setSecret,
    deleteSecret,
  };
});
