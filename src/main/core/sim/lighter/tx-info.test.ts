import { describe, expect, it } from 'vitest';
import { LighterError } from './lighter-error';
import { createOrderInfo } from './testing';
import { parseTx, selfTradePolicyOf } from './tx-info';

const NOW = 1_767_225_600_000;
const order = (over: object) => createOrderInfo({ AccountIndex: 1000, Nonce: 0, ...over }, NOW);
const modify = { AccountIndex: 1000, ApiKeyIndex: 4, MarketIndex: 0, Index: 5, BaseAmount: 10, Price: 10, TriggerPrice: 0, ExpiredAt: NOW + 1000, Nonce: 0, Sig: 'AAAA' };

function code(txType: number, info: unknown): number | null {
  try {
    parseTx(txType, typeof info === 'string' ? info : JSON.stringify(info));
    return null;
  } catch (err) {
    if (!(err instanceof LighterError)) throw err;
    return err.code;
  }
}

describe('parseTx (structural validation like lighter-go Validate)', () => {
  it('accepts the recorded ccxt limit and market orders (Go field names, integers)', () => {
    const limit =
      '{"AccountIndex":715085,"ApiKeyIndex":5,"MarketIndex":35,"ClientOrderIndex":489057754,"BaseAmount":1000,"Price":40000,"IsAsk":0,"Type":0,"TimeInForce":1,"ReduceOnly":0,"TriggerPrice":0,"OrderExpiry":1774594326601,"ExpiredAt":1772175725602,"Nonce":7,"Sig":"gl3Tm3SFdCvd5lJw9uByG8sUAThDZ8NpP5SJ8DUKwRwv2DoYAfZoIcjUZCiZjllNS2d/Z6XDlERYaKb4JrfniOXIVZHmfo5ie5I1lKR4UCk="}';
    const market =
      '{"AccountIndex":715085,"ApiKeyIndex":5,"MarketIndex":35,"ClientOrderIndex":911280573,"BaseAmount":100,"Price":60000,"IsAsk":0,"Type":1,"TimeInForce":0,"ReduceOnly":0,"TriggerPrice":0,"OrderExpiry":0,"ExpiredAt":1772175612201,"Nonce":6,"Sig":"6cnea3og5elG3CMCxRpldy7yHQI3ettJVkYKl2VcvF4yIT1/RREaD/m8D+KTbCTGAftezZjNtw8KEo9YoAO68WTdDU8d6bq69BcKlQm1kAk="}';
    const cancelAll =
      '{"AccountIndex":715085,"ApiKeyIndex":5,"TimeInForce":0,"Time":0,"ExpiredAt":1772176172357,"Nonce":8,"Sig":"NEzOBq4ZOwSoqvH/0RuH0P8b5ReKggfVhUlAge3sjQWc8M4j3qhRNJFaZP6lk36ZtpEQ4+mb2njrcpRgb++cDf77ceZEusyc0lYu/Ijt5Es="}';
    expect(parseTx(14, limit)).toMatchObject({ type: 14, info: { BaseAmount: 1000, Price: 40000 } });
    expect(parseTx(14, market).info).toMatchObject({ Type: 1, TimeInForce: 0 });
    expect(parseTx(16, cancelAll).type).toBe(16);
    expect(parseTx(14, { ...order({}), L2TxAttributes: { '4': 1 } }).type).toBe(14);
    expect(parseTx(14, { ...order({}), L2TxAttributes: null }).type).toBe(14);
  });

  it('answers with Lighter codes for each kind of bad field', () => {
    expect(code(99, order({}))).toBe(21505);
    expect(code(14, 'not json')).toBe(21501);
    expect(code(14, { ...order({}), Price: '300000' })).toBe(21501);
    const { Sig: _sig, ...unsigned } = order({});
    expect(code(14, unsigned)).toBe(21501);
    expect(code(14, order({ Sig: '' }))).toBe(21120);
    expect(code(14, order({ AccountIndex: -1 }))).toBe(21102);
    expect(code(14, order({ ApiKeyIndex: 255 }))).toBe(21110);
    expect(code(14, order({ MarketIndex: 300 }))).toBe(21602);
    expect(code(14, order({ ClientOrderIndex: 2 ** 48 }))).toBe(21727);
    expect(code(14, order({ BaseAmount: 0 }))).toBe(21701);
    expect(code(14, order({ BaseAmount: 2 ** 48 }))).toBe(21701);
    expect(code(14, order({ Price: 0 }))).toBe(21702);
    expect(code(14, order({ Price: 2 ** 32 }))).toBe(21702);
    expect(code(14, order({ IsAsk: 2 }))).toBe(21703);
    expect(code(14, order({ Type: 9 }))).toBe(21704);
    expect(code(14, order({ Type: 2, TriggerPrice: 1 }))).toBe(21710);
    expect(code(14, order({ TimeInForce: 3 }))).toBe(21705);
    expect(code(14, order({ ReduceOnly: 2 }))).toBe(21740);
    expect(code(14, order({ ExpiredAt: 2 ** 48 }))).toBe(21711);
    expect(code(14, order({ Nonce: -1 }))).toBe(21104);
    expect(code(14, { ...order({}), L2TxAttributes: { '9': 1 } })).toBe(21501);
    expect(code(14, { ...order({}), L2TxAttributes: { '6': 4 } })).toBe(21501);
    expect(code(14, { ...order({}), L2TxAttributes: { '7': 2 } })).toBe(21501);
  });

  it('reads the self-trade attributes 6 / 7 and refuses the combinations lighter-go v1.0.7 refuses', () => {
    expect(selfTradePolicyOf(parseTx(14, order({})).info)).toEqual({ behavior: 'expire-maker', equality: 'same-account' });
    for (const [behavior, name] of [[1, 'expire-taker'], [2, 'cancel-both'], [3, 'reduce']] as const) {
      expect(selfTradePolicyOf(parseTx(14, { ...order({}), L2TxAttributes: { '6': behavior } }).info).behavior).toBe(name);
    }
    expect(selfTradePolicyOf(parseTx(17, { ...modify, L2TxAttributes: { '6': 2, '7': 1 } }).info)).toEqual({ behavior: 'cancel-both', equality: 'same-master' });
    expect(code(14, { ...order({}), L2TxAttributes: { '6': 3, '7': 1 } })).toBe(21501);
    expect(code(14, { ...order({}), L2TxAttributes: { '1': 5, '2': 10, '6': 1 } })).toBe(21501);
  });

  it('parses ChangePubKey (tx type 8): a 40-byte base64 PubKey', () => {
    const key = Buffer.alloc(40, 7).toString('base64');
    const change = { AccountIndex: 1000, ApiKeyIndex: 4, PubKey: key, L1Sig: '0xabc', ExpiredAt: NOW + 1000, Nonce: 0, Sig: 'AAAA', L2TxAttributes: null };
    expect(parseTx(8, change)).toMatchObject({ type: 8, info: { PubKey: key } });
    expect(code(8, { ...change, PubKey: Buffer.alloc(32).toString('base64') })).toBe(21501);
    const { L1Sig: _l1, ...noL1Sig } = change;
    expect(code(8, noL1Sig)).toBe(21501);
  });

  it('enforces the order type / time-in-force / expiry rules of §3.2', () => {
    expect(code(14, order({ Type: 1, TimeInForce: 1, OrderExpiry: 0 }))).toBe(21705);
    expect(code(14, order({ Type: 1, TimeInForce: 0 }))).toBe(21711);
    expect(code(14, order({ Type: 1, TimeInForce: 0, OrderExpiry: 0, TriggerPrice: 5 }))).toBe(21729);
    expect(code(14, order({ TimeInForce: 0 }))).toBe(21711);
    expect(code(14, order({ TimeInForce: 1, OrderExpiry: 0 }))).toBe(21711);
    expect(code(14, order({ TimeInForce: 2, OrderExpiry: 0 }))).toBe(21711);
    expect(code(14, order({ TriggerPrice: 5 }))).toBe(21729);
    expect(code(14, order({ TimeInForce: 0, OrderExpiry: 0 }))).toBeNull();
  });

  it('validates cancel, cancel-all, modify and leverage txs', () => {
    const env = { AccountIndex: 1000, ApiKeyIndex: 4, ExpiredAt: NOW + 1000, Nonce: 0, Sig: 'AAAA' };
    expect(code(15, { ...env, MarketIndex: 0, Index: 0 })).toBe(21700);
    expect(code(15, { ...env, MarketIndex: 0, Index: 5 })).toBeNull();
    expect(code(16, { ...env, TimeInForce: 3, Time: 0 })).toBe(21713);
    expect(code(16, { ...env, TimeInForce: 0, Time: 5 })).toBe(21714);
    expect(code(16, { ...env, TimeInForce: 1, Time: 0 })).toBe(21714);
    expect(code(16, { ...env, TimeInForce: 1, Time: NOW, L2TxAttributes: { '5': 0 } })).toBe(21713);
    expect(code(17, { ...env, MarketIndex: 0, Index: 5, BaseAmount: 10, Price: 10, TriggerPrice: 1 })).toBe(21729);
    expect(code(20, { ...env, MarketIndex: 0, InitialMarginFraction: 0, MarginMode: 0 })).toBe(21113);
    expect(code(20, { ...env, MarketIndex: 0, InitialMarginFraction: 500, MarginMode: 2 })).toBe(21613);
  });
});
