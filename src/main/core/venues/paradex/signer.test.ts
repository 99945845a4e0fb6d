/**
 * Signing checked against the fixed vectors of the official SDKs (paradex.md
 * §10): paradex-py `tests/api/test_account.py` (TV1: key, address, auth
 * signature), `tests/message/test_order.py` (TV2), `tests/message/test_auth.py` (TV3).
 */
import { ec, shortString } from 'starknet';
import { describe, expect, it } from 'vitest';
import { chainOrderFields } from './codec';
import { authTypedData, orderTypedData, paradexDomain } from './typed-data';
import { formatSignature, normalizeStarkPrivateKey, paradexAccountAddress, ParadexSigner, starkPublicKey } from './signer';
import Decimal from 'decimal.js';

const TV1 = {
  chainId: 'PRIVATE_SN_POTC_SEPOLIA',
  proxyHash: '0x3530cc4759d78042f1b543bf797f5f3d647cde0388c33734cf91b7f7b9314a9',
  accountHash: '0x41cb0280ebadaa75f996d8d92c6f265f6d040bb3ba442e5f86a554f1765244e',
  privateKey: '0x543b6cf6c91817a87174aaea4fb370ac1c694e864d7740d728f8344d53e815',
  publicKey: '0x2c144d2f2d4fc61b6f8967f3ba0012a87d90140bcfe5a3e92e8df83258c960f',
  address: '0x129c135ed63df9353885e292be4426b8ed6122b13c6c0e1bb787288a1f5adfa',
  authSignature: [
    '1977703130303461992863803129734853218488251484396280000763960303272760326570',
    '1751655746465244006452018629921152189693020752513749714656209614151193043281',
  ],
};

/** paradex-py signs with the fixed nonce k = 32 (`DEFAULT_K`); s = k⁻¹ (h + r·key) mod n reproduces its bytes (test only). */
function paradexPySignature(msgHash: string, privateKey: string): string {
  const n = ec.starkCurve.CURVE.n;
  const k = 32n;
  const r = ec.starkCurve.ProjectivePoint.BASE.multiply(k).x % n;
  const kInv = modInverse(k, n);
  const s = (kInv * ((BigInt(msgHash) + r * BigInt(privateKey)) % n)) % n;
  return formatSignature(r, s);
}

function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [a % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return ((oldS % m) + m) % m;
}

describe('Paradex keys and addresses (TV1)', () => {
  it('public key and account address from the L2 private key', () => {
    expect(starkPublicKey(TV1.privateKey)).toBe(TV1.publicKey);
    expect(paradexAccountAddress(TV1.publicKey, { paraclear_account_proxy_hash: TV1.proxyHash, paraclear_account_hash: TV1.accountHash })).toBe(TV1.address);
  });

  it('rejects malformed private keys without echoing them', () => {
    expect(() => normalizeStarkPrivateKey('not-a-key')).toThrow(/hex number/);
    expect(() => normalizeStarkPrivateKey('0x0')).toThrow(/curve order/);
    expect(() => normalizeStarkPrivateKey('0x' + 'f'.repeat(64))).toThrow(/curve order/);
    expect(() => new ParadexSigner(TV1.privateKey, 'nope')).toThrow(/account address/);
  });
});

describe('Paradex auth signature (TV1, TV3)', () => {
  it('the auth message (TV3 shape) and its hash equal what paradex-py signed: its k = 32 signature is reproduced byte for byte', () => {
    const data = authTypedData(TV1.chainId, 1706868900, 1706955300);
    expect(data.message).toEqual({ method: 'POST', path: '/v1/auth', body: '', timestamp: 1706868900, expiration: 1706955300 });
    expect(data.domain.chainId).toBe('0x505249564154455f534e5f504f54435f5345504f4c4941');
    const signer = new ParadexSigner(TV1.privateKey, TV1.address);
    const msgHash = signer.messageHash(data);
    expect(paradexPySignature(msgHash, TV1.privateKey)).toBe(JSON.stringify(TV1.authSignature));
    // paradex-py's published signature verifies against the hash we compute…
    const published = new ec.starkCurve.Signature(BigInt(TV1.authSignature[0]!), BigInt(TV1.authSignature[1]!));
    expect(ec.starkCurve.verify(published, msgHash, ec.starkCurve.getPublicKey(TV1.privateKey))).toBe(true);
    // …and so does ours (RFC 6979 nonce, so different bytes).
    const [r, s] = JSON.parse(signer.sign(data)) as [string, string];
    expect(ec.starkCurve.verify(new ec.starkCurve.Signature(BigInt(r), BigInt(s)), msgHash, ec.starkCurve.getPublicKey(TV1.privateKey))).toBe(true);
    expect(r).not.toBe(TV1.authSignature[0]);
  });

  it('a signature over another timestamp does not verify', () => {
    const signer = new ParadexSigner(TV1.privateKey, TV1.address);
    const other = signer.messageHash(authTypedData(TV1.chainId, 1706868901, 1706955300));
    const published = new ec.starkCurve.Signature(BigInt(TV1.authSignature[0]!), BigInt(TV1.authSignature[1]!));
    expect(ec.starkCurve.verify(published, other, ec.starkCurve.getPublicKey(TV1.privateKey))).toBe(false);
  });
});

describe('Paradex order message (TV2)', () => {
  it('ETH-USD-PERP BUY LIMIT 0.1 @ 1500 at 1634736000000 → the paradex-py message', () => {
    const fields = chainOrderFields({ market: 'ETH-USD-PERP', side: 'buy', type: 'LIMIT', size: new Decimal('0.1'), price: new Decimal('1500'), timestampMs: 1634736000000 }, 8);
    expect(fields).toEqual({ timestamp: '1634736000000', market: 'ETH-USD-PERP', side: '1', orderType: 'LIMIT', size: '10000000', price: '150000000000' });
    const data = orderTypedData('0x1', fields);
    expect(data.domain).toEqual({ name: 'Paradex', chainId: '0x1', version: '1' });
    expect(data.primaryType).toBe('Order');
  });

  it('MARKET orders sign price "0"; sells are side "2"; short-string felts as the crib sheet lists them', () => {
    const fields = chainOrderFields({ market: 'BTC-USD-PERP', side: 'sell', type: 'MARKET', size: new Decimal('0.03'), price: null, timestampMs: 1 }, 8);
    expect(fields).toMatchObject({ side: '2', orderType: 'MARKET', price: '0', size: '3000000' });
    expect(shortString.encodeShortString('BTC-USD-PERP')).toBe('0x4254432d5553442d50455250');
    expect(paradexDomain('PRIVATE_SN_PARACLEAR_MAINNET').chainId).toBe('0x505249564154455f534e5f50415241434c4541525f4d41494e4e4554');
  });
});
