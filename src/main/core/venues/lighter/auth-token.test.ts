import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../virtual-clock';
import { AuthTokens, MAX_AUTH_LIFETIME_MS } from './auth-token';
import type { LighterSigner } from './signer/lighter-signer';

function signer(): { signer: LighterSigner; deadlines: number[] } {
  const deadlines: number[] = [];
  const s = {
    createAuthToken: (deadline: number) => {
      deadlines.push(deadline);
      return Promise.resolve(`${deadline}:1:5:sig`);
    },
  } as unknown as LighterSigner;
  return { signer: s, deadlines };
}

describe('AuthTokens (lighter.md §2)', () => {
  it('reuses a token until less than the refresh margin is left, then mints a new one', async () => {
    const clock = new VirtualClock(1_700_000_000_000);
    const { signer: s, deadlines } = signer();
    const auth = new AuthTokens(s, clock, { lifetimeMs: 3_600_000, refreshBeforeMs: 300_000 });
    const first = await auth.get();
    expect(first).toBe(`${1_700_003_600}:1:5:sig`);
    clock.advance(3_600_000 - 300_001);
    expect(await auth.get()).toBe(first);
    clock.advance(2);
    expect(await auth.get()).not.toBe(first);
    expect(deadlines).toHaveLength(2);
  });

  it('concurrent callers share one minting; lifetime capped at 8 h', async () => {
    const clock = new VirtualClock(1_700_000_000_000);
    const { signer: s, deadlines } = signer();
    const auth = new AuthTokens(s, clock, { lifetimeMs: 24 * 3_600_000 });
    await Promise.all([auth.get(), auth.get(), auth.get()]);
    expect(deadlines).toEqual([(1_700_000_000_000 + MAX_AUTH_LIFETIME_MS) / 1000]);
  });
});
