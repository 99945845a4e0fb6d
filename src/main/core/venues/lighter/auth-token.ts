import type { Clock } from '../../clock';
import type { LighterSigner } from './signer/lighter-signer';

/** Lighter's cap on an auth token's lifetime: 8 hours (lighter.md §2). */
export const MAX_AUTH_LIFETIME_MS = 8 * 3_600_000;

/** Lifetime policy of {@link AuthTokens}. */
export interface AuthTokenOptions {
  /** Lifetime of a minted token, ms; capped at 8 h. Default 1 h. */
  lifetimeMs?: number;
  /** Mint a new token when less than this is left, ms. Default 5 min. */
  refreshBeforeMs?: number;
}

/**
 * Auth tokens for private REST reads (`Authorization: <token>`) and private WS
 * channels (`"auth":"<token>"`), minted by the signer's CreateAuthToken with a
 * deadline in Unix seconds (lighter.md §2). A token is reused until less than
 * `refreshBeforeMs` of it is left; concurrent callers share one minting.
 */
export class AuthTokens {
  private token: { value: string; expiresAt: number } | null = null;
  private minting: Promise<string> | null = null;
  private readonly lifetimeMs: number;
  private readonly refreshBeforeMs: number;

  constructor(
    private readonly signer: LighterSigner,
    private readonly clock: Clock,
    opts: AuthTokenOptions = {},
  ) {
    this.lifetimeMs = Math.min(opts.lifetimeMs ?? 3_600_000, MAX_AUTH_LIFETIME_MS);
    this.refreshBeforeMs = Math.min(opts.refreshBeforeMs ?? 300_000, this.lifetimeMs / 2);
  }

  /**
   * A token valid for at least `refreshBeforeMs` more.
   * @throws whatever the signer throws.
   */
  get(): Promise<string> {
    const now = this.clock.now();
    if (this.token && this.token.expiresAt - now > this.refreshBeforeMs) return Promise.resolve(this.token.value);
    this.minting ??= this.mint(now).finally(() => {
      this.minting = null;
    });
    return this.minting;
  }

  private async mint(now: number): Promise<string> {
    const deadlineSeconds = Math.floor((now + this.lifetimeMs) / 1000);
    const value = await this.signer.createAuthToken(deadlineSeconds);
    this.token = { value, expiresAt: deadlineSeconds * 1000 };
    return value;
  }
}
