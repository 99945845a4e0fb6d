// STAND-IN for Go's wasm_exec.js together with an OLDER official
// lighter-signer.wasm (lighter-go ≤ Feb 2026, e.g. d951267, as ccxt/lighter-wasm
// ships it) — NOT the real files.
//
// Like wasm-exec-standin.js, but the functions answer the probe with the older
// argument lists of lighter.md §5.2's table: SignCreateOrder 13 args,
// SignCancelOrder 5, SignCancelAllOrders 5. HedgeDesk must refuse this build.
'use strict';
(() => {
  const expects = (name, names) => () => ({ error: `${name} expects ${names.length} args: ${names.join(', ')}` });
  const exports = {
    CreateClient: expects('CreateClient', ['url', 'privateKey', 'chainId', 'apiKeyIndex', 'accountIndex']),
    CreateAuthToken: expects('CreateAuthToken', ['deadline', 'apiKeyIndex', 'accountIndex']),
    SignCreateOrder: expects('SignCreateOrder', [
      'marketIndex', 'clientOrderIndex', 'baseAmount', 'price', 'isAsk', 'orderType', 'timeInForce', 'reduceOnly', 'triggerPrice',
      'orderExpiry', 'nonce', 'apiKeyIndex', 'accountIndex',
    ]),
    SignCancelOrder: expects('SignCancelOrder', ['marketIndex', 'orderIndex', 'nonce', 'apiKeyIndex', 'accountIndex']),
    SignCancelAllOrders: expects('SignCancelAllOrders', ['timeInForce', 'time', 'nonce', 'apiKeyIndex', 'accountIndex']),
    SignModifyOrder: expects('SignModifyOrder', ['marketIndex', 'index', 'baseAmount', 'price', 'triggerPrice', 'nonce', 'apiKeyIndex', 'accountIndex']),
  };

  globalThis.Go = class {
    constructor() {
      this.importObject = { gojs: {} };
    }
    run() {
      Object.assign(globalThis, exports);
      return new Promise(() => {});
    }
  };
})();
