import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../clock';
import type { LighterOrderFields } from './lighter-signer';
import { PAPER_SIGNATURE_PREFIX, PaperSigner } from './paper-signer';
import { LighterTxValidationError, PaperSignerRefusedError } from './signer-errors';

/** ccxt's recorded signed sendTx requests (test-fixtures/ccxt-recorded-sendtx.json, lighter.md [S17]). */
const recorded = (JSON.parse(readFileSync(join(__dirname, 'test-fixtures', 'ccxt-recorded-sendtx.json'), 'utf8')) as {
  sendTx: { method: string; description: string; output: { tx_type: number; tx_info: string } }[];
}).sendTx.map((r) => ({ ...r, info: JSON.parse(r.output.tx_info) as Record<string, unknown> }));

function recording(description: string): { txType: number; raw: string; info: Record<string, unknown> } {
  const r = recorded.find((x) => x.description === description);
  if (!r) throw new Error(`no recording "${description}"`);
  return { txType: r.output.tx_type, raw: r.output.tx_info, info: r.info };
}

/** tx_info text before `,"Sig"`: every field but the signature, byte for byte. */
function beforeSig(txInfo: string): string {
  return txInfo.slice(0, txInfo.indexOf(',"Sig"'));
}

function clockAt(ms: number): Clock {
  return { now: () => ms, sleep: () => Promise.resolve() };
}

/** Go's ExpiredAt default: now + 10 min − 1 s. */
const TX_EXPIRY = 599_000;

/** A paper signer for ccxt's account (715085, API key 5) whose clock makes ExpiredAt equal the recording's. */
function signerFor(info: Record<string, unknown>): PaperSigner {
  return new PaperSigner({ mode: 'paper', accountIndex: 715085, apiKeyIndex: 5 }, clockAt((info.ExpiredAt as number) - TX_EXPIRY));
}

function withoutSig(info: Record<string, unknown>): Record<string, unknown> {
  const { Sig: _sig, L2TxAttributes: _attributes, ...rest } = info;
  return rest;
}

const limitBuy: LighterOrderFields = {
  marketIndex: 35,
  clientOrderIndex: 489057754,
  baseAmount: 1000,
  price: 40000,
  isAsk: false,
  orderType: 0,
  timeInForce: 1,
  reduceOnly: false,
  triggerPrice: 0,
  orderExpiry: 1774594326601,
};

describe('PaperSigner tx_info vs the recorded official requests', () => {
  it('limit buy: the same keys in the same order, the same integers, then L2TxAttributes null (v1.0.7+ builds, no attribute set)', async () => {
    const rec = recording('create limit  buy order');
    const signed = await signerFor(rec.info).signCreateOrder(limitBuy, rec.info.Nonce as number);
    const info = JSON.parse(signed.txInfo) as Record<string, unknown>;
    expect(signed.txType).toBe(rec.txType);
    expect(Object.keys(info)).toEqual([...Object.keys(rec.info), 'L2TxAttributes']);
    expect(withoutSig(info)).toEqual(withoutSig(rec.info));
    expect(info.L2TxAttributes).toBeNull();
    // Same JSON encoding, not just equal values: integers as bare numbers, no spaces.
    expect(beforeSig(signed.txInfo)).toBe(beforeSig(rec.raw));
  });

  it('market buy: Type 1, IOC, OrderExpiry 0, Price = worst price', async () => {
    const rec = recording('create market buy order');
    const signed = await signerFor(rec.info).signCreateOrder(
      { ...limitBuy, clientOrderIndex: 911280573, baseAmount: 100, price: 60000, orderType: 1, timeInForce: 0, orderExpiry: 0 },
      rec.info.Nonce as number,
    );
    const info = JSON.parse(signed.txInfo) as Record<string, unknown>;
    expect(Object.keys(info)).toEqual([...Object.keys(rec.info), 'L2TxAttributes']);
    expect(withoutSig(info)).toEqual(withoutSig(rec.info));
    expect(beforeSig(signed.txInfo)).toBe(beforeSig(rec.raw));
  });

  it('cancel-all: the recorded field set', async () => {
    const rec = recording('cancelAllOrders');
    const signed = await signerFor(rec.info).signCancelAllOrders(0, 0, rec.info.Nonce as number);
    const info = JSON.parse(signed.txInfo) as Record<string, unknown>;
    expect(signed.txType).toBe(16);
    expect(Object.keys(info)).toEqual([...Object.keys(rec.info), 'L2TxAttributes']);
    expect(withoutSig(info)).toEqual(withoutSig(rec.info));
    expect(beforeSig(signed.txInfo)).toBe(beforeSig(rec.raw));
  });

  it('cancel and modify: Go field order of lighter.md §3.5', async () => {
    const signer = new PaperSigner({ mode: 'paper', accountIndex: 12, apiKeyIndex: 4 }, clockAt(1_700_000_000_000));
    const cancel = await signer.signCancelOrder(3, 281474976710656, 9);
    expect(cancel.txType).toBe(15);
    expect(Object.keys(JSON.parse(cancel.txInfo))).toEqual(['AccountIndex', 'ApiKeyIndex', 'MarketIndex', 'Index', 'ExpiredAt', 'Nonce', 'Sig', 'L2TxAttributes']);
    const modify = await signer.signModifyOrder(3, 77, 500, 41000, 0, 10);
    expect(modify.txType).toBe(17);
    expect(JSON.parse(modify.txInfo)).toMatchObject({ AccountIndex: 12, ApiKeyIndex: 4, MarketIndex: 3, Index: 77, BaseAmount: 500, Price: 41000, TriggerPrice: 0, Nonce: 10 });
    expect(Object.keys(JSON.parse(modify.txInfo))).toEqual([
      'AccountIndex',
      'ApiKeyIndex',
      'MarketIndex',
      'Index',
      'BaseAmount',
      'Price',
      'TriggerPrice',
      'ExpiredAt',
      'Nonce',
      'Sig',
      'L2TxAttributes',
    ]);
  });
});

describe('PaperSigner signatures, hashes and time', () => {
  const signer = new PaperSigner({ mode: 'paper', accountIndex: 12, apiKeyIndex: 4 }, clockAt(1_700_000_000_000));

  it('Sig is 80 bytes of base64 like the official one, recognisably fake; txHash is sha256 of tx_info', async () => {
    const signed = await signer.signCreateOrder({ ...limitBuy, orderExpiry: -1 }, 1);
    const info = JSON.parse(signed.txInfo) as { Sig: string };
    const sig = Buffer.from(info.Sig, 'base64');
    expect(sig).toHaveLength(80);
    expect(info.Sig).toHaveLength((recording('cancelAllOrders').info.Sig as string).length);
    expect(sig.toString('utf8').startsWith(PAPER_SIGNATURE_PREFIX)).toBe(true);
    expect(signed.txHash).toBe(createHash('sha256').update(signed.txInfo).digest('hex'));
    const other = await signer.signCreateOrder({ ...limitBuy, orderExpiry: -1 }, 2);
    expect(JSON.parse(other.txInfo).Sig).not.toBe(info.Sig);
  });

  it('takes ExpiredAt (now + 10 min − 1 s) and orderExpiry −1 (now + 28 days) from the injected clock', async () => {
    const info = JSON.parse((await signer.signCreateOrder({ ...limitBuy, orderExpiry: -1 }, 1)).txInfo) as Record<string, number>;
    expect(info.ExpiredAt).toBe(1_700_000_000_000 + 599_000);
    expect(info.OrderExpiry).toBe(1_700_000_000_000 + 28 * 86_400_000);
  });

  it('is deterministic for the same clock and inputs', async () => {
    const a = await signer.signCancelOrder(3, 77, 5);
    const b = await new PaperSigner({ mode: 'paper', accountIndex: 12, apiKeyIndex: 4 }, clockAt(1_700_000_000_000)).signCancelOrder(3, 77, 5);
    expect(b).toEqual(a);
  });

  it('auth token: <deadline>:<account>:<apiKey>:<160 hex>, deadline 0 = now + 7 h', async () => {
    const token = await signer.createAuthToken(1_700_003_600);
    expect(token).toMatch(/^1700003600:12:4:[0-9a-f]{160}$/);
    const hex = token.split(':')[3] ?? '';
    expect(Buffer.from(hex, 'hex').toString('utf8').startsWith(PAPER_SIGNATURE_PREFIX)).toBe(true);
    expect(await signer.createAuthToken(0)).toMatch(/^1700025200:12:4:/);
  });
});

describe('PaperSigner validation (same rules as the official signer)', () => {
  const signer = new PaperSigner({ mode: 'paper', accountIndex: 12, apiKeyIndex: 4 }, clockAt(1_700_000_000_000));
  const market: LighterOrderFields = { ...limitBuy, orderType: 1, timeInForce: 0, orderExpiry: 0 };

  it.each([
    ['market order not IOC', { ...market, timeInForce: 1 as const }, 'TimeInForce'],
    ['market order with an expiry', { ...market, orderExpiry: 1_800_000_000_000 }, 'OrderExpiry'],
    ['market order with a trigger', { ...market, triggerPrice: 100 }, 'TriggerPrice'],
    ['IOC limit with an expiry', { ...limitBuy, timeInForce: 0 as const }, 'OrderExpiry'],
    ['GTT limit without an expiry', { ...limitBuy, orderExpiry: 0 }, 'OrderExpiry'],
    ['post-only without an expiry', { ...limitBuy, timeInForce: 2 as const, orderExpiry: 0 }, 'OrderExpiry'],
    ['zero size', { ...limitBuy, baseAmount: 0 }, 'BaseAmount'],
    ['size ≥ 2^48', { ...limitBuy, baseAmount: 2 ** 48 }, 'BaseAmount'],
    ['zero price', { ...limitBuy, price: 0 }, 'Price'],
    ['price ≥ 2^32', { ...limitBuy, price: 2 ** 32 }, 'Price'],
    ['client order index ≥ 2^48', { ...limitBuy, clientOrderIndex: 2 ** 48 }, 'ClientOrderIndex'],
    ['market 255 (nil market)', { ...limitBuy, marketIndex: 255 }, 'MarketIndex'],
    ['fractional price', { ...limitBuy, price: 1.5 }, 'Price'],
  ])('refuses %s', async (_name, order, field) => {
    const err = await signer.signCreateOrder(order, 1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LighterTxValidationError);
    expect((err as LighterTxValidationError).field).toBe(field);
    expect((err as Error).message).toContain(field);
  });

  it('refuses a missing nonce (−1) and bad cancel / cancel-all / modify fields', async () => {
    await expect(signer.signCreateOrder(limitBuy, -1)).rejects.toThrow(/Nonce must be an explicit integer/);
    await expect(signer.signCancelOrder(3, 0, 1)).rejects.toThrow(/Index must be a client order index/);
    await expect(signer.signCancelAllOrders(0, 1_700_000_300_000, 1)).rejects.toThrow(/Time must be 0/);
    await expect(signer.signCancelAllOrders(1, 0, 1)).rejects.toThrow(/Time must be a Unix ms timestamp/);
    await expect(signer.signModifyOrder(3, 77, 500, 0, 0, 1)).rejects.toThrow(/Price must be 1/);
  });

  it('carries self-trade modes (attributes 6, 7) and a modify order version (8) as L2TxAttributes, and refuses invalid ones', async () => {
    const create = JSON.parse((await signer.signCreateOrder({ ...limitBuy, selfTradeBehaviorMode: 1, selfTradeEqualityMode: 1 }, 1)).txInfo) as Record<string, unknown>;
    expect(create.L2TxAttributes).toEqual({ '6': 1, '7': 1 });
    expect(Object.keys(create).slice(-2)).toEqual(['Sig', 'L2TxAttributes']);
    const modify = JSON.parse((await signer.signModifyOrder(3, 77, 500, 41000, 0, 2, { selfTradeBehaviorMode: 2, orderVersion: 5 })).txInfo) as Record<string, unknown>;
    expect(modify.L2TxAttributes).toEqual({ '6': 2, '8': 5 });
    await expect(signer.signCreateOrder({ ...limitBuy, selfTradeBehaviorMode: 3, selfTradeEqualityMode: 1 }, 3)).rejects.toThrow(/"reduce" is not allowed with equality "same master account"/);
    await expect(signer.signCreateOrder({ ...limitBuy, selfTradeBehaviorMode: 4 as 3 }, 3)).rejects.toThrow(LighterTxValidationError);
  });

  it('accepts a reduce-only order of size 0 (grouped child orders, lighter.md §3.2)', async () => {
    await expect(signer.signCreateOrder({ ...market, baseAmount: 0, reduceOnly: true }, 1)).resolves.toMatchObject({ txType: 14 });
  });
});

describe('PaperSigner is for paper accounts only', () => {
  it('refuses to be constructed for a live account', () => {
    expect(() => new PaperSigner({ mode: 'live', accountIndex: 12, apiKeyIndex: 4 }, clockAt(0))).toThrow(PaperSignerRefusedError);
    expect(() => new PaperSigner({ mode: 'live', accountIndex: 12, apiKeyIndex: 4 }, clockAt(0))).toThrow(/paper accounts only.*needs the official Lighter signer/);
  });

  it('refuses any mode that is not exactly "paper", even when the type is bypassed', () => {
    const sneaky = { mode: 'Paper', accountIndex: 12, apiKeyIndex: 4 } as unknown as { mode: 'paper'; accountIndex: number; apiKeyIndex: number };
    expect(() => new PaperSigner(sneaky, clockAt(0))).toThrow(PaperSignerRefusedError);
  });

  it('reports kind "paper"', () => {
    expect(new PaperSigner({ mode: 'paper', accountIndex: 12, apiKeyIndex: 4 }, clockAt(0)).kind).toBe('paper');
  });
});
