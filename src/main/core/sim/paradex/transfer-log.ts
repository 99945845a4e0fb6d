import type Decimal from 'decimal.js';
import { createHash } from 'node:crypto';

/**
 * One collateral movement of an account, as Paradex's `GET /v1/transfers` lists it
 * (fields of ccxt's recorded fetchDeposits response, paradex.md §6): the sim's
 * deposits are the starting collateral and admin deposits; negative admin
 * adjustments are `WITHDRAWAL`s. Times are Unix ms numbers as in ccxt's
 * fetchDeposits doc sample (the recorded response has numeric strings).
 */
export interface TransferJson {
  id: string;
  account: string;
  kind: 'DEPOSIT' | 'WITHDRAWAL';
  status: 'COMPLETED';
  amount: string;
  token: 'USDC';
  created_at: number;
  last_updated_at: number;
  txn_hash: string;
  external_txn_hash: string;
  socialized_loss_factor: string;
}

/** Collateral movements per account address, oldest first. */
export class TransferLog {
  private readonly byAccount = new Map<string, TransferJson[]>();
  private seq = 0;

  /** Records a deposit (amount > 0) or withdrawal (amount < 0) of `amount` USDC at `now` (Unix ms); zero is ignored. */
  record(address: string, amount: Decimal, now: number): void {
    if (amount.isZero()) return;
    this.seq++;
    const id = `${now}${String(this.seq).padStart(10, '0')}`;
    const list = this.byAccount.get(address) ?? [];
    list.push({
      id,
      account: address,
      kind: amount.isPos() ? 'DEPOSIT' : 'WITHDRAWAL',
      status: 'COMPLETED',
      amount: amount.abs().toFixed(),
      token: 'USDC',
      created_at: now,
      last_updated_at: now,
      txn_hash: `0x${createHash('sha256').update(`transfer:${id}`).digest('hex').slice(0, 63)}`,
      external_txn_hash: '',
      socialized_loss_factor: '',
    });
    this.byAccount.set(address, list);
  }

  /** The account's transfers, newest first. */
  of(address: string): TransferJson[] {
    return [...(this.byAccount.get(address) ?? [])].reverse();
  }
}
