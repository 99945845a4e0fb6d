import type { Clock } from '../../../clock';
import type { LighterSigner } from './lighter-signer';
import { PaperSigner } from './paper-signer';
import { SignerUnavailableError } from './signer-errors';
import { loadOfficialSigner, type LoadOfficialSignerOptions } from './signer-loader';

/** The account a signer is for. */
export interface SignerAccount {
  /** `paper`: served by the simulator; `live`: the real venue. */
  mode: 'paper' | 'live';
  accountIndex: number;
  apiKeyIndex: number;
}

/** What a live account's official signer needs besides the account: key, chain id and where to search. */
export type OfficialSignerSettings = Omit<LoadOfficialSignerOptions, 'accountIndex' | 'apiKeyIndex' | 'clock'>;

/**
 * The signer for an account — the only way venue code should get one. A paper
 * account gets the paper signer (placeholder signatures, for the simulator).
 * Any other account gets the official signer of a live layout (v1.0.7+) or an
 * error: there is no fallback to the paper signer.
 * @param official the key, chain id and search options; required unless the account is a paper account.
 * @throws SignerUnavailableError for a non-paper account when `official` is missing or no usable
 *   official signer is found (the message lists every path searched);
 *   LighterSignerError when the official signer rejects the key or indexes.
 */
export async function signerForAccount(account: SignerAccount, clock: Clock, official?: OfficialSignerSettings): Promise<LighterSigner> {
  if (account.mode === 'paper') return new PaperSigner(account, clock);
  if (!official) {
    throw new SignerUnavailableError(
      `Account ${account.accountIndex} is ${String(account.mode)}: it needs its API private key and chain id to load the official Lighter signer, and none were given.`,
      [],
    );
  }
  return loadOfficialSigner({ ...official, accountIndex: account.accountIndex, apiKeyIndex: account.apiKeyIndex, clock });
}
