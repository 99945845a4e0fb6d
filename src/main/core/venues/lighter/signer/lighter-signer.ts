/**
 * Signing of Lighter transactions. Two implementations: the official signer
 * built from elliottech/lighter-go (WASM or shared library, any layout of
 * signer-layouts.ts; live accounts need a live layout); and the paper signer
 * (placeholder signature), for paper accounts only. Integer fields are already
 * scaled by the codec. Facts: shared/venues/lighter.md §3 and §5.
 */

/** Self-trade behaviour, tx attribute 6 (lighter.md §3.6): 0 expire maker (the venue's default), 1 expire taker, 2 cancel both, 3 reduce. */
export type SelfTradeBehaviorMode = 0 | 1 | 2 | 3;
/** Self-trade equality, tx attribute 7 (lighter.md §3.6): 0 same account index (the venue's default), 1 same master account. */
export type SelfTradeEqualityMode = 0 | 1;

/**
 * Self-trade prevention of one order; an absent field is the venue's default
 * (0). Needs a v1.0.7+ signer layout when not default. An account's settings
 * map to these with `selfTradeWireModes` (shared/schemas/self-trade.ts).
 */
export interface SelfTradeFields {
  selfTradeBehaviorMode?: SelfTradeBehaviorMode;
  selfTradeEqualityMode?: SelfTradeEqualityMode;
}

/** Order fields of a CreateOrder (tx type 14), as integers on the wire, plus its self-trade prevention (absent = the venue's defaults). */
export interface LighterOrderFields extends SelfTradeFields {
  /** Perp 0–254. */
  marketIndex: number;
  /** 0 = none, else 1 … 2^48−1, unique per account across markets. */
  clientOrderIndex: number;
  /** size × 10^size_decimals, 1 … 2^48−1. */
  baseAmount: number;
  /** price × 10^price_decimals, 1 … 2^32−1; the worst price for market orders. */
  price: number;
  isAsk: boolean;
  /** 0 limit, 1 market. */
  orderType: 0 | 1;
  /** 0 IOC, 1 good-till-time, 2 post-only. */
  timeInForce: 0 | 1 | 2;
  reduceOnly: boolean;
  /** 0 = none. */
  triggerPrice: number;
  /** Unix ms; 0 for IOC/market; −1 = now + 28 days on the injected clock. */
  orderExpiry: number;
}

/** Optional fields of a ModifyOrder beyond market, index, amount, prices. */
export interface ModifyOrderOptions extends SelfTradeFields {
  /**
   * The order version the modify applies to (lighter-go v1.0.9 `order_version`,
   * attribute 8; 0 = none, the default). Needs a v1.0.9+ layout when not 0.
   */
  orderVersion?: number;
}

/** A signed transaction, ready for sendTx: `tx_type` and the `tx_info` JSON string. */
export interface SignedTx {
  txType: number;
  txInfo: string;
  /** The tx hash the signer computed (the paper signer's is a digest of tx_info). */
  txHash: string;
}

/** Signs transactions for one (account index, API key index). `nonce` is always explicit. */
export interface LighterSigner {
  /** `official`: a real Lighter signer build; `paper`: placeholder signatures, paper accounts only. */
  readonly kind: 'official' | 'paper';
  readonly accountIndex: number;
  readonly apiKeyIndex: number;
  /** tx type 14. */
  signCreateOrder(order: LighterOrderFields, nonce: number): Promise<SignedTx>;
  /** tx type 15; `orderIndex` is the exchange order index or the client order index. */
  signCancelOrder(marketIndex: number, orderIndex: number, nonce: number): Promise<SignedTx>;
  /** tx type 16; `timeInForce` 0 immediate (time 0), 1 scheduled (time = Unix ms), 2 abort scheduled. */
  signCancelAllOrders(timeInForce: 0 | 1 | 2, time: number, nonce: number): Promise<SignedTx>;
  /** tx type 17; `options` carry self-trade modes and the order version (absent = defaults). */
  signModifyOrder(marketIndex: number, index: number, baseAmount: number, price: number, triggerPrice: number, nonce: number, options?: ModifyOrderOptions): Promise<SignedTx>;
  /** `<deadline>:<account>:<apiKey>:<signature-hex>`, valid until `deadlineSeconds` (Unix s, ≤ now + 8 h). */
  createAuthToken(deadlineSeconds: number): Promise<string>;
}
