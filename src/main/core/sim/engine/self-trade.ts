/**
 * Self-trade prevention (STP): what the matching engine does when an incoming
 * order would trade with a resting order of "the same owner".
 *
 * The four behaviours and two equality modes are Lighter's
 * (lighter-go v1.0.7 types/txtypes/constants.go `SelfTradeBehavior*`,
 * `SelfTradeEquality*`; tx attributes 6 and 7, lighter.md §3.6). As on other
 * venues with STP, the incoming (taker) order's policy decides; the resting
 * order's own policy does not matter.
 */

/**
 * - `expire-maker` (Lighter 0, the default): the resting order is cancelled, the taker goes on matching;
 * - `expire-taker` (1): the taker's remainder is cancelled, the resting order stays;
 * - `cancel-both` (2): both are cancelled;
 * - `reduce` (3): both are reduced by the size they would have traded (no trade); the
 *   one that reaches zero is cancelled, the taker goes on matching with what is left.
 */
export type SelfTradeBehavior = 'expire-maker' | 'expire-taker' | 'cancel-both' | 'reduce';

/**
 * - `same-account` (Lighter 0, the default): only orders of the same account index meet STP;
 * - `same-master` (1): orders of accounts under the same master account (a master and its
 *   sub-accounts) meet STP.
 */
export type SelfTradeEquality = 'same-account' | 'same-master';

/** An incoming order's STP settings. */
export interface SelfTradePolicy {
  behavior: SelfTradeBehavior;
  equality: SelfTradeEquality;
}

/** Lighter's defaults: expire maker, same account index. */
export const DEFAULT_SELF_TRADE_POLICY: SelfTradePolicy = { behavior: 'expire-maker', equality: 'same-account' };

/** Lighter attribute 6 values, in order (0 expire maker … 3 reduce). */
export const SELF_TRADE_BEHAVIORS: readonly SelfTradeBehavior[] = ['expire-maker', 'expire-taker', 'cancel-both', 'reduce'];
/** Lighter attribute 7 values, in order (0 same account, 1 same master). */
export const SELF_TRADE_EQUALITIES: readonly SelfTradeEquality[] = ['same-account', 'same-master'];

/**
 * True when a taker of `takerAccount` and a maker of `makerAccount` count as
 * the same owner under `equality`. `masterOf` maps an account to its master
 * account (itself for a master).
 */
export function isSelfTrade(equality: SelfTradeEquality, takerAccount: number, makerAccount: number, masterOf: (accountId: number) => number): boolean {
  if (takerAccount === makerAccount) return true;
  return equality === 'same-master' && masterOf(takerAccount) === masterOf(makerAccount);
}
