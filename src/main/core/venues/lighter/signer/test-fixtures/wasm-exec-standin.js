// STAND-IN for Go's wasm_exec.js together with the official lighter-signer.wasm
// (lighter-go @ 17f2d60 wasm/main.go) — NOT the real files.
//
// Loaded by wasm-signer.test.ts next to a minimal valid WASM module (the 8
// bytes "\0asm\x01\0\0\0"), it plays both parts: like wasm_exec.js it defines
// globalThis.Go with an importObject and run(instance); like the Go program,
// run() installs the signer functions on globalThis and never resolves
// (the real main() blocks forever). The functions answer the way the pinned
// build does when given too few arguments — {error: "<fn> expects N args:
// <names>"} with the argument lists of lighter.md §5.2 — and otherwise sign
// nothing: txInfo echoes {"fn", "args"} so tests can check every positional
// argument.
'use strict';
(() => {
  const clients = new Set();
  const expects = (name, names) => ({ error: `${name} expects ${names.length} args: ${names.join(', ')}` });
  const signer = (name, txType, names) =>
    function (...args) {
      if (args.length < names.length) return expects(name, names);
      const [apiKeyIndex, accountIndex] = args.slice(-2);
      if (!clients.has(`${apiKeyIndex}:${accountIndex}`)) return { error: 'stand-in: client not found, call CreateClient first' };
      const nonce = args[names.indexOf('nonce')];
      if (nonce === 424242) return { error: 'stand-in: invalid nonce' };
      return { txType, txInfo: JSON.stringify({ fn: name, args }), txHash: `standin-${name}-${nonce}` };
    };

  const exports = {
    CreateClient(...args) {
      if (args.length < 5) return expects('CreateClient', ['url', 'privateKey', 'chainId', 'apiKeyIndex', 'accountIndex']);
      const [url, privateKey, chainId, apiKeyIndex, accountIndex] = args;
      if (url !== '') return { error: 'stand-in: a URL was given, but HedgeDesk must create the signer without HTTP' };
      if (privateKey === '') return { error: 'stand-in: empty private key' };
      if (chainId !== 300 && chainId !== 304) return { error: 'stand-in: unknown chain id' };
      clients.add(`${apiKeyIndex}:${accountIndex}`);
      return {};
    },
    CreateAuthToken(...args) {
      if (args.length < 3) return expects('CreateAuthToken', ['deadline', 'apiKeyIndex', 'accountIndex']);
      const [deadline, apiKeyIndex, accountIndex] = args;
      if (!clients.has(`${apiKeyIndex}:${accountIndex}`)) return { error: 'stand-in: client not found, call CreateClient first' };
      return { authToken: `${deadline}:${accountIndex}:${apiKeyIndex}:standin` };
    },
    SignCreateOrder: signer('SignCreateOrder', 14, [
      'marketIndex', 'clientOrderIndex', 'baseAmount', 'price', 'isAsk', 'orderType', 'timeInForce', 'reduceOnly', 'triggerPrice',
      'orderExpiry', 'integratorAccountIndex', 'integratorTakerFee', 'integratorMakerFee', 'selfTradeBehaviorMode',
      'selfTradeEqualityMode', 'skipNonce', 'nonce', 'apiKeyIndex', 'accountIndex',
    ]),
    SignCancelOrder: signer('SignCancelOrder', 15, ['marketIndex', 'orderIndex', 'skipNonce', 'nonce', 'apiKeyIndex', 'accountIndex']),
    SignCancelAllOrders: signer('SignCancelAllOrders', 16, [
      'timeInForce', 'time', 'cancelAllMarketIndex', 'skipNonce', 'nonce', 'apiKeyIndex', 'accountIndex',
    ]),
    SignModifyOrder: signer('SignModifyOrder', 17, [
      'marketIndex', 'index', 'baseAmount', 'price', 'triggerPrice', 'integratorAccountIndex', 'integratorTakerFee',
      'integratorMakerFee', 'selfTradeBehaviorMode', 'selfTradeEqualityMode', 'skipNonce', 'nonce', 'apiKeyIndex', 'accountIndex',
    ]),
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
