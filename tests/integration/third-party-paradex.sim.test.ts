/**
 * A maintained third-party client, unchanged, trading on the Paradex simulator over
 * loopback: ccxt 4.5.84 (`ccxt.paradex`). Only its URLs are pointed at the sim
 * (`exchange.urls['api']`) and its StarkNet account is given through its documented
 * `options.paradexAccount` ({privateKey, publicKey, address}). ccxt signs auth, orders
 * and modifications with its own StarkNet code; the sim verifies every signature.
 */
import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startParadexSim, type RunningParadexSim } from '../../src/main/core/sim/paradex/paradex-sim';
import { openTestAccount, type TestKey } from '../../src/main/core/sim/paradex/testing';

describe('third-party client (ccxt 4.5.84) on the Paradex simulator', () => {
  let sim: RunningParadexSim;
  let key: TestKey;
  let exchange: InstanceType<typeof ccxt.paradex>;

  beforeAll(async () => {
    sim = await startParadexSim({ seed: 5 });
    key = openTestAccount(sim, 'ccxt paradex', '20000');
    exchange = new ccxt.paradex({ enableRateLimit: false, timeout: 10_000 });
    exchange.urls['api'] = { v1: `${sim.url}/v1`, v2: `${sim.url}/v2` };
    exchange.options['paradexAccount'] = { privateKey: key.privateKey, publicKey: key.publicKey, address: key.address };
  });
  afterAll(async () => {
    await sim.close();
  });

  it('loads markets, reads the book and the ticker', async () => {
    const markets = await exchange.loadMarkets();
    expect(Object.keys(markets)).toEqual(expect.arrayContaining(['BTC/USD:USDC', 'ETH/USD:USDC', 'SOL/USD:USDC']));
    expect(markets['ETH/USD:USDC']).toMatchObject({ id: 'ETH-USD-PERP', swap: true, precision: { price: 0.01, amount: 0.001 } });
    const book = await exchange.fetchOrderBook('ETH/USD:USDC', 5);
    expect(book.bids.length).toBeGreaterThan(0);
    expect(book.asks[0]![0]!).toBeGreaterThan(book.bids[0]![0]!);
    const ticker = await exchange.fetchTicker('ETH/USD:USDC');
    expect(ticker.symbol).toBe('ETH/USD:USDC');
    expect(ticker.bid).toBe(book.bids[0]![0]);
    expect(ticker.ask).toBe(book.asks[0]![0]);
    const candles = await exchange.fetchOHLCV('ETH/USD:USDC', '1m', undefined, 10);
    expect(Array.isArray(candles)).toBe(true);
  });

  it('reads balances and positions (auth signed by ccxt, verified by the sim)', async () => {
    const balance = await exchange.fetchBalance();
    expect(balance['USDC']).toMatchObject({ total: 20000 });
    expect(await exchange.fetchPositions(['ETH/USD:USDC'])).toEqual([]);
    const leverage = await exchange.fetchLeverage('BTC/USD:USDC');
    expect(leverage).toMatchObject({ symbol: 'BTC/USD:USDC', marginMode: 'cross', longLeverage: 50 });
  });

  it('places, modifies and cancels a limit order; a market order opens a position', async () => {
    const book = await exchange.fetchOrderBook('ETH/USD:USDC', 5);
    const passive = Math.floor(book.bids[0]![0]! * 0.98 * 100) / 100;
    const placed = await exchange.createOrder('ETH/USD:USDC', 'limit', 'buy', 0.1, passive, { clientOrderId: 'ccxt-1' });
    expect(placed).toMatchObject({ symbol: 'ETH/USD:USDC', side: 'buy', type: 'limit', amount: 0.1, price: passive });
    const id = String(placed.id);
    await expect.poll(async () => (await exchange.fetchOpenOrders('ETH/USD:USDC')).map((o) => o.id)).toEqual([id]);
    const lower = Math.floor(passive * 0.99 * 100) / 100;
    const edited = await exchange.editOrder(id, 'ETH/USD:USDC', 'limit', 'buy', 0.2, lower);
    expect(edited).toMatchObject({ id, price: lower, amount: 0.2 });
    await expect.poll(async () => (await exchange.fetchOrder(id, 'ETH/USD:USDC')).price).toBe(lower);
    await exchange.cancelOrder(id, 'ETH/USD:USDC');
    await expect.poll(async () => (await exchange.fetchOrder(id, 'ETH/USD:USDC')).status).toBe('canceled');

    const market = await exchange.createOrder('ETH/USD:USDC', 'market', 'buy', 0.1);
    await expect.poll(async () => (await exchange.fetchOrder(String(market.id), 'ETH/USD:USDC')).status).toBe('closed');
    const positions = await exchange.fetchPositions(['ETH/USD:USDC']);
    expect(positions).toHaveLength(1);
    expect(positions[0]).toMatchObject({ symbol: 'ETH/USD:USDC', side: 'long', contracts: 0.1 });
  });
});
