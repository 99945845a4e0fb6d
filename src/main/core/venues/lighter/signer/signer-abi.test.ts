import { describe, expect, it } from 'vitest';
import type { LighterOrderFields } from './lighter-signer';
import {
  cancelAllOrdersArgs,
  cancelOrderArgs,
  createAuthTokenArgs,
  createClientArgs,
  createOrderArgs,
  DEFAULT_ORDER_EXPIRY_MS,
  describeSignature,
  modifyOrderArgs,
  NEWER_ONLY_C_EXPORTS,
  PINNED_C_EXPORTS,
  PINNED_SIGNER_ARGS,
  PINNED_SIGNER_BUILD,
} from './signer-abi';
import { LighterTxValidationError } from './signer-errors';
import { namedArgs as named, NIL_ORDER_ATTRIBUTE_ARGS } from './test-helpers';

const order: LighterOrderFields = {
  marketIndex: 35,
  clientOrderIndex: 489057754,
  baseAmount: 1000,
  price: 40000,
  isAsk: true,
  orderType: 0,
  timeInForce: 1,
  reduceOnly: true,
  triggerPrice: 0,
  orderExpiry: 1774594326601,
};

describe('pinned signer ABI (lighter-go @ 17f2d60)', () => {
  it('records the argument counts of lighter.md §5.2 and a version label', () => {
    expect(Object.fromEntries(Object.entries(PINNED_SIGNER_ARGS).map(([k, v]) => [k, v.length]))).toEqual({
      CreateClient: 5,
      CreateAuthToken: 3,
      SignCreateOrder: 19,
      SignCancelOrder: 6,
      SignCancelAllOrders: 7,
      SignModifyOrder: 14,
    });
    expect(PINNED_SIGNER_BUILD.label).toBe('lighter-go @ 17f2d60 (June 2026)');
    expect(PINNED_SIGNER_BUILD.commit.startsWith(PINNED_SIGNER_BUILD.shortCommit)).toBe(true);
    for (const fn of ['SignCreateOrder', 'SignCancelOrder', 'SignCancelAllOrders', 'SignModifyOrder']) {
      expect(PINNED_SIGNER_ARGS[fn as keyof typeof PINNED_SIGNER_ARGS].slice(-3)).toEqual(['nonce', 'apiKeyIndex', 'accountIndex']);
    }
  });

  it('knows the pinned C exports and the newer-only ones, disjoint', () => {
    expect(PINNED_C_EXPORTS).toEqual(expect.arrayContaining(['SignApproveIntegrator', 'SignUpdateAccountConfig', 'SignUpdateAccountAssetConfig', 'SignStakeAssets', 'Free']));
    expect(NEWER_ONLY_C_EXPORTS).toEqual(['SignCreateOrdersBatch', 'PrepareSignerNonces', 'FastEnableStackBoundCache']);
    expect(PINNED_C_EXPORTS.filter((e) => NEWER_ONLY_C_EXPORTS.includes(e))).toEqual([]);
  });

  it('maps the order fields to the 19 SignCreateOrder args with no integrator, default self-trade mode and no skip-nonce', () => {
    expect(named('SignCreateOrder', createOrderArgs(order, 7, 5, 715085, 0))).toEqual({
      marketIndex: 35,
      clientOrderIndex: 489057754,
      baseAmount: 1000,
      price: 40000,
      isAsk: 1,
      orderType: 0,
      timeInForce: 1,
      reduceOnly: 1,
      triggerPrice: 0,
      orderExpiry: 1774594326601,
      ...NIL_ORDER_ATTRIBUTE_ARGS,
      nonce: 7,
      apiKeyIndex: 5,
      accountIndex: 715085,
    });
  });

  it('resolves orderExpiry −1 to now + 28 days from the given clock time', () => {
    const args = named('SignCreateOrder', createOrderArgs({ ...order, orderExpiry: -1 }, 1, 5, 9, 1_700_000_000_000));
    expect(args.orderExpiry).toBe(1_700_000_000_000 + DEFAULT_ORDER_EXPIRY_MS);
    expect(DEFAULT_ORDER_EXPIRY_MS).toBe(2_419_200_000);
  });

  it('maps cancel, cancel-all (all markets: 255) and modify', () => {
    expect(named('SignCancelOrder', cancelOrderArgs(3, 281474976710656, 9, 4, 12))).toEqual({
      marketIndex: 3,
      orderIndex: 281474976710656,
      skipNonce: 0,
      nonce: 9,
      apiKeyIndex: 4,
      accountIndex: 12,
    });
    expect(named('SignCancelAllOrders', cancelAllOrdersArgs(1, 1_700_000_300_000, 10, 4, 12))).toEqual({
      timeInForce: 1,
      time: 1_700_000_300_000,
      cancelAllMarketIndex: 255,
      skipNonce: 0,
      nonce: 10,
      apiKeyIndex: 4,
      accountIndex: 12,
    });
    expect(named('SignModifyOrder', modifyOrderArgs(3, 77, 500, 41000, 0, 11, 4, 12))).toMatchObject({
      marketIndex: 3,
      index: 77,
      baseAmount: 500,
      price: 41000,
      triggerPrice: 0,
      integratorAccountIndex: 0,
      skipNonce: 0,
      nonce: 11,
    });
    expect(named('CreateAuthToken', createAuthTokenArgs(1_700_003_600, 4, 12, 0))).toEqual({ deadline: 1_700_003_600, apiKeyIndex: 4, accountIndex: 12 });
    expect(named('CreateAuthToken', createAuthTokenArgs(0, 4, 12, 1_700_000_000_500))).toMatchObject({ deadline: 1_700_000_000 + 7 * 3600 });
  });

  it('creates the client without a URL (no HTTP in the signer)', () => {
    expect(named('CreateClient', createClientArgs({ privateKey: '0xabc', chainId: 300, apiKeyIndex: 4, accountIndex: 12 }))).toEqual({
      url: '',
      privateKey: '0xabc',
      chainId: 300,
      apiKeyIndex: 4,
      accountIndex: 12,
    });
  });

  it('never passes nonce −1 (fetch) or non-integers', () => {
    expect(() => createOrderArgs(order, -1, 5, 9, 0)).toThrow(LighterTxValidationError);
    expect(() => cancelOrderArgs(1, 2, 1.5, 5, 9)).toThrow(/Nonce must be an explicit integer/);
    expect(() => createOrderArgs({ ...order, price: 40000.5 }, 1, 5, 9, 0)).toThrow(/Price must be an integer/);
    expect(() => modifyOrderArgs(1, 2 ** 53, 1, 1, 0, 1, 5, 9)).toThrow(/Index must be an integer below 2\^53/);
  });

  it('describes a signature for messages', () => {
    expect(describeSignature('SignCancelOrder', PINNED_SIGNER_ARGS.SignCancelOrder)).toBe(
      'SignCancelOrder(6 args: marketIndex, orderIndex, skipNonce, nonce, apiKeyIndex, accountIndex)',
    );
  });
});
