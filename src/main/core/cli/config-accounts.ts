import type { FieldIssue } from '../../../shared/errors';
import { lighterKeyIndexWarning } from '../../../shared/lighter-api-key-index';
import type { Account, AccountMode } from '../../../shared/schemas/account';
import { ConfigError } from '../engine/config-error';
import { LIGHTER_KEY_FIELD, type LiveLighterOverrides } from '../venues/lighter/live-lighter';
import type { SecretStore } from '../secrets/secret-store';
import type { AccountsRepository } from '../store/accounts-repository';
import type { ConfigAccount } from '../strategies/tri-hedge-hold/config-schema';

/** The stored accounts for a config's account list, and what was done to get them. */
export interface ImportedAccounts {
  /** Account ids in config order (A, B, C). */
  accountIds: string[];
  /** Per live account id: base URL, chain id and signer folder from the config. */
  overrides: Record<string, LiveLighterOverrides>;
  /** One line per thing the user should know (accounts created, keys moved to the keychain, keys ignored). */
  notes: string[];
}

/** An `api_private_key` that is obviously not a key (the README's `"..."`, empty). */
function isPlaceholder(key: string | undefined): boolean {
  return key === undefined || key.trim() === '' || /^\.*$/.test(key.trim()) || /^your/i.test(key.trim());
}

/**
 * Finds or creates a HedgeDesk Lighter account for each account of the
 * original config, matched by label (case-insensitive). An account is paper
 * when the entry says `"paper": true` or `paper` is set (the `--paper` flag),
 * else live. A live account needs `account_index` or `account_address`; its
 * `api_private_key`, when given, is written to the keychain (`<id>:apiPrivateKey`)
 * unless the same key is already there, and the user is told. A live
 * account's `api_key_index` is never guessed: without one the stored account's
 * index is kept (and said so), else it is an error; indexes 0–3 get a
 * `warning:` note (Lighter's own apps / checklist, shared/lighter-api-key-index.ts).
 * Paper accounts never read or store keys.
 * @throws ConfigError naming the config path of each problem (missing
 *   identifiers or api_key_index, an existing account of another mode or other identifiers).
 */
export async function importConfigAccounts(
  entries: readonly ConfigAccount[],
  deps: { accounts: AccountsRepository; secrets: SecretStore; paper: boolean; globalBaseUrl?: string; configFile: string },
): Promise<ImportedAccounts> {
  const issues: FieldIssue[] = [];
  const stored = deps.accounts.list().filter((a) => a.venue === 'lighter');
  const plans = entries.map((entry, i) => {
    const mode: AccountMode = deps.paper || entry.paper ? 'paper' : 'live';
    const identifiers: Record<string, string | number> = {};
    const existing = stored.find((a) => a.label.toLowerCase() === entry.label.toLowerCase());
    if (mode === 'live') {
      if (entry.account_index === undefined && entry.account_address === undefined) {
        issues.push({ path: `accounts.${i}.account_index`, message: 'a live account needs account_index or account_address (or run it on paper: "paper": true / --paper)' });
      }
      if (entry.account_index !== undefined) identifiers.accountIndex = entry.account_index;
      if (entry.account_address !== undefined) identifiers.l1Address = entry.account_address;
      if (entry.api_key_index !== undefined) identifiers.apiKeyIndex = entry.api_key_index;
      else if (typeof existing?.identifiers.apiKeyIndex !== 'number') {
        issues.push({
          path: `accounts.${i}.api_key_index`,
          message: `a live account needs api_key_index: the index of the API key whose private key is api_private_key (HedgeDesk does not assume 0, which Lighter's web and mobile apps use; register a dedicated key at 4–254)`,
        });
      }
    }
    if (existing && existing.mode !== mode) {
      issues.push({ path: `accounts.${i}.label`, message: `"${existing.label}" is already a ${existing.mode} account; use another label for a ${mode} one` });
    }
    if (existing && mode === 'live') {
      for (const [k, v] of Object.entries(identifiers)) {
        if (existing.identifiers[k] !== undefined && existing.identifiers[k] !== v) {
          issues.push({ path: `accounts.${i}`, message: `"${existing.label}" is stored with ${k} ${existing.identifiers[k]}, the config says ${v}` });
        }
      }
    }
    return { entry, mode, identifiers, existing };
  });
  if (issues.length > 0) throw new ConfigError('the config accounts do not fit the stored accounts', issues);

  const notes: string[] = [];
  const overrides: Record<string, LiveLighterOverrides> = {};
  const accountIds: string[] = [];
  for (const { entry, mode, identifiers, existing } of plans) {
    let account: Account;
    if (!existing) {
      account = deps.accounts.create({ venue: 'lighter', label: entry.label, mode, identifiers });
      notes.push(`created ${mode} Lighter account "${account.label}" (${account.id})`);
    } else if (mode === 'live' && Object.keys(identifiers).some((k) => existing.identifiers[k] === undefined)) {
      account = deps.accounts.update(existing.id, { label: existing.label, mode, identifiers: { ...existing.identifiers, ...identifiers } });
    } else account = existing;
    accountIds.push(account.id);
    if (mode === 'paper') {
      if (!isPlaceholder(entry.api_private_key)) notes.push(`"${account.label}" trades on paper: its api_private_key was ignored (not stored)`);
      continue;
    }
    const keyIndex = account.identifiers.apiKeyIndex as number;
    if (entry.api_key_index === undefined) notes.push(`"${account.label}": no api_key_index in the config, using the stored API key index ${keyIndex}`);
    const warning = lighterKeyIndexWarning(keyIndex);
    if (warning) notes.push(`warning: "${account.label}": ${warning}`);
    overrides[account.id] = { baseUrl: entry.base_url ?? deps.globalBaseUrl, chainId: entry.chain_id, signerLibDir: entry.signer_lib_dir };
    if (!isPlaceholder(entry.api_private_key)) {
      const ref = { accountId: account.id, field: LIGHTER_KEY_FIELD };
      if ((await deps.secrets.get(ref)) !== entry.api_private_key) {
        await deps.secrets.set(ref, entry.api_private_key!);
        notes.push(
          `moved the API private key of "${account.label}" into the ${deps.secrets.backend === 'keychain' ? 'OS keychain' : 'secret store'} ` +
            `(${account.id}:${LIGHTER_KEY_FIELD}); you can now delete api_private_key from ${deps.configFile}`,
        );
      }
    }
  }
  return { accountIds, overrides, notes };
}
