/**
 * Paradex's signing rules checked against the official SDKs' fixed test
 * vectors (paradex.md §10): TV1 (paradex-py tests/api/test_account.py —
 * address, onboarding and auth signatures made with k = 32), TV2
 * (tests/message/test_order.py), TV3 (tests/message/test_auth.py).
 */
import { ec } from 'starknet';
import { describe, expect, it } from 'vitest';
import { accountAddressOf } from './account-address';
import { parseSignature, verifyStarkSignature } from './stark-signature';
import { SIM_SYSTEM_CONFIG } from './system-config';
import { authTypedData, chainIdFelt, messageHash, onboardingTypedData, orderMessage, orderTypedData } from './typed-data';

const TV1 = {
  privateKey: '0x543b6cf6c91817a87174aaea4fb370ac1c694e864d7740d728f8344d53e815',
  publicKey: '0x2c144d2f2d4fc61b6f8967f3ba0012a87d90140bcfe5a3e92e8df83258c960f',
  address: '0x129c135ed63df9353885e292be4426b8ed6122b13c6c0e1bb787288a1f5adfa',
  onboarding: '["1977703130303461992863803129734853218488251484396280000763960303272760326570","3348963307717496773562227645175864223012165976444899528454487585773913151"]',
  auth: '["1977703130303461992863803129734853218488251484396280000763960303272760326570","1751655746465244006452018629921152189693020752513749714656209614151193043281"]',
};

describe('Paradex typed data and signatures', () => {
  it('TV1: the sim’s testnet config derives the published address and verifies the published onboarding and auth signatures', () => {
    expect(SIM_SYSTEM_CONFIG.starknet_chain_id).toBe('PRIVATE_SN_POTC_SEPOLIA');
    expect(chainIdFelt(SIM_SYSTEM_CONFIG.starknet_chain_id)).toBe('0x505249564154455f534e5f504f54435f5345504f4c4941');
    expect(ec.starkCurve.getStarkKey(TV1.privateKey)).toBe(TV1.publicKey);
    expect(accountAddressOf(TV1.publicKey, SIM_SYSTEM_CONFIG)).toBe(TV1.address);

    const chain = SIM_SYSTEM_CONFIG.starknet_chain_id;
    const onboardingHash = messageHash(onboardingTypedData(chain), TV1.address);
    const authHash = messageHash(authTypedData(chain, 1706868900, 1706955300), TV1.address);
    expect(verifyStarkSignature(onboardingHash, parseSignature(TV1.onboarding)!, TV1.publicKey)).toBe(true);
    expect(verifyStarkSignature(authHash, parseSignature(TV1.auth)!, TV1.publicKey)).toBe(true);
    // The same signatures do not verify for another message or another key.
    expect(verifyStarkSignature(authHash, parseSignature(TV1.onboarding)!, TV1.publicKey)).toBe(false);
    const otherKey = ec.starkCurve.getStarkKey('0x1234');
    expect(verifyStarkSignature(authHash, parseSignature(TV1.auth)!, otherKey)).toBe(false);
  });

  it('TV2: the Order message scales size and price by 10^8 and encodes the side as "1"/"2"; MARKET signs price "0"', () => {
    expect(orderMessage({ signatureTimestampMs: 1634736000000, market: 'ETH-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.1', price: '1500' })).toEqual({
      timestamp: '1634736000000',
      market: 'ETH-USD-PERP',
      side: '1',
      orderType: 'LIMIT',
      size: '10000000',
      price: '150000000000',
    });
    expect(orderMessage({ signatureTimestampMs: 1, market: 'BTC-USD-PERP', side: 'SELL', type: 'MARKET', size: '0.123456789', price: '60000' })).toMatchObject({
      side: '2',
      size: '12345678',
      price: '0',
    });
    const td = orderTypedData('PRIVATE_SN_POTC_SEPOLIA', { signatureTimestampMs: 1634736000000, market: 'ETH-USD-PERP', side: 'BUY', type: 'LIMIT', size: '0.1', price: '1500' });
    expect(td.primaryType).toBe('Order');
    expect(td.types.StarkNetDomain!.map((f) => f.name)).toEqual(['name', 'chainId', 'version']);
  });

  it('TV3: the auth message is Request{POST, /v1/auth, "", timestamp, expiration} under the Paradex domain', () => {
    const td = authTypedData('PRIVATE_SN_POTC_SEPOLIA', 2, 3);
    expect(td.message).toEqual({ method: 'POST', path: '/v1/auth', body: '', timestamp: 2, expiration: 3 });
    expect(td.domain).toEqual({ name: 'Paradex', chainId: chainIdFelt('PRIVATE_SN_POTC_SEPOLIA'), version: '1' });
  });

  it('parses only ["r","s"] signature text; out-of-range signatures do not verify (no throw)', () => {
    expect(parseSignature('["1","0x2"]')).toEqual({ r: 1n, s: 2n });
    for (const bad of ['', 'x', '[1,2]', '["1"]', '["1","2","3"]', '{"r":"1","s":"2"}', '["-1","2"]']) expect(parseSignature(bad)).toBeNull();
    expect(verifyStarkSignature('0x1', { r: 0n, s: 0n }, TV1.publicKey)).toBe(false);
    expect(verifyStarkSignature('0x1', { r: 2n ** 256n, s: 1n }, TV1.publicKey)).toBe(false);
  });
});
