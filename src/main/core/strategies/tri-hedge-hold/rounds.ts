/**
 * The coin list after `shifts` rotations to the right by one:
 * [a, b, c, d] → [d, a, b, c] → [c, d, a, b] …
 */
export function rotateRight<T>(list: readonly T[], shifts: number): T[] {
  const n = list.length;
  if (n === 0) return [];
  const k = ((shifts % n) + n) % n;
  return [...list.slice(n - k), ...list.slice(0, n - k)];
}

/**
 * Each account's symbol in a round: account i (A = 0, B = 1, C = 2) gets
 * entry i of the list rotated `shifts` times, wrapping. An account whose
 * symbol an earlier account already has (a list shorter than the accounts)
 * gets null: it only hedges this round, so one account never holds the
 * long and a hedge short of the same market.
 */
export function assignRound(list: readonly string[], shifts: number, accounts: number): (string | null)[] {
  const rotated = rotateRight(list, shifts);
  const taken = new Set<string>();
  return Array.from({ length: accounts }, (_, i) => {
    const symbol = rotated[i % rotated.length];
    if (symbol === undefined || taken.has(symbol)) return null;
    taken.add(symbol);
    return symbol;
  });
}

/**
 * Rounds in one pass over the whole list (`run_once`): each round brings one
 * new symbol in, so every symbol has been traded after max(1, n − accounts + 1)
 * rounds.
 */
export function roundsPerPass(symbols: number, accounts: number): number {
  return Math.max(1, symbols - accounts + 1);
}
