// STAND-IN for Go's wasm_exec.js together with an official lighter-signer.wasm
// (lighter-go `wasm/main.go`) — NOT the real files. No Go toolchain able to build
// lighter-go is available here, so this reproduces what HedgeDesk depends on,
// written from lighter-go's source:
//  - like wasm_exec.js it defines globalThis.Go with an importObject and
//    run(instance); like the Go program, run() installs the functions on
//    globalThis and never resolves (the real main() blocks forever);
//  - each Sign* function called with too few arguments answers
//    {error: "<fn> expects N args: <names>"} with the build's own list;
//  - CreateClient registers a client per (uint8 API key, account); signing for
//    an unknown one answers "client is not created for …";
//  - answers {txType, txInfo, txHash} with tx_info shaped like lighter-go's
//    (Go field names in order, ExpiredAt = now + 10 min − 1 s, orderExpiry −1 =
//    now + 28 days, 80-byte base64 Sig, L2TxAttributes null or the non-nil
//    attributes). It signs nothing: Sig is a fixed placeholder.
//
// stand-in-signers.ts prepends `var STANDIN_LAYOUT = '<id>';` to pick the build:
//   v1.0.7   wasm/main.go @ c26ac34 (= 17f2d60): create 19, cancel 6, cancel-all 7, modify 14
//   v1.0.9   as v1.0.7 with modify 15: orderVersion after nonce (lighter-go PR #83, as
//            lighter-python's SignModifyOrder binding orders it)
//   lying    REPORTS the v1.0.7 lists but reads arguments in v1.0.2 positions (13/5/5/8):
//            what a mislabelled build would do; only the probe can catch it
//   unknown  v1.0.7 with a modify argument no known layout has
'use strict';
(() => {
  /* global STANDIN_LAYOUT */
  const ORDER = ['marketIndex', 'clientOrderIndex', 'baseAmount', 'price', 'isAsk', 'orderType', 'timeInForce', 'reduceOnly', 'triggerPrice', 'orderExpiry'];
  const MODIFY = ['marketIndex', 'index', 'baseAmount', 'price', 'triggerPrice'];
  const INTEGRATOR = ['integratorAccountIndex', 'integratorTakerFee', 'integratorMakerFee'];
  const STP = ['selfTradeBehaviorMode', 'selfTradeEqualityMode'];
  const TAIL = ['apiKeyIndex', 'accountIndex'];
  const V107 = {
    SignCreateOrder: [...ORDER, ...INTEGRATOR, ...STP, 'skipNonce', 'nonce', ...TAIL],
    SignCancelOrder: ['marketIndex', 'orderIndex', 'skipNonce', 'nonce', ...TAIL],
    SignCancelAllOrders: ['timeInForce', 'time', 'cancelAllMarketIndex', 'skipNonce', 'nonce', ...TAIL],
    SignModifyOrder: [...MODIFY, ...INTEGRATOR, ...STP, 'skipNonce', 'nonce', ...TAIL],
  };
  const V102 = {
    SignCreateOrder: [...ORDER, 'nonce', ...TAIL],
    SignCancelOrder: ['marketIndex', 'orderIndex', 'nonce', ...TAIL],
    SignCancelAllOrders: ['timeInForce', 'time', 'nonce', ...TAIL],
    SignModifyOrder: [...MODIFY, 'nonce', ...TAIL],
  };
  const BUILDS = {
    'v1.0.7': { reported: V107, reads: V107 },
    'v1.0.9': {
      reported: { ...V107, SignModifyOrder: [...MODIFY, ...INTEGRATOR, ...STP, 'skipNonce', 'nonce', 'orderVersion', ...TAIL] },
      reads: { ...V107, SignModifyOrder: [...MODIFY, ...INTEGRATOR, ...STP, 'skipNonce', 'nonce', 'orderVersion', ...TAIL] },
    },
    lying: { reported: V107, reads: V102 },
    unknown: {
      reported: { ...V107, SignModifyOrder: [...MODIFY, ...INTEGRATOR, ...STP, 'skipNonce', 'nonce', 'orderTag', ...TAIL] },
      reads: V107,
    },
  };
  const build = BUILDS[STANDIN_LAYOUT];
  if (!build) throw new Error(`stand-in: unknown STANDIN_LAYOUT ${STANDIN_LAYOUT}`);

  const SIG = Buffer.from('stand-in signature: NOT a Schnorr signature'.padEnd(80, '.')).toString('base64');
  const clients = new Set();
  const key = (apiKeyIndex, accountIndex) => `${apiKeyIndex & 0xff}:${accountIndex}`;
  // lighter-go types/txtypes/tx_attributes.go: attribute number and nil value per argument.
  const ATTRS = [['integratorAccountIndex', 1, 0], ['integratorTakerFee', 2, 0], ['integratorMakerFee', 3, 0], ['skipNonce', 4, 0],
    ['cancelAllMarketIndex', 5, 255], ['selfTradeBehaviorMode', 6, 0], ['selfTradeEqualityMode', 7, 0], ['orderVersion', 8, 0]];
  const TX = {
    SignCreateOrder: [14, (a) => ({ MarketIndex: a.marketIndex, ClientOrderIndex: a.clientOrderIndex, BaseAmount: a.baseAmount, Price: a.price >>> 0,
      IsAsk: a.isAsk & 0xff, Type: a.orderType & 0xff, TimeInForce: a.timeInForce & 0xff, ReduceOnly: a.reduceOnly & 0xff, TriggerPrice: a.triggerPrice >>> 0,
      OrderExpiry: a.orderExpiry === -1 ? Date.now() + 28 * 86_400_000 : a.orderExpiry })],
    SignCancelOrder: [15, (a) => ({ MarketIndex: a.marketIndex, Index: a.orderIndex })],
    SignCancelAllOrders: [16, (a) => ({ TimeInForce: a.timeInForce & 0xff, Time: a.time })],
    SignModifyOrder: [17, (a) => ({ MarketIndex: a.marketIndex, Index: a.index, BaseAmount: a.baseAmount, Price: a.price >>> 0, TriggerPrice: a.triggerPrice >>> 0 })],
  };
  const signer = (fn) =>
    function (...args) {
      const reported = build.reported[fn];
      if (args.length < reported.length) return { error: `${fn} expects ${reported.length} args: ${reported.join(', ')}` };
      const a = Object.fromEntries(build.reads[fn].map((name, i) => [name, args[i]]));
      if (!clients.has(key(a.apiKeyIndex, a.accountIndex))) return { error: `client is not created for apiKeyIndex: ${a.apiKeyIndex & 0xff} accountIndex: ${a.accountIndex}` };
      const [txType, fields] = TX[fn];
      const info = { AccountIndex: a.accountIndex, ApiKeyIndex: a.apiKeyIndex & 0xff, ...fields(a), ExpiredAt: Date.now() + 599_000, Nonce: a.nonce, Sig: SIG };
      if (build.reads !== V102) {
        const attrs = {};
        for (const [name, type, nil] of ATTRS) {
          if (name === 'skipNonce' ? a.skipNonce === 1 : a[name] !== undefined && a[name] !== nil) attrs[String(type)] = a[name];
        }
        info.L2TxAttributes = Object.keys(attrs).length === 0 ? null : attrs;
      }
      const txInfo = JSON.stringify(info);
      return { txType, txInfo, txHash: Buffer.from(txInfo).toString('hex').slice(0, 80) };
    };

  const exports = {
    CreateClient(...args) {
      if (args.length < 5) return { error: 'CreateClient expects 5 args: url, privateKey, chainId, apiKeyIndex, accountIndex' };
      const [, privateKey, , apiKeyIndex, accountIndex] = args;
      if (typeof privateKey !== 'string' || privateKey.replace(/^0x/, '').length !== 80) return { error: 'invalid private key length' };
      clients.add(key(apiKeyIndex, accountIndex));
      return {};
    },
    CreateAuthToken(...args) {
      if (args.length < 3) return { error: 'CreateAuthToken expects 3 args: deadline, apiKeyIndex, accountIndex' };
      const [deadline, apiKeyIndex, accountIndex] = args;
      if (!clients.has(key(apiKeyIndex, accountIndex))) return { error: `client is not created for apiKeyIndex: ${apiKeyIndex} accountIndex: ${accountIndex}` };
      // The signature part is hex of "stand-in" (not a Schnorr signature).
      return { authToken: `${deadline}:${accountIndex}:${apiKeyIndex}:7374616e642d696e` };
    },
    SignCreateOrder: signer('SignCreateOrder'),
    SignCancelOrder: signer('SignCancelOrder'),
    SignCancelAllOrders: signer('SignCancelAllOrders'),
    SignModifyOrder: signer('SignModifyOrder'),
  };

  globalThis.Go = class {
    constructor() {
      this.importObject = { gojs: {} };
    }
    run(instance) {
      if (!(instance instanceof WebAssembly.Instance)) throw new Error('stand-in: run() expects a WebAssembly.Instance');
      Object.assign(globalThis, exports);
      return new Promise(() => {});
    }
  };
})();
