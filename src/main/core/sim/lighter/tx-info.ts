import { z } from 'zod';
import {
  cancelAllOrdersTxInfoSchema,
  cancelOrderTxInfoSchema,
  createOrderTxInfoSchema,
  modifyOrderTxInfoSchema,
  type CancelAllOrdersTxInfo,
  type CancelOrderTxInfo,
  type CreateOrderTxInfo,
  type ModifyOrderTxInfo,
} from '../../venues/lighter/wire';
import { SELF_TRADE_BEHAVIORS, SELF_TRADE_EQUALITIES, type SelfTradePolicy } from '../engine/self-trade';
import { MAX_ACCOUNT_INDEX, MAX_API_KEY_INDEX } from './account-registry';
import { LighterError } from './lighter-error';

const MAX_48 = 2 ** 48 - 1;
const MAX_32 = 2 ** 32 - 1;
const MAX_ORDER_INDEX = Number.MAX_SAFE_INTEGER;

const int = z.number().int();

/** UpdateLeverage tx_info (tx type 20, lighter.md §3.5); the other tx_info schemas are the client's (venues/lighter/wire.ts). */
const updateLeverageSchema = z.object({
  AccountIndex: int,
  ApiKeyIndex: int,
  MarketIndex: int,
  InitialMarginFraction: int,
  MarginMode: int,
  ExpiredAt: int,
  Nonce: int,
  Sig: z.string(),
  L2TxAttributes: z.record(z.string(), int).nullable().optional(),
});

/**
 * ChangePubKey tx_info (tx type 8; lighter-go v1.0.7 types/txtypes/change_pub_key.go
 * `L2ChangePubKeyTxInfo`): `PubKey` is the new 40-byte API public key, base64 as Go
 * encodes `[]byte`; `L1Sig` the Ethereum signature over the L1 message (not verified).
 */
const changePubKeySchema = z.object({
  AccountIndex: int,
  ApiKeyIndex: int,
  PubKey: z.string(),
  L1Sig: z.string(),
  ExpiredAt: int,
  Nonce: int,
  Sig: z.string(),
  L2TxAttributes: z.record(z.string(), int).nullable().optional(),
});

/** ChangePubKey tx_info (tx type 8). */
export type ChangePubKeyInfo = z.infer<typeof changePubKeySchema>;

/** CreateOrder tx_info (Go field names, lighter.md §3.2). */
export type CreateOrderInfo = CreateOrderTxInfo;
/** CancelOrder tx_info (§3.5). */
export type CancelOrderInfo = CancelOrderTxInfo;
/** CancelAllOrders tx_info (§3.5). */
export type CancelAllInfo = CancelAllOrdersTxInfo;
/** ModifyOrder tx_info (§3.5). */
export type ModifyOrderInfo = ModifyOrderTxInfo;
/** UpdateLeverage tx_info (§3.5). */
export type UpdateLeverageInfo = z.infer<typeof updateLeverageSchema>;

/** A structurally valid transaction. */
export type ParsedTx =
  | { type: 8; info: ChangePubKeyInfo }
  | { type: 14; info: CreateOrderInfo }
  | { type: 15; info: CancelOrderInfo }
  | { type: 16; info: CancelAllInfo }
  | { type: 17; info: ModifyOrderInfo }
  | { type: 20; info: UpdateLeverageInfo };

/** Fields every parsed tx has. */
export type CommonTxInfo = ParsedTx['info'];

/** Schemas of the tx types the simulator executes: ChangePubKey, CreateOrder, CancelOrder, CancelAllOrders, ModifyOrder, UpdateLeverage (lighter.md §3.1). */
const SCHEMAS: Record<number, z.ZodType> = {
  8: changePubKeySchema,
  14: createOrderTxInfoSchema,
  15: cancelOrderTxInfoSchema,
  16: cancelAllOrdersTxInfoSchema,
  17: modifyOrderTxInfoSchema,
  20: updateLeverageSchema,
};

function check(ok: boolean, code: number): void {
  if (!ok) throw new LighterError(code);
}

function isPerp(market: number): boolean {
  return market >= 0 && market <= 254;
}

function isMarket(market: number): boolean {
  return isPerp(market) || (market >= 2048 && market <= 4094);
}

/** Attribute `key` of a tx (lighter.md §3.6), 0 when absent. */
export function txAttribute(info: CommonTxInfo, key: number): number {
  return info.L2TxAttributes?.[String(key)] ?? 0;
}

function validateCommon(info: CommonTxInfo): void {
  check(info.AccountIndex >= 0 && info.AccountIndex <= MAX_ACCOUNT_INDEX, 21102);
  check(info.ApiKeyIndex >= 0 && info.ApiKeyIndex <= MAX_API_KEY_INDEX, 21110);
  check(info.Nonce >= 0, 21104);
  check(info.ExpiredAt >= 0 && info.ExpiredAt <= MAX_48, 21711);
  check(info.Sig.length > 0 && info.Sig.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(info.Sig), 21120);
  for (const [key, value] of Object.entries(info.L2TxAttributes ?? {})) {
    const ranges: Record<string, [number, number]> = { '1': [0, MAX_ACCOUNT_INDEX], '2': [0, 1_000_000], '3': [0, 1_000_000], '4': [0, 1], '5': [0, 255], '6': [0, 3], '7': [0, 1] };
    const range = ranges[key];
    if (!range || value < range[0] || value > range[1]) throw new LighterError(21501, `L2TxAttributes["${key}"]`);
  }
  // lighter-go v1.0.7 L2TxAttributes.Validate(): no self-trade settings together with
  // integrator fees, and no "reduce" behaviour with "same master account" equality.
  const selfTradeSet = txAttribute(info, 6) !== 0 || txAttribute(info, 7) !== 0;
  if (selfTradeSet && (txAttribute(info, 2) !== 0 || txAttribute(info, 3) !== 0)) {
    throw new LighterError(21501, "Self-trade specification isn't allowed with integrator fees");
  }
  if (txAttribute(info, 6) === 3 && txAttribute(info, 7) === 1) {
    throw new LighterError(21501, "Reduce self-trade behavior mode isn't allowed with master account index equality mode");
  }
}

/**
 * The self-trade policy of an order tx: attribute 6 (behaviour: 0 expire maker,
 * 1 expire taker, 2 cancel both, 3 reduce) and 7 (equality: 0 same account index,
 * 1 same master account), absent = 0 (lighter-go v1.0.7 constants.go, lighter.md §3.6).
 */
export function selfTradePolicyOf(info: CommonTxInfo): SelfTradePolicy {
  return { behavior: SELF_TRADE_BEHAVIORS[txAttribute(info, 6)]!, equality: SELF_TRADE_EQUALITIES[txAttribute(info, 7)]! };
}

/** Bytes of an API public key (lighter-go `IsValidPubKeyLength`: 40). */
const PUB_KEY_BYTES = 40;

function validateCreateOrder(o: CreateOrderInfo): void {
  check(isMarket(o.MarketIndex), 21602);
  check(o.ClientOrderIndex === 0 || (o.ClientOrderIndex >= 1 && o.ClientOrderIndex <= MAX_48), 21727);
  check(o.BaseAmount >= 1 && o.BaseAmount <= MAX_48, 21701);
  check(o.Price >= 1 && o.Price <= MAX_32, 21702);
  check(o.IsAsk === 0 || o.IsAsk === 1, 21703);
  check(o.TimeInForce >= 0 && o.TimeInForce <= 2, 21705);
  check(o.ReduceOnly === 0 || o.ReduceOnly === 1, 21740);
  check(o.OrderExpiry >= 0, 21711);
  check(o.TriggerPrice >= 0 && o.TriggerPrice <= MAX_32, 21729);
  if (o.Type === 1) {
    check(o.TimeInForce === 0, 21705);
    check(o.OrderExpiry === 0, 21711);
    check(o.TriggerPrice === 0, 21729);
  } else if (o.Type === 0) {
    check(o.TriggerPrice === 0, 21729);
    check(o.TimeInForce === 0 ? o.OrderExpiry === 0 : o.OrderExpiry !== 0, 21711);
  } else if (o.Type >= 2 && o.Type <= 6) {
    // Stop-loss, take-profit and TWAP orders are valid on Lighter but not simulated.
    throw new LighterError(21710);
  } else {
    throw new LighterError(21704);
  }
}

function validateType(tx: ParsedTx): void {
  switch (tx.type) {
    case 8:
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(tx.info.PubKey) || Buffer.from(tx.info.PubKey, 'base64').length !== PUB_KEY_BYTES) {
        throw new LighterError(21501, `PubKey must be ${PUB_KEY_BYTES} bytes, base64`);
      }
      return;
    case 14:
      return validateCreateOrder(tx.info);
    case 15:
      check(isMarket(tx.info.MarketIndex), 21602);
      check(tx.info.Index >= 1 && tx.info.Index <= MAX_ORDER_INDEX, 21700);
      return;
    case 16:
      check(tx.info.TimeInForce >= 0 && tx.info.TimeInForce <= 2, 21713);
      check(tx.info.TimeInForce === 1 ? tx.info.Time > 0 : tx.info.Time === 0, 21714);
      check(tx.info.TimeInForce === 0 || tx.info.L2TxAttributes?.['5'] === undefined, 21713);
      return;
    case 17:
      check(isMarket(tx.info.MarketIndex), 21602);
      check(tx.info.Index >= 1 && tx.info.Index <= MAX_ORDER_INDEX, 21700);
      check(tx.info.BaseAmount >= 1 && tx.info.BaseAmount <= MAX_48, 21701);
      check(tx.info.Price >= 1 && tx.info.Price <= MAX_32, 21702);
      check(tx.info.TriggerPrice === 0, 21729);
      return;
    case 20:
      check(isPerp(tx.info.MarketIndex), 21602);
      check(tx.info.InitialMarginFraction >= 1 && tx.info.InitialMarginFraction <= 10_000, 21113);
      check(tx.info.MarginMode === 0 || tx.info.MarginMode === 1, 21613);
  }
}

/**
 * Parses and structurally validates a transaction the way Lighter's
 * validators do (lighter-go `Validate()`, lighter.md §3): every field of the
 * type must be present with an integer (Sig: non-empty base64) value, and in
 * range. `txInfo` is the JSON string of REST sendTx, or the decoded object of
 * WS jsonapi/sendtx. The signature itself cannot be verified.
 * @throws LighterError 21505 unsupported tx type, 21501 malformed/missing field
 *   (detail names it), or the range error of the first bad field (21102,
 *   21110, 21104, 21711, 21120, 21602, 21727, 21701–21705, 21710, 21729,
 *   21740, 21700, 21713, 21714, 21113, 21613; 21501 for a bad PubKey or a
 *   self-trade attribute combination lighter-go refuses).
 */
export function parseTx(txType: number, txInfo: unknown): ParsedTx {
  const schema = SCHEMAS[txType];
  if (!schema) throw new LighterError(21505);
  let raw = txInfo;
  if (typeof txInfo === 'string') {
    try {
      raw = JSON.parse(txInfo);
    } catch {
      throw new LighterError(21501, 'tx_info is not JSON');
    }
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new LighterError(21501, `${issue.path.join('.') || 'tx_info'}: ${issue.message}`);
  }
  const tx = { type: txType, info: r.data } as ParsedTx;
  validateCommon(tx.info);
  validateType(tx);
  return tx;
}
