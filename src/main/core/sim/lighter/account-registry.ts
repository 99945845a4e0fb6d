import { createHash } from 'node:crypto';

/** Largest Lighter account index, 2^48 − 2 (lighter-go constants, lighter.md §1.4). */
export const MAX_ACCOUNT_INDEX = 281474976710654;
/** Largest API key index (0–254; 255 means "all keys" in queries). */
export const MAX_API_KEY_INDEX = 254;

/** One API key slot of an account: its next expected nonce. */
export interface ApiKeyState {
  apiKeyIndex: number;
  /** The nonce the next transaction of this key must carry. */
  nextNonce: number;
  /** 40 bytes, hex (no 0x): a stand-in; the sim never checks signatures. */
  publicKey: string;
  /** Unix µs of the key's last accepted transaction (0 = none). */
  transactionTime: number;
}

/** A Lighter account known to the simulator. */
export interface SimAccount {
  index: number;
  /** 0x + 40 hex, as given or derived. Compared case-insensitively. */
  l1Address: string;
  /** 0 master, 1 sub-account (a second account of the same L1 address). */
  accountType: 0 | 1;
  /** Unix ms of a scheduled cancel-all (0 = none). */
  cancelAllTime: number;
  apiKeys: Map<number, ApiKeyState>;
}

/** What {@link AccountRegistry.snapshot} keeps. */
export interface RegistrySnapshot {
  nextMaster: number;
  nextSub: number;
  accounts: (Omit<SimAccount, 'apiKeys'> & { apiKeys: ApiKeyState[] })[];
}

function hex(seed: string, chars: number): string {
  let out = '';
  for (let i = 0; out.length < chars; i++) out += createHash('sha256').update(`${seed}:${i}`).digest('hex');
  return out.slice(0, chars);
}

/**
 * Lighter accounts: index allocation (masters count up from a start index,
 * further accounts of the same L1 address are sub-accounts counting down from
 * 2^48 − 2, lighter.md §1.4), L1 addresses and per-API-key nonces. Every key
 * slot 0–254 of every account exists (registered with the paper signer's
 * placeholder key); slots are materialised on first use.
 */
export class AccountRegistry {
  private readonly accounts = new Map<number, SimAccount>();
  private nextMaster: number;
  private nextSub = MAX_ACCOUNT_INDEX;

  /** @param firstMasterIndex Index of the first master account. */
  constructor(firstMasterIndex: number) {
    this.nextMaster = firstMasterIndex;
  }

  /**
   * Registers an account. A new L1 address gets the next master index (or
   * `index` when given); a known one gets a sub-account index.
   * @throws Error for a malformed L1 address or a taken `index`.
   */
  create(l1Address?: string, index?: number): SimAccount {
    if (l1Address !== undefined && !/^0x[0-9a-fA-F]{40}$/.test(l1Address)) throw new Error(`"${l1Address}" is not an L1 address (0x + 40 hex digits)`);
    if (index !== undefined && this.accounts.has(index)) throw new Error(`account index ${index} is taken`);
    const isSub = l1Address !== undefined && this.byL1Address(l1Address).length > 0;
    if (index === undefined) index = isSub ? this.nextSub-- : this.nextMaster++;
    const account: SimAccount = {
      index,
      l1Address: l1Address ?? `0x${hex(`hedgedesk-sim-l1:${index}`, 40)}`,
      accountType: isSub ? 1 : 0,
      cancelAllTime: 0,
      apiKeys: new Map(),
    };
    this.accounts.set(index, account);
    return account;
  }

  /** The accounts `keep` selects and the index counters, as plain data (simulator state on disk). */
  snapshot(keep: (index: number) => boolean): RegistrySnapshot {
    return {
      nextMaster: this.nextMaster,
      nextSub: this.nextSub,
      accounts: this.all()
        .filter((a) => keep(a.index))
        .map((a) => ({ ...a, apiKeys: [...a.apiKeys.values()].map((k) => ({ ...k })) })),
    };
  }

  /**
   * Loads a {@link snapshot}; counters never go back.
   * @throws Error for an index that is already registered.
   */
  restore(s: RegistrySnapshot): void {
    for (const a of s.accounts) {
      if (this.accounts.has(a.index)) throw new Error(`account index ${a.index} is taken`);
      this.accounts.set(a.index, { ...a, apiKeys: new Map(a.apiKeys.map((k) => [k.apiKeyIndex, { ...k }])) });
    }
    this.nextMaster = Math.max(this.nextMaster, s.nextMaster);
    this.nextSub = Math.min(this.nextSub, s.nextSub);
  }

  /** The account, or undefined. */
  get(index: number): SimAccount | undefined {
    return this.accounts.get(index);
  }

  /** Every account, in creation order. */
  all(): SimAccount[] {
    return [...this.accounts.values()];
  }

  /** The accounts of an L1 address, master first. */
  byL1Address(l1Address: string): SimAccount[] {
    const wanted = l1Address.toLowerCase();
    return this.all()
      .filter((a) => a.l1Address.toLowerCase() === wanted)
      .sort((a, b) => a.accountType - b.accountType);
  }

  /**
   * The index of the account's master account: the master of its L1 address
   * (itself for a master; an unknown index is its own master). Used by the
   * "same master account" self-trade equality (lighter.md §3.6).
   */
  masterOf(index: number): number {
    const account = this.accounts.get(index);
    if (!account || account.accountType === 0) return index;
    return this.byL1Address(account.l1Address)[0]?.index ?? index;
  }

  /**
   * The key slot (materialised on first use).
   * @throws RangeError for an index outside 0–254.
   */
  apiKey(account: SimAccount, apiKeyIndex: number): ApiKeyState {
    if (!Number.isInteger(apiKeyIndex) || apiKeyIndex < 0 || apiKeyIndex > MAX_API_KEY_INDEX) throw new RangeError(`api key index ${apiKeyIndex}`);
    let key = account.apiKeys.get(apiKeyIndex);
    if (!key) {
      key = { apiKeyIndex, nextNonce: 0, publicKey: hex(`hedgedesk-sim-key:${account.index}:${apiKeyIndex}`, 80), transactionTime: 0 };
      account.apiKeys.set(apiKeyIndex, key);
    }
    return key;
  }
}
