import Decimal from 'decimal.js';
import { ec, typedData } from 'starknet';
import { describe, expect, it } from 'vitest';
import { emulatedLimitPrice } from './market-emulation';
import { signedModifyBody, signedOrderBody } from './order-body';
import { ParadexSigner } from './signer';
import { modifyOrderTypedData, orderTypedData } from './typed-data';
import { InvalidOrderError } from '../venue-errors';

const KEY = '0x543b6cf6c91817a87174aaea4fb370ac1c694e864d7740d728f8344d53e815';
const ADDRESS = '0x129c135ed63df9353885e292be4426b8ed6122b13c6c0e1bb787288a1f5adfa';
const chain = { chainId: 'PRIVATE_SN_POTC_SEPOLIA', decimals: 8 };
const signer = new ParadexSigner(KEY, ADDRESS);
const verifies = (signature: unknown, data: Parameters<typeof typedData.getMessageHash>[0]) => {
  const [r, s] = JSON.parse(signature as string) as [string, string];
  return ec.starkCurve.verify(new ec.starkCurve.Signature(BigInt(r), BigInt(s)), typedData.getMessageHash(data, ADDRESS), ec.starkCurve.getPublicKey(KEY));
};

describe('Paradex order bodies (paradex.md §5)', () => {
  it('a reduce-only post-only limit: human decimals in the body, quanta in the signed message', () => {
    const body = signedOrderBody(
      { market: 'ETH-USD-PERP', side: 'sell', type: 'LIMIT', size: new Decimal('0.25'), price: new Decimal('3000.5'), timeInForce: 'POST_ONLY', reduceOnly: true, clientId: 'c-1' },
      signer,
      chain,
      1_700_000_000_123,
    );
    expect(body).toMatchObject({ market: 'ETH-USD-PERP', side: 'SELL', type: 'LIMIT', size: '0.25', price: '3000.5', instruction: 'POST_ONLY', flags: ['REDUCE_ONLY'], client_id: 'c-1', signature_timestamp: 1_700_000_000_123 });
    const signed = orderTypedData(chain.chainId, { timestamp: '1700000000123', market: 'ETH-USD-PERP', side: '2', orderType: 'LIMIT', size: '25000000', price: '300050000000' });
    expect(verifies(body.signature, signed)).toBe(true);
  });

  it('a MARKET order has no price field and signs price 0', () => {
    const body = signedOrderBody({ market: 'ETH-USD-PERP', side: 'buy', type: 'MARKET', size: new Decimal('1'), price: null, timeInForce: 'IOC', reduceOnly: false, clientId: 'm' }, signer, chain, 5);
    expect(body).not.toHaveProperty('price');
    expect(body).not.toHaveProperty('flags');
    expect(body.instruction).toBe('GTC');
    expect(verifies(body.signature, orderTypedData(chain.chainId, { timestamp: '5', market: 'ETH-USD-PERP', side: '1', orderType: 'MARKET', size: '100000000', price: '0' }))).toBe(true);
  });

  it('a modify signs ModifyOrder with the order id', () => {
    const body = signedModifyBody({ id: '123', market: 'ETH-USD-PERP', side: 'buy', size: new Decimal('0.5'), price: new Decimal('2900') }, signer, chain, 9);
    expect(body).toMatchObject({ id: '123', type: 'LIMIT', size: '0.5', price: '2900' });
    const data = modifyOrderTypedData(chain.chainId, { timestamp: '9', market: 'ETH-USD-PERP', side: '1', orderType: 'LIMIT', size: '50000000', price: '290000000000', id: '123' });
    expect(verifies(body.signature, data)).toBe(true);
  });
});

describe('seed market-order emulation price', () => {
  const best = { symbol: 'ETH', bid: new Decimal('2999'), ask: new Decimal('3001'), timestamp: 0 };
  it('best ask × (1 + offset) for buys, best bid × (1 − offset) for sells, bounded by the worst price', () => {
    const off = new Decimal('0.005');
    expect(emulatedLimitPrice(best, 'buy', off, new Decimal('4000')).toString()).toBe('3016.005');
    expect(emulatedLimitPrice(best, 'buy', off, new Decimal('3010')).toString()).toBe('3010');
    expect(emulatedLimitPrice(best, 'sell', off, new Decimal('1')).toString()).toBe('2984.005');
    expect(emulatedLimitPrice(best, 'sell', off, new Decimal('2990')).toString()).toBe('2990');
    expect(() => emulatedLimitPrice({ ...best, ask: null }, 'buy', off, new Decimal('1'))).toThrow(InvalidOrderError);
  });
});
