import type { Order, Position, Venue } from '../venues/venue';
import { ReconcileError } from './engine-errors';

/** What one account held and had open when it was reconciled. */
export interface AccountReconciliation {
  accountId: string;
  positions: Position[];
  openOrders: Order[];
}

/**
 * Reads every account's positions and open orders from its venue (REST)
 * before a run trades. All accounts are read; the first failure aborts with
 * a ReconcileError naming the account — a missing or malformed position
 * report is never taken as "flat".
 * @throws ReconcileError
 */
export async function reconcileAccounts(accounts: readonly { accountId: string; label: string; venue: Venue }[]): Promise<Map<string, AccountReconciliation>> {
  const results = await Promise.allSettled(
    accounts.map(async ({ accountId, label, venue }) => {
      const what = `account "${label}" (${accountId})`;
      let positions: Position[];
      let openOrders: Order[];
      try {
        positions = await venue.positions();
      } catch (err) {
        throw new ReconcileError(accountId, `could not read the positions of ${what}: ${(err as Error).message}. The run did not start: a missing position report is not "flat".`, { cause: err });
      }
      if (!Array.isArray(positions)) throw new ReconcileError(accountId, `the venue sent no position list for ${what}; the run did not start.`);
      try {
        openOrders = await venue.openOrders();
      } catch (err) {
        throw new ReconcileError(accountId, `could not read the open orders of ${what}: ${(err as Error).message}. The run did not start.`, { cause: err });
      }
      return { accountId, positions, openOrders };
    }),
  );
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return new Map(results.map((r) => [(r as PromiseFulfilledResult<AccountReconciliation>).value.accountId, (r as PromiseFulfilledResult<AccountReconciliation>).value]));
}
