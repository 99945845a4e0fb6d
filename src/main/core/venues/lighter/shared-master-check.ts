import type { Account } from '../../../../shared/schemas/account';
import { selfTradeOf } from '../../../../shared/schemas/self-trade';

/**
 * Warnings for a multi-account run whose Lighter accounts may cancel each
 * other's orders as self-trades: an account whose self-trade equality is
 * "same master account" (shared/schemas/self-trade.ts) treats every account
 * under its master as itself, so a hedge between two sub-accounts of one
 * master is cancelled instead of filled (lighter.md §3.6). Accounts known to
 * share a master are those with the same L1 address (a master and its
 * sub-accounts share it, lighter.md §1.4); when an account has no L1 address
 * this cannot be told from the identifiers, and the warning says so. Empty for
 * runs with fewer than two Lighter accounts or without "same master" accounts.
 */
export function sharedMasterWarnings(accounts: readonly Account[]): string[] {
  const lighter = accounts.filter((a) => a.venue === 'lighter');
  if (lighter.length < 2) return [];
  const l1Of = (a: Account) => (typeof a.identifiers.l1Address === 'string' ? a.identifiers.l1Address.toLowerCase() : null);
  const warnings: string[] = [];
  for (const account of lighter) {
    if (selfTradeOf(account.identifiers).equality !== 'same-master') continue;
    const l1 = l1Of(account);
    const others = lighter.filter((o) => o !== account);
    const sharing = l1 === null ? [] : others.filter((o) => l1Of(o) === l1);
    if (sharing.length > 0) {
      warnings.push(
        `Lighter account "${account.label}" uses self-trade equality "same master account" and shares its master (L1 ${String(account.identifiers.l1Address)}) with ${sharing.map((o) => `"${o.label}"`).join(', ')} in this run: orders between them are cancelled as self-trades instead of filling. Set its equality to "same account" to let the hedges trade.`,
      );
    } else if (l1 === null || others.some((o) => l1Of(o) === null)) {
      warnings.push(
        `Lighter account "${account.label}" uses self-trade equality "same master account"; whether it shares a master with the other Lighter accounts of this run cannot be told from their identifiers (give each its L1 address). If it does, their orders against each other are cancelled as self-trades.`,
      );
    }
  }
  return warnings;
}
