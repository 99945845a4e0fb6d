import { describe, expect, it } from 'vitest';
import { selfTradeOf, selfTradeWireModes } from '../../../../../shared/schemas/self-trade';
import type { LighterOrderFields } from './lighter-signer';
import { PaperSigner } from './paper-signer';
import { LighterTxValidationError } from './signer-errors';

const NOW = 1_767_225_600_000;
const ORDER: LighterOrderFields = {
  marketIndex: 0,
  clientOrderIndex: 7,
  baseAmount: 100,
  price: 300_000,
  isAsk: false,
  orderType: 0,
  timeInForce: 1,
  reduceOnly: false,
  triggerPrice: 0,
  orderExpiry: NOW + 86_400_000,
};
const signer = new PaperSigner({ mode: 'paper', accountIndex: 1000, apiKeyIndex: 4 }, { now: () => NOW, sleep: () => Promise.resolve() });
const attributesOf = async (order: LighterOrderFields) => (JSON.parse((await signer.signCreateOrder(order, 0)).txInfo) as { L2TxAttributes: unknown }).L2TxAttributes;

describe('self-trade settings on a CreateOrder', () => {
  it('the account settings map to Lighter’s wire values (attribute 6 behaviour 0–3, attribute 7 equality 0–1)', () => {
    expect(selfTradeWireModes(selfTradeOf({}))).toEqual({ selfTradeBehaviorMode: 0, selfTradeEqualityMode: 0 });
    expect(selfTradeWireModes(selfTradeOf({ selfTradeBehavior: 'reduce', selfTradeEquality: 'same-account' }))).toEqual({ selfTradeBehaviorMode: 3, selfTradeEqualityMode: 0 });
    expect(selfTradeWireModes(selfTradeOf({ selfTradeBehavior: 'cancel-both', selfTradeEquality: 'same-master' }))).toEqual({ selfTradeBehaviorMode: 2, selfTradeEqualityMode: 1 });
    expect(selfTradeOf({ selfTradeBehavior: 'bogus' })).toEqual({ behavior: 'expire-maker', equality: 'same-account' });
  });

  it('the paper signer puts non-default values in L2TxAttributes as lighter-go does, and refuses reduce + same master', async () => {
    expect(await attributesOf(ORDER)).toBeNull();
    expect(await attributesOf({ ...ORDER, selfTradeBehaviorMode: 0, selfTradeEqualityMode: 0 })).toBeNull();
    expect(await attributesOf({ ...ORDER, selfTradeBehaviorMode: 1 })).toEqual({ '6': 1 });
    expect(await attributesOf({ ...ORDER, selfTradeBehaviorMode: 2, selfTradeEqualityMode: 1 })).toEqual({ '6': 2, '7': 1 });
    await expect(signer.signCreateOrder({ ...ORDER, selfTradeBehaviorMode: 3, selfTradeEqualityMode: 1 }, 0)).rejects.toBeInstanceOf(LighterTxValidationError);
  });
});
