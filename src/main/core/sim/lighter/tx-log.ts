import { EventEmitter } from 'node:events';

/**
 * Lighter transaction status codes (lighter-ts-sdk / lighter-python `TX_STATUS_*`):
 * 0 pending, 1 queued, 2 committed, 3 executed, 4 failed, 5 rejected.
 */
export const TX_STATUS = { queued: 1, executed: 3 } as const;

/** One accepted transaction, as `GET /api/v1/tx` and the `account_tx` channel report it. */
export interface TxRecord {
  /** The sim's tx hash (sha256 hex of the tx_info as sent). */
  hash: string;
  txType: number;
  /** The tx_info JSON string as sent (WS sendtx objects re-encoded). */
  info: string;
  accountIndex: number;
  apiKeyIndex: number;
  l1Address: string;
  nonce: number;
  /** The tx's `ExpiredAt`, Unix ms. */
  expireAt: number;
  /** 1 queued, then 3 executed ({@link TX_STATUS}). */
  status: number;
  /** Unix ms the sim accepted it. */
  queuedAt: number;
  /** Unix ms it executed (0 while queued). */
  executedAt: number;
  /** Block it executed in (0 while queued). */
  blockHeight: number;
  /** Increasing over every accepted tx (Lighter's `sequence_index`). */
  sequenceIndex: number;
}

/** Transactions kept for lookups. */
const KEPT = 10_000;

/**
 * The simulator's record of accepted transactions: what `GET /api/v1/tx`
 * (`by=hash` or `by=sequence_index`) answers and what the `account_tx` and
 * `height` WebSocket channels push. Emits `executed` with the record once its
 * block ran. Keeps the latest {@link KEPT}.
 */
export class TxLog extends EventEmitter<{ executed: [TxRecord] }> {
  private readonly byHash = new Map<string, TxRecord>();
  private nextSequence = 1;

  /** Records an accepted tx as queued; returns the record. */
  queued(rec: Omit<TxRecord, 'status' | 'executedAt' | 'blockHeight' | 'sequenceIndex'>): TxRecord {
    const full: TxRecord = { ...rec, status: TX_STATUS.queued, executedAt: 0, blockHeight: 0, sequenceIndex: this.nextSequence++ };
    this.byHash.set(full.hash, full);
    if (this.byHash.size > KEPT) this.byHash.delete(this.byHash.keys().next().value!);
    return full;
  }

  /** Marks a queued tx executed in `blockHeight` at `now` (Unix ms) and emits `executed`. */
  executed(hash: string, blockHeight: number, now: number): void {
    const rec = this.byHash.get(hash);
    if (!rec) return;
    rec.status = TX_STATUS.executed;
    rec.blockHeight = blockHeight;
    rec.executedAt = now;
    this.emit('executed', { ...rec });
  }

  /** A tx by hash (case-insensitive, optional 0x), or undefined. */
  byTxHash(hash: string): TxRecord | undefined {
    return this.byHash.get(hash.toLowerCase().replace(/^0x/, ''));
  }

  /** A tx by sequence index, or undefined. */
  bySequenceIndex(index: number): TxRecord | undefined {
    for (const rec of this.byHash.values()) if (rec.sequenceIndex === index) return rec;
    return undefined;
  }

  /** The account's kept txs, newest first, at most `limit`. */
  ofAccount(accountIndex: number, limit: number): TxRecord[] {
    return [...this.byHash.values()].filter((r) => r.accountIndex === accountIndex).reverse().slice(0, limit);
  }
}

/**
 * A tx as Lighter's Transaction JSON (apidocs websocket-reference "Transaction JSON";
 * lighter-python `EnrichedTx`): times in Unix ms, `transaction_time` µs. The sim
 * produces no `event_info` (always `"{}"`), `parent_hash` is empty, and a tx is never
 * committed or verified on L1 (`committed_at` / `verified_at` 0).
 */
export function txJson(rec: TxRecord): Record<string, unknown> {
  return {
    hash: rec.hash,
    type: rec.txType,
    info: rec.info,
    event_info: '{}',
    status: rec.status,
    transaction_index: rec.sequenceIndex,
    l1_address: rec.l1Address,
    account_index: rec.accountIndex,
    nonce: rec.nonce,
    expire_at: rec.expireAt,
    block_height: rec.blockHeight,
    queued_at: rec.queuedAt,
    executed_at: rec.executedAt,
    sequence_index: rec.sequenceIndex,
    parent_hash: '',
    api_key_index: rec.apiKeyIndex,
    transaction_time: rec.queuedAt * 1000,
    committed_at: 0,
    verified_at: 0,
  };
}
