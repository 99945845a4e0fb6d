import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { InsufficientMarginError, InvalidNonceError, VenueUnavailableError } from '../venue-errors';
import { NonceManager } from './nonce-manager';

const logger = pino({ level: 'silent' });

function fakeVenue(firstNonce: number) {
  let serverNext = firstNonce;
  return {
    fetches: 0,
    fetch(): Promise<number> {
      this.fetches++;
      return Promise.resolve(serverNext);
    },
    /** Accepts a tx only with the server's next nonce, after a few async hops. */
    async send(nonce: number, count = 1): Promise<number> {
      for (let i = 0; i < 3; i++) await Promise.resolve();
      if (nonce !== serverNext) throw new InvalidNonceError('lighter', 'invalid nonce', 21104, 'invalid nonce');
      serverNext += count;
      return nonce;
    },
    bump(n: number) {
      serverNext += n;
    },
  };
}

describe('NonceManager (lighter.md §4)', () => {
  it('N concurrent sends get distinct consecutive nonces, fetching nextNonce once', async () => {
    const venue = fakeVenue(722);
    const nonces = new NonceManager(() => venue.fetch(), logger);
    const used = await Promise.all(Array.from({ length: 20 }, () => nonces.withNonce((n) => venue.send(n))));
    expect(used).toEqual(Array.from({ length: 20 }, (_, i) => 722 + i));
    expect(venue.fetches).toBe(1);
  });

  it('holds the lock from signing through the send: never two in flight', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const nonces = new NonceManager(() => Promise.resolve(0), logger);
    await Promise.all(
      Array.from({ length: 10 }, () =>
        nonces.withNonce(async () => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await new Promise((r) => setTimeout(r, 1));
          inFlight--;
        }),
      ),
    );
    expect(maxInFlight).toBe(1);
  });

  it('an invalid-nonce rejection triggers exactly one hard refresh and one re-signed retry', async () => {
    const venue = fakeVenue(10);
    const nonces = new NonceManager(() => venue.fetch(), logger);
    await nonces.withNonce((n) => venue.send(n));
    venue.bump(5); // another client used the key: server expects 16, we think 11
    const signed: number[] = [];
    const used = await nonces.withNonce((n) => {
      signed.push(n);
      return venue.send(n);
    });
    expect(signed).toEqual([11, 16]);
    expect(used).toBe(16);
    expect(venue.fetches).toBe(2);
    expect(await nonces.withNonce((n) => venue.send(n))).toBe(17);
  });

  it('gives up after the one retry when the nonce is still refused', async () => {
    let fetches = 0;
    const nonces = new NonceManager(() => Promise.resolve(++fetches * 100), logger);
    let calls = 0;
    await expect(
      nonces.withNonce(() => {
        calls++;
        return Promise.reject(new InvalidNonceError('lighter', 'invalid nonce', 21104));
      }),
    ).rejects.toBeInstanceOf(InvalidNonceError);
    expect(calls).toBe(2);
    expect(fetches).toBe(2);
  });

  it('steps back after a definite rejection; refetches after an unknown outcome', async () => {
    let fetches = 0;
    const nonces = new NonceManager(() => Promise.resolve(50 + 10 * fetches++), logger);
    await expect(nonces.withNonce(() => Promise.reject(new InsufficientMarginError('lighter', 'margin', 21739)))).rejects.toThrow();
    expect(await nonces.withNonce((n) => Promise.resolve(n))).toBe(50);
    await expect(nonces.withNonce(() => Promise.reject(new VenueUnavailableError('lighter', 'timeout')))).rejects.toThrow();
    expect(await nonces.withNonce((n) => Promise.resolve(n))).toBe(60);
    expect(fetches).toBe(2);
  });

  it('reserves consecutive nonces for a batch', async () => {
    const venue = fakeVenue(5);
    const nonces = new NonceManager(() => venue.fetch(), logger);
    const [a, b] = await Promise.all([nonces.withNonces(3, (n) => venue.send(n, 3)), nonces.withNonce((n) => venue.send(n))]);
    expect([a, b]).toEqual([5, 8]);
  });
});
