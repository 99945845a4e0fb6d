import { describe, expect, it } from 'vitest';
import type { LighterOrderFields } from './lighter-signer';
import {
  cancelAllOrdersValues,
  cancelOrderValues,
  createAuthTokenArgs,
  createClientArgs,
  createOrderValues,
  DEFAULT_ORDER_EXPIRY_MS,
  modifyOrderValues,
  positionalArgs,
} from './signer-abi';
import { LighterTxValidationError } from './signer-errors';
import { describeLayout, describeSignature, layoutById, SIGN_FUNCTIONS, SIGNER_LAYOUTS } from './signer-layouts';

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

describe('signer layouts (lighter.md §5.2 table, December 2026 update)', () => {
  it('records the argument counts of each known layout, newest first, and only v1.0.7+ may sign live', () => {
    expect(SIGNER_LAYOUTS.map((l) => [l.id, describeLayout(l), l.live])).toEqual([
      ['v1.0.9', 'v1.0.9 layout (create 19, cancel 6, cancel-all 7, modify 15)', true],
      ['v1.0.7', 'v1.0.7 layout (create 19, cancel 6, cancel-all 7, modify 14)', true],
      ['v1.0.6', 'v1.0.6 layout (create 17, cancel 6, cancel-all 6, modify 12)', false],
      ['v1.0.3', 'v1.0.3 layout (create 16, cancel 5, cancel-all 5, modify 11)', false],
      ['v1.0.2', 'v1.0.2 layout (create 13, cancel 5, cancel-all 5, modify 8)', false],
    ]);
    for (const layout of SIGNER_LAYOUTS) {
      for (const fn of SIGN_FUNCTIONS) {
        const f = layout.functions[fn];
        expect(f.names.slice(-2)).toEqual(['apiKeyIndex', 'accountIndex']);
        expect(f.cTypes).toHaveLength(f.names.length);
        expect(new Set(f.names).size).toBe(f.names.length);
      }
    }
  });

  it('puts the v1.0.9 order version right after the nonce, as lighter-python binds SignModifyOrder', () => {
    expect(layoutById('v1.0.9').functions.SignModifyOrder.names.slice(-4)).toEqual(['nonce', 'orderVersion', 'apiKeyIndex', 'accountIndex']);
    expect(layoutById('v1.0.9').functions.SignModifyOrder.cTypes.slice(-4)).toEqual(['int64_t', 'int64_t', 'int', 'int64_t']);
  });
});

describe('signing values by argument name', () => {
  const v107 = layoutById('v1.0.7').functions;
  const v102 = layoutById('v1.0.2').functions;

  it('fills SignCreateOrder in the layout order, optional arguments at their nil values, self-trade modes from the order', () => {
    expect(positionalArgs('SignCreateOrder', v107.SignCreateOrder.names, createOrderValues(order, 7, 5, 715085, 0), 'x')).toEqual([
      35, 489057754, 1000, 40000, 1, 0, 1, 1, 0, 1774594326601, 0, 0, 0, 0, 0, 0, 7, 5, 715085,
    ]);
    const stp = createOrderValues({ ...order, selfTradeBehaviorMode: 1, selfTradeEqualityMode: 1 }, 7, 5, 715085, 0);
    expect(positionalArgs('SignCreateOrder', v107.SignCreateOrder.names, stp, 'x').slice(13, 15)).toEqual([1, 1]);
    expect(positionalArgs('SignCreateOrder', v102.SignCreateOrder.names, createOrderValues(order, 7, 5, 715085, 0), 'x')).toEqual([
      35, 489057754, 1000, 40000, 1, 0, 1, 1, 0, 1774594326601, 7, 5, 715085,
    ]);
  });

  it('follows whatever order the build reported, by name', () => {
    const shuffled = ['accountIndex', 'nonce', 'orderIndex', 'marketIndex', 'apiKeyIndex', 'skipNonce'] as const;
    expect(positionalArgs('SignCancelOrder', shuffled, cancelOrderValues(3, 77, 9, 4, 12), 'x')).toEqual([12, 9, 77, 3, 4, 0]);
  });

  it('refuses a value the build has no argument for unless it is the nil value', () => {
    const stp = createOrderValues({ ...order, selfTradeEqualityMode: 1 }, 7, 5, 9, 0);
    expect(() => positionalArgs('SignCreateOrder', v102.SignCreateOrder.names, stp, 'v1.0.2 layout')).toThrow(LighterTxValidationError);
    expect(() => positionalArgs('SignCreateOrder', v102.SignCreateOrder.names, stp, 'v1.0.2 layout')).toThrow(
      /^selfTradeEqualityMode = 1 cannot be signed by this signer build \(v1\.0\.2 layout: SignCreateOrder\(13 args: marketIndex, /,
    );
    expect(() => positionalArgs('SignModifyOrder', v107.SignModifyOrder.names, modifyOrderValues(1, 2, 3, 4, 0, 5, 6, 7, { orderVersion: 1 }), 'x')).toThrow(/orderVersion = 1/);
  });

  it('resolves orderExpiry −1 to now + 28 days from the given clock time', () => {
    expect(createOrderValues({ ...order, orderExpiry: -1 }, 1, 5, 9, 1_700_000_000_000).orderExpiry).toBe(1_700_000_000_000 + DEFAULT_ORDER_EXPIRY_MS);
    expect(DEFAULT_ORDER_EXPIRY_MS).toBe(2_419_200_000);
  });

  it('cancel-all covers all markets (255 = no attribute 5); auth-token deadline 0 = now + 7 h', () => {
    expect(positionalArgs('SignCancelAllOrders', v107.SignCancelAllOrders.names, cancelAllOrdersValues(1, 1_700_000_300_000, 10, 4, 12), 'x')).toEqual([
      1, 1_700_000_300_000, 255, 0, 10, 4, 12,
    ]);
    expect(createAuthTokenArgs(1_700_003_600, 4, 12, 0)).toEqual([1_700_003_600, 4, 12]);
    expect(createAuthTokenArgs(0, 4, 12, 1_700_000_000_500)).toEqual([1_700_000_000 + 7 * 3600, 4, 12]);
  });

  it('creates the client without a URL (no HTTP in the signer)', () => {
    expect(createClientArgs({ privateKey: '0xabc', chainId: 300, apiKeyIndex: 4, accountIndex: 12 })).toEqual(['', '0xabc', 300, 4, 12]);
  });

  it('never passes nonce −1 (fetch) or non-integers', () => {
    expect(() => createOrderValues(order, -1, 5, 9, 0)).toThrow(LighterTxValidationError);
    expect(() => cancelOrderValues(1, 2, 1.5, 5, 9)).toThrow(/Nonce must be an explicit integer/);
    expect(() => createOrderValues({ ...order, price: 40000.5 }, 1, 5, 9, 0)).toThrow(/Price must be an integer/);
    expect(() => modifyOrderValues(1, 2 ** 53, 1, 1, 0, 1, 5, 9)).toThrow(/Index must be an integer below 2\^53/);
  });

  it('describes a signature for messages', () => {
    expect(describeSignature('SignCancelOrder', v107.SignCancelOrder.names)).toBe('SignCancelOrder(6 args: marketIndex, orderIndex, skipNonce, nonce, apiKeyIndex, accountIndex)');
  });
});
