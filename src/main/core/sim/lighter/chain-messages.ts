import type { SimAccount } from './account-registry';
import type { LighterExchange } from './lighter-exchange';
import { txJson, type TxRecord } from './tx-log';
import type { Phase } from './ws-messages';

/** Transactions in an `account_tx` subscription snapshot. */
const SNAPSHOT_TXS = 50;

/**
 * `height` channel: `{"channel":"height","height":N,"timestamp":<ms>,"type":"<phase>/height"}`
 * (the shape nautilus_trader's Lighter adapter records, test_data/ws_height_update.json);
 * an update per executed block.
 */
export function heightMessage(venue: LighterExchange, phase: Phase) {
  return { channel: 'height', height: venue.blockHeight(), timestamp: venue.clock.now(), type: `${phase}/height` };
}

/**
 * `account_tx/{account}` (auth): `{"account":a,"channel":"account_tx:a","txs":[Transaction…],"type":…}` —
 * the account's transactions in Lighter's Transaction JSON (apidocs websocket-reference), the
 * snapshot newest first, then one update per executed transaction (status 3 executed).
 */
export function accountTxMessage(account: SimAccount, txs: readonly TxRecord[], phase: Phase) {
  return { account: account.index, channel: `account_tx:${account.index}`, txs: txs.map(txJson), type: `${phase}/account_tx` };
}

/** The snapshot transactions of `account_tx`. */
export function accountTxSnapshot(venue: LighterExchange, account: SimAccount) {
  return accountTxMessage(account, venue.txLog.ofAccount(account.index, SNAPSHOT_TXS), 'subscribed');
}

/**
 * `account_all_assets/{account}` (auth): `{"assets":{"<asset_id>":{symbol,asset_id,balance,locked_balance}},
 * "channel":"account_all_assets:a","timestamp":<ms>,"type":…}` (ccxt pro's recorded sample). The sim
 * has no spot assets (the account's `assets` are empty too), so `assets` is `{}`; only the
 * subscription snapshot is sent.
 */
export function accountAllAssetsMessage(venue: LighterExchange, account: SimAccount, phase: Phase) {
  return { assets: {}, channel: `account_all_assets:${account.index}`, timestamp: venue.clock.now(), type: `${phase}/account_all_assets` };
}
