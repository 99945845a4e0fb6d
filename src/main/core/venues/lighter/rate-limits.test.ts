import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../virtual-clock';
import { createLighterRateLimiter, endpointWeight, requestCost } from './rate-limits';

describe('Lighter rate limits (lighter.md §7.2)', () => {
  it('knows the published weights', () => {
    expect(endpointWeight('sendTx')).toBe(6);
    expect(endpointWeight('nextNonce')).toBe(6);
    expect(endpointWeight('accountInactiveOrders')).toBe(100);
    expect(endpointWeight('trades')).toBe(600);
    expect(endpointWeight('account')).toBe(300);
  });

  it('premium pays weights, standard at least 1/60 of the budget', () => {
    expect(requestCost('premium', 'sendTx')).toBe(6);
    expect(requestCost('standard', 'sendTx')).toBe(400);
    expect(requestCost('standard', 'trades')).toBe(600);
  });

  it('standard: the 61st sendTx inside a minute waits; premium sends 4,000 sendTx a minute', async () => {
    const clock = new VirtualClock();
    const standard = createLighterRateLimiter(clock, 0);
    for (let i = 0; i < 60; i++) await standard.acquire(requestCost('standard', 'sendTx'));
    expect(clock.sleeps).toEqual([]);
    await standard.acquire(requestCost('standard', 'sendTx'));
    expect(clock.sleeps).toEqual([60_000]);

    const clock2 = new VirtualClock();
    const premium = createLighterRateLimiter(clock2, 0);
    for (let i = 0; i < 4_000; i++) await premium.acquire(requestCost('premium', 'sendTx'));
    expect(clock2.sleeps).toEqual([]);
  });

  it('standard: trades (weight 600) allows only 40 calls a minute', async () => {
    const clock = new VirtualClock();
    const limiter = createLighterRateLimiter(clock, 0);
    for (let i = 0; i < 40; i++) await limiter.acquire(requestCost('standard', 'trades'));
    expect(clock.sleeps).toEqual([]);
    await limiter.acquire(requestCost('standard', 'trades'));
    expect(clock.sleeps).toHaveLength(1);
  });

  it('standard: 36 discretionary sendTx a minute, the other 24 kept for hedges, which go at once', async () => {
    const clock = new VirtualClock();
    const limiter = createLighterRateLimiter(clock);
    const cost = requestCost('standard', 'sendTx');
    for (let i = 0; i < 36; i++) await limiter.acquire(cost);
    for (let i = 0; i < 24; i++) await limiter.acquire(cost, undefined, 'urgent');
    expect(clock.sleeps).toEqual([]);
    await limiter.acquire(cost, undefined, 'urgent');
    expect(clock.sleeps).toEqual([60_000]);
  });
});
