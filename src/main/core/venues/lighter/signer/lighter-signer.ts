/**
 * Signing of Lighter transactions. Two implementations: the official signer
 * built from elliottech/lighter-go (WASM or shared library, pinned version),
 * for live and paper accounts alike; and the paper signer (placeholder
 * signature), for paper accounts only. Integer fields are already scaled by the
 * codec. Facts: shared/venues/lighter.md §3 and §5 (lighter-go wasm/main.go,
 * sharedlib/main.go @ 17f2d60).
 */

/** Order fields of a CreateOrder (tx type 14), as integers on the wire. */
export interface LighterOrderFields {
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
  /** Unix ms; 0 for IOC/market; −1 lets the official signer use now + 28 days. */
  orderExpiry: number;
  /**
   * Self-trade behaviour, tx attribute 6 (lighter-go v1.0.7 `SignCreateOrder` argument
   * `selfTradeBehaviorMode`): 0 expire maker (default, no attribute sent), 1 expire taker,
   * 2 cancel both, 3 reduce. Absent = 0.
   */
  selfTradeBehaviorMode?: 0 | 1 | 2 | 3;
  /**
   * Self-trade equality, tx attribute 7 (argument `selfTradeEqualityMode`): 0 same account
   * index (default, no attribute sent), 1 same master account. Absent = 0. 3 with 1 is refused
   * by lighter-go.
   */
  selfTradeEqualityMode?: 0 | 1;
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
  /** tx type 17. */
  signModifyOrder(marketIndex: number, index: number, baseAmount: number, price: number, triggerPrice: number, nonce: number): Promise<SignedTx>;
  /** `<deadline>:<account>:<apiKey>:<signature-hex>`, valid until `deadlineSeconds` (Unix s, ≤ now + 8 h). */
  createAuthToken(deadlineSeconds: number): Promise<string>;
}
