/**
 * Helpers shared by the signer tests: a fixed clock and a parsed tx_info.
 * Test support only.
 */
import type { Clock } from '../../../clock';
import type { SignedTx } from './lighter-signer';

/** An injected clock standing at 1_700_000_000_000 (Unix ms); `sleep` resolves at once. */
export const FIXED_CLOCK: Clock = { now: () => 1_700_000_000_000, sleep: () => Promise.resolve() };

/** A signed tx's `tx_info`, parsed. */
export function txInfoOf(signed: SignedTx): Record<string, unknown> {
  return JSON.parse(signed.txInfo) as Record<string, unknown>;
}
