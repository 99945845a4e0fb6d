import { accountAddressOf, normalizeAddress, type AccountClassHashes } from './account-address';

/** A Paradex account known to the sim. */
export interface ParadexAccount {
  /** L2 account address, normalized (`0x` + lowercase hex, no leading zeros). */
  address: string;
  /** STARK public key (x-coordinate), normalized the same way. */
  publicKey: string;
  /** The matching engine's account id. */
  engineId: number;
}

/**
 * The accounts registered with the sim (through the admin endpoint or
 * `POST /v1/onboarding`): address ↔ public key ↔ engine account id. Addresses
 * are derived from the public key as Paradex does (paradex.md §1), so a client
 * can recompute them.
 */
export class AccountRegistry {
  private readonly byAddress = new Map<string, ParadexAccount>();
  private readonly byEngineId = new Map<number, ParadexAccount>();
  private nextEngineId: number;

  /** @param firstEngineId Engine id of the first user account. */
  constructor(
    private readonly config: AccountClassHashes,
    firstEngineId: number,
  ) {
    this.nextEngineId = firstEngineId;
  }

  /** The address a public key's standard account has (see `accountAddressOf`). */
  addressOf(publicKey: string): string {
    return accountAddressOf(normalizeAddress(publicKey), this.config);
  }

  /**
   * Registers the account of `publicKey`, or returns it when already registered.
   * @throws Error when `publicKey` is not a hex felt.
   */
  register(publicKey: string): { account: ParadexAccount; created: boolean } {
    const key = normalizeAddress(publicKey);
    const address = accountAddressOf(key, this.config);
    const known = this.byAddress.get(address);
    if (known) return { account: known, created: false };
    const account: ParadexAccount = { address, publicKey: key, engineId: this.nextEngineId++ };
    this.byAddress.set(address, account);
    this.byEngineId.set(account.engineId, account);
    return { account, created: true };
  }

  /** The account at `address` (any hex spelling), or undefined. */
  get(address: string): ParadexAccount | undefined {
    try {
      return this.byAddress.get(normalizeAddress(address));
    } catch {
      return undefined;
    }
  }

  /** The account behind an engine account id, or undefined (the sim's market makers). */
  byEngine(engineId: number): ParadexAccount | undefined {
    return this.byEngineId.get(engineId);
  }

  /** The engine id the next registered account gets. */
  nextId(): number {
    return this.nextEngineId;
  }

  /**
   * Loads saved accounts (simulator state on disk); the id counter never goes back.
   * @throws Error for an address or engine id that is already registered.
   */
  restore(accounts: readonly ParadexAccount[], nextEngineId: number): void {
    for (const a of accounts) {
      if (this.byAddress.has(a.address) || this.byEngineId.has(a.engineId)) throw new Error(`account ${a.address} is registered twice`);
      const account = { ...a };
      this.byAddress.set(account.address, account);
      this.byEngineId.set(account.engineId, account);
    }
    this.nextEngineId = Math.max(this.nextEngineId, nextEngineId);
  }

  /** Every registered account, in registration order. */
  all(): ParadexAccount[] {
    return [...this.byAddress.values()];
  }
}
