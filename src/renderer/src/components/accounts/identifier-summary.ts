import type { Account } from '../../../../shared/schemas/account';
import { VENUE_FIELDS } from '../../../../shared/schemas/venues';

/** Long values (addresses, keys) shortened to their first 6 and last 4 characters, e.g. `0x1234…abcd`. */
export function shorten(value: string): string {
  return value.length <= 14 ? value : `${value.slice(0, 6)}…${value.slice(-4)}`;
}

/** The identifiers an account has, in its venue's field order, as `[key, full value]` pairs. */
export function presentIdentifiers(account: Account): [string, string][] {
  return VENUE_FIELDS[account.venue].identifiers.flatMap((f) => {
    const value = account.identifiers[f.key];
    return value === undefined ? [] : [[f.key, String(value)] as [string, string]];
  });
}
