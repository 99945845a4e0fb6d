import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../virtual-clock';
import { jwtExpiryMs, JwtSession } from './jwt-session';

const jwt = (claims: object) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;

describe('Paradex JWT session (paradex.md §4)', () => {
  it('reuses a token for 3 minutes, then fetches a new one; concurrent callers share one auth', async () => {
    const clock = new VirtualClock();
    let n = 0;
    const session = new JwtSession(async () => `opaque-${++n}`, clock);
    const [a, b] = await Promise.all([session.get(), session.get()]);
    expect(a).toBe('opaque-1');
    expect(b).toBe('opaque-1');
    clock.advance(179_999);
    expect(await session.get()).toBe('opaque-1');
    clock.advance(1);
    expect(await session.get()).toBe('opaque-2');
    expect(session.issued).toBe(2);
  });

  it('a short-lived token (exp claim, less 1 s of rounding) is replaced at 60 % of its lifetime', async () => {
    const clock = new VirtualClock();
    let n = 0;
    const session = new JwtSession(async () => jwt({ exp: Math.floor(clock.now() / 1000) + 11, n: ++n }), clock);
    const first = await session.get();
    clock.advance(5_999);
    expect(await session.get()).toBe(first);
    clock.advance(1);
    expect(await session.get()).not.toBe(first);
    expect(jwtExpiryMs(first)).toBe(Math.floor(1_700_000_000_000 / 1000) * 1000 + 11_000);
    expect(jwtExpiryMs('not-a-jwt')).toBeNull();
  });

  it('invalidate after a 401 forces a new auth; a failed auth is not cached', async () => {
    const clock = new VirtualClock();
    let n = 0;
    let fail = false;
    const session = new JwtSession(async () => {
      if (fail) throw new Error('auth refused');
      return `t${++n}`;
    }, clock);
    const t1 = await session.get();
    session.invalidate('someone-else');
    expect(await session.get()).toBe(t1);
    session.invalidate(t1);
    fail = true;
    await expect(session.get()).rejects.toThrow('auth refused');
    fail = false;
    expect(await session.get()).toBe('t2');
  });
});
