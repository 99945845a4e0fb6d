import { CallData, hash } from 'starknet';

/** The two class hashes of `/system/config` that define a Paradex account contract (paradex.md §1, §2). */
export interface AccountClassHashes {
  paraclear_account_proxy_hash: string;
  paraclear_account_hash: string;
}

/**
 * A standard Paradex account's L2 address for a STARK public key, as paradex.js
 * `src/account.ts` (generateAccountAddress) and paradex-py `account.py` compute it
 * (paradex.md §1 step 4): StarkNet contract address with deployer 0, salt = public
 * key, class = the proxy hash, constructor calldata
 * `[account hash, selector("initialize"), 2, public key, 0]`. Uses starknet.js
 * `hash.calculateContractAddressFromHash` and `CallData.compile`.
 * @returns `0x`-prefixed lowercase hex without leading zeros.
 * @throws Error when `publicKey` is not a hex felt.
 */
export function accountAddressOf(publicKey: string, config: AccountClassHashes): string {
  const calldata = CallData.compile({
    implementation: config.paraclear_account_hash,
    selector: hash.getSelectorFromName('initialize'),
    calldata: CallData.compile({ signer: publicKey, guardian: '0' }),
  });
  return normalizeAddress(hash.calculateContractAddressFromHash(publicKey, config.paraclear_account_proxy_hash, calldata, 0));
}

/**
 * The canonical form of a StarkNet address or key: `0x` + lowercase hex, no leading zeros.
 * @throws Error when `value` is not a hex (or decimal) felt.
 */
export function normalizeAddress(value: string): string {
  if (!/^(0x[0-9a-fA-F]{1,64}|\d+)$/.test(value)) throw new Error(`not a felt: ${value}`);
  return '0x' + BigInt(value).toString(16);
}
