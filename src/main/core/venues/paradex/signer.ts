/**
 * The account's StarkNet key: public key, account address and signatures of
 * Paradex typed data, all with starknet.js (`ec.starkCurve`,
 * `typedData.getMessageHash`, `hash.calculateContractAddressFromHash`) — no
 * curve or hash code of our own (paradex.md §1, §3, §9).
 */
import { CallData, ec, hash, typedData, type TypedData } from 'starknet';

/** Order of the STARK curve's group: private keys are 1 … n−1 (paradex.md §1). */
const CURVE_ORDER = ec.starkCurve.CURVE.n;

/**
 * A private key as a 0x-prefixed hex scalar.
 * @throws TypeError when it is not hex or not in 1 … n−1 (the message never contains the key).
 */
export function normalizeStarkPrivateKey(privateKey: string): string {
  const text = privateKey.trim();
  if (!/^(0x)?[0-9a-fA-F]{1,64}$/.test(text)) throw new TypeError('Paradex L2 private key must be a hex number (0x… up to 64 hex digits)');
  const value = BigInt(text.startsWith('0x') ? text : `0x${text}`);
  if (value <= 0n || value >= CURVE_ORDER) throw new TypeError('Paradex L2 private key is outside the STARK curve order');
  return `0x${value.toString(16)}`;
}

/** The L2 public key (the x-coordinate of key·G, `ec.starkCurve.getStarkKey`) of a private key, 0x hex. */
export function starkPublicKey(privateKey: string): string {
  return ec.starkCurve.getStarkKey(normalizeStarkPrivateKey(privateKey));
}

/**
 * The L2 account address of a standard (non-subkey) Paradex account
 * (paradex.md §1 step 4; paradex.js `src/account.ts`): deployer 0, salt =
 * public key, class hash = `paraclear_account_proxy_hash`, constructor
 * calldata `[paraclear_account_hash, selector("initialize"), 2, publicKey, 0]`.
 * @returns the address as 0x hex without leading zeros.
 */
export function paradexAccountAddress(publicKey: string, config: { paraclear_account_proxy_hash: string; paraclear_account_hash: string }): string {
  const calldata = CallData.compile([config.paraclear_account_hash, hash.getSelectorFromName('initialize'), 2, publicKey, 0]);
  return hash.calculateContractAddressFromHash(publicKey, config.paraclear_account_proxy_hash, calldata, 0);
}

/** Two felts as Paradex wants them in headers and order bodies: `["<r decimal>","<s decimal>"]` (paradex.md §3). */
export function formatSignature(r: bigint, s: bigint): string {
  return JSON.stringify([r.toString(10), s.toString(10)]);
}

/** Signs Paradex typed data for one L2 account. */
export class ParadexSigner {
  /** The L2 account address messages are bound to (0x hex). */
  readonly address: string;
  /** The L2 public key (0x hex). */
  readonly publicKey: string;
  private readonly privateKey: string;

  /**
   * @param privateKey the L2 private key (hex).
   * @param address the L2 account address the signatures are bound to.
   * @throws TypeError for a malformed key or address.
   */
  constructor(privateKey: string, address: string) {
    this.privateKey = normalizeStarkPrivateKey(privateKey);
    if (!/^0x[0-9a-fA-F]{1,64}$/.test(address)) throw new TypeError(`Paradex L2 account address must be 0x followed by 1 to 64 hex digits, got ${address}`);
    this.address = address;
    this.publicKey = ec.starkCurve.getStarkKey(this.privateKey);
  }

  /** The SNIP-12 (revision 0) message hash of `data` for this account (`typedData.getMessageHash`), 0x hex. */
  messageHash(data: TypedData): string {
    return typedData.getMessageHash(data, this.address);
  }

  /** Signs `data` (RFC 6979 nonce, `ec.starkCurve.sign`) → the `["r","s"]` string Paradex expects. */
  sign(data: TypedData): string {
    const sig = ec.starkCurve.sign(this.messageHash(data), this.privateKey);
    return formatSignature(sig.r, sig.s);
  }
}
