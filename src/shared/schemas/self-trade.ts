import { z } from 'zod';

/**
 * Lighter self-trade prevention (STP), set per Lighter account and sent with
 * every order it creates (tx attributes 6 and 7; lighter-go v1.0.7
 * `types/txtypes/constants.go` `SelfTradeBehavior*` / `SelfTradeEquality*`,
 * lighter.md §3.6). When an incoming order of the account would trade with a
 * resting order of "the same owner":
 * - `expire-maker` (Lighter 0, default): the resting order is cancelled;
 * - `expire-taker` (1): the rest of the incoming order is cancelled;
 * - `cancel-both` (2): both are cancelled;
 * - `reduce` (3): both shrink by the size they would have traded, without a trade.
 */
export const SELF_TRADE_BEHAVIORS = ['expire-maker', 'expire-taker', 'cancel-both', 'reduce'] as const;
export const selfTradeBehaviorSchema = z.enum(SELF_TRADE_BEHAVIORS);
export type SelfTradeBehavior = z.infer<typeof selfTradeBehaviorSchema>;

/**
 * Who counts as "the same owner":
 * - `same-account` (Lighter 0, default): only orders of this very account index — orders of
 *   the app's other accounts (its hedge legs) always trade normally;
 * - `same-master` (1): every account under the same master account (a master and its
 *   sub-accounts) — a hedge between sub-accounts of one master would be cancelled.
 */
export const SELF_TRADE_EQUALITIES = ['same-account', 'same-master'] as const;
export const selfTradeEqualitySchema = z.enum(SELF_TRADE_EQUALITIES);
export type SelfTradeEquality = z.infer<typeof selfTradeEqualitySchema>;

/** An account's STP settings. */
export interface SelfTradeSettings {
  behavior: SelfTradeBehavior;
  equality: SelfTradeEquality;
}

/**
 * The defaults: Lighter's own (expire maker, same account index). With
 * `same-account` the app's cross-account hedges are never self-trades.
 */
export const DEFAULT_SELF_TRADE: SelfTradeSettings = { behavior: 'expire-maker', equality: 'same-account' };

/** The identifier keys a Lighter account stores its STP settings under. */
export const SELF_TRADE_KEYS = { behavior: 'selfTradeBehavior', equality: 'selfTradeEquality' } as const;

/**
 * Why a combination is refused, or null. lighter-go v1.0.7
 * `L2TxAttributes.Validate()` refuses `reduce` with `same-master`
 * ("Reduce self-trade behavior mode isn't allowed with master account index equality mode").
 */
export function selfTradeProblem(s: SelfTradeSettings): string | null {
  return s.behavior === 'reduce' && s.equality === 'same-master'
    ? 'Lighter refuses "reduce" together with "same master account" (lighter-go v1.0.7); choose another behaviour or "same account"'
    : null;
}

/** A Lighter account's STP settings from its stored identifiers (absent or unknown values → the defaults). */
export function selfTradeOf(identifiers: Readonly<Record<string, unknown>>): SelfTradeSettings {
  const behavior = selfTradeBehaviorSchema.safeParse(identifiers[SELF_TRADE_KEYS.behavior]);
  const equality = selfTradeEqualitySchema.safeParse(identifiers[SELF_TRADE_KEYS.equality]);
  return { behavior: behavior.success ? behavior.data : DEFAULT_SELF_TRADE.behavior, equality: equality.success ? equality.data : DEFAULT_SELF_TRADE.equality };
}

/** The Lighter wire values: attribute 6 (behaviour 0–3) and 7 (equality 0–1). */
export function selfTradeWireModes(s: SelfTradeSettings): { selfTradeBehaviorMode: 0 | 1 | 2 | 3; selfTradeEqualityMode: 0 | 1 } {
  return {
    selfTradeBehaviorMode: SELF_TRADE_BEHAVIORS.indexOf(s.behavior) as 0 | 1 | 2 | 3,
    selfTradeEqualityMode: SELF_TRADE_EQUALITIES.indexOf(s.equality) as 0 | 1,
  };
}
