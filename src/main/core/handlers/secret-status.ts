import type { Account } from '../../../shared/schemas/account';
import type { SecretStatus } from '../../../shared/schemas/secrets';
import { secretFieldsOf } from '../../../shared/schemas/venues';
import { secretEnvVar, type SecretStore } from '../secrets/secret-store';

/** Which secret fields of `account` are stored (booleans, never values), plus each field's env variable name. */
export async function secretStatusOf(store: SecretStore, account: Account): Promise<SecretStatus> {
  const fields = await Promise.all(
    secretFieldsOf(account.venue).map(async (field) => {
      const ref = { accountId: account.id, field };
      return { field, stored: await store.has(ref), envVar: secretEnvVar(ref) };
    }),
  );
  return { accountId: account.id, backend: store.backend, fields };
}
