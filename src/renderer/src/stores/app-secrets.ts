import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ContractError } from '../../../shared/errors';
import type { AppSecretField, AppSecretStatus } from '../../../shared/schemas/secrets';
import { useApi } from '../api';

/**
 * Which app-level secrets (the Telegram bot token) are stored. Booleans only:
 * values go to the keychain through `appSecrets.set` and never come back.
 */
export const useAppSecretsStore = defineStore('appSecrets', () => {
  const api = useApi();
  const status = ref<AppSecretStatus | null>(null);
  /** Why the status could not be read (e.g. keychain unavailable). */
  const statusError = ref<string | null>(null);

  function setStatus(next: AppSecretStatus): void {
    status.value = next;
    statusError.value = null;
  }

  /** The status of one field, when known. */
  function fieldStatus(field: AppSecretField) {
    return status.value?.fields.find((f) => f.field === field);
  }

  /** Refreshes which app secrets are stored; a failure is kept in {@link statusError}. */
  async function load(): Promise<void> {
    try {
      setStatus(await api.invoke('appSecrets.status', {}));
    } catch (err) {
      if (!(err instanceof ContractError)) throw err;
      status.value = null;
      statusError.value = `${err.code}: ${err.message}`;
    }
  }

  /** Stores or replaces an app secret. The value is sent once and not kept anywhere in the renderer. */
  async function set(field: AppSecretField, value: string): Promise<void> {
    setStatus(await api.invoke('appSecrets.set', { field, value }));
  }

  /** Deletes a stored app secret. */
  async function remove(field: AppSecretField): Promise<void> {
    setStatus(await api.invoke('appSecrets.delete', { field }));
  }

  return { status, statusError, fieldStatus, load, set, remove };
});
