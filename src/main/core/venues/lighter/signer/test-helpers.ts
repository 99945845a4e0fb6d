/**
 * Helpers shared by the signer tests: a fixed clock and the pinned argument
 * names put on positional argument lists (as built by signer-abi.ts, or as the
 * stand-in signers of test-fixtures/ echo them back). Test support only.
 */
import { expect } from 'vitest';
import type { Clock } from '../../../clock';
import { PINNED_SIGNER_ARGS, type PinnedSignerFunction } from './signer-abi';

/** An injected clock standing at 1_700_000_000_000 (Unix ms); `sleep` resolves at once. */
export const FIXED_CLOCK: Clock = { now: () => 1_700_000_000_000, sleep: () => Promise.resolve() };

/** The six order-attribute arguments at their nil values (no integrator, default self-trade modes, no skip-nonce), named. */
export const NIL_ORDER_ATTRIBUTE_ARGS = {
  integratorAccountIndex: 0,
  integratorTakerFee: 0,
  integratorMakerFee: 0,
  selfTradeBehaviorMode: 0,
  selfTradeEqualityMode: 0,
  skipNonce: 0,
} as const;

/** Positional args → {name: value}, with the pinned names; expects exactly as many args as `fn` takes. */
export function namedArgs(fn: PinnedSignerFunction, args: readonly unknown[]): Record<string, unknown> {
  expect(args).toHaveLength(PINNED_SIGNER_ARGS[fn].length);
  return Object.fromEntries(PINNED_SIGNER_ARGS[fn].map((name, i) => [name, args[i]]));
}

/** A stand-in signer's echo `{fn, args}` (its `txInfo`), checked to come from `fn`, with the pinned argument names. */
export function echoedArgs(txInfo: string, fn: PinnedSignerFunction): Record<string, unknown> {
  const { fn: name, args } = JSON.parse(txInfo) as { fn: string; args: unknown[] };
  expect(name).toBe(fn);
  return namedArgs(fn, args);
}
