import { createHash } from 'node:crypto';
import type { Clock } from '../../../clock';
import type { LighterOrderFields, LighterSigner, ModifyOrderOptions, SelfTradeFields, SignedTx } from './lighter-signer';
import { explicitNonce, resolveAuthTokenDeadline, resolveOrderExpiry } from './signer-abi';
import { LighterTxValidationError, PaperSignerRefusedError } from './signer-errors';
import { validateCancelAllOrders, validateCancelOrder, validateCreateOrder, validateModifyOrder, type TxEnvelope } from './tx-validation';

/** The account a paper signer is made for; its `mode` is the proof that placeholder signatures are allowed. */
export interface PaperSignerAccount {
  mode: 'paper' | 'live';
  accountIndex: number;
  apiKeyIndex: number;
}

/**
 * Every paper `Sig` (base64) and auth-token signature (hex) decodes to bytes
 * starting with this text — recognisably not a Schnorr signature.
 */
export const PAPER_SIGNATURE_PREFIX = 'hedgedesk-paper-signature:';

/** Official signatures are 80 bytes (the recorded `Sig`s decode to 80); paper ones have the same length. */
const SIGNATURE_BYTES = 80;
/** `ExpiredAt` = now + 10 min − 1 s, as the Go client fills it (lighter.md §3.2, lighter-go client/tx_client.go). */
const TX_EXPIRY_MS = 10 * 60 * 1000 - 1000;
/** Transaction types (lighter.md §3.1). */
const TX_TYPE = { createOrder: 14, cancelOrder: 15, cancelAllOrders: 16, modifyOrder: 17 } as const;

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** 80 bytes: the prefix, then the start of sha256(message) in hex. */
function placeholderSignature(message: string): Buffer {
  const prefix = Buffer.from(PAPER_SIGNATURE_PREFIX, 'utf8');
  return Buffer.concat([prefix, Buffer.from(sha256Hex(message).slice(0, SIGNATURE_BYTES - prefix.length), 'utf8')]);
}

/** `L2TxAttributes` of an order's self-trade modes and order version (6, 7, 8; nil values left out, lighter.md §3.6), or null when none is set. @throws LighterTxValidationError on a value out of range */
function orderAttributes(f: SelfTradeFields & { orderVersion?: number }): Record<string, number> | null {
  const behavior = f.selfTradeBehaviorMode ?? 0;
  const equality = f.selfTradeEqualityMode ?? 0;
  const version = f.orderVersion ?? 0;
  if (![0, 1, 2, 3].includes(behavior)) throw new LighterTxValidationError('selfTradeBehaviorMode', `selfTradeBehaviorMode must be 0–3, got ${String(behavior)}`);
  if (![0, 1].includes(equality)) throw new LighterTxValidationError('selfTradeEqualityMode', `selfTradeEqualityMode must be 0 or 1, got ${String(equality)}`);
  // lighter-go tx_attributes.go Validate: ErrReduceModeNotAllowedWithMasterAccountIndexEqualityMode.
  if (behavior === 3 && equality === 1) throw new LighterTxValidationError('selfTradeBehaviorMode', 'self-trade behaviour "reduce" is not allowed with equality "same master account"');
  if (!Number.isSafeInteger(version) || version < 0) throw new LighterTxValidationError('orderVersion', `orderVersion must be an integer ≥ 0, got ${String(version)}`);
  const attrs: Record<string, number> = {};
  if (behavior !== 0) attrs['6'] = behavior;
  if (equality !== 0) attrs['7'] = equality;
  if (version !== 0) attrs['8'] = version;
  return Object.keys(attrs).length === 0 ? null : attrs;
}

/**
 * Signs Lighter transactions with placeholder signatures, for **paper accounts
 * only** (served by HedgeDesk's simulator; the real venue would reject them).
 * Produces the same `tx_info` as an official v1.0.9 signer: Go field names in
 * Go declaration order, integers as JSON numbers, `IsAsk`/`ReduceOnly` as 0/1,
 * `Sig` base64, then `L2TxAttributes` — `null` with HedgeDesk's defaults (no
 * integrator, no skip-nonce, default self-trade modes, cancel-all over all
 * markets), else the self-trade modes (6, 7) and order version (8) set
 * (lighter.md §3.2, §3.6; lighter-go types/txtypes/*.go,
 * examples/wasm/test_wasm.mjs). It runs the same
 * validation as the official signer (tx-validation.ts) and takes time from the
 * injected clock: `ExpiredAt` = now + 10 min − 1 s, `orderExpiry` −1 = now + 28 days.
 * `Sig` = base64 of 80 bytes starting `hedgedesk-paper-signature:`; `txHash` =
 * hex sha256 of `tx_info`.
 */
export class PaperSigner implements LighterSigner {
  readonly kind = 'paper' as const;
  readonly accountIndex: number;
  readonly apiKeyIndex: number;

  /**
   * @param account the account to sign for; must be a paper account.
   * @throws PaperSignerRefusedError when `account.mode` is not `'paper'` (live accounts need the official signer).
   */
  constructor(
    account: PaperSignerAccount,
    private readonly clock: Clock,
  ) {
    if (account.mode !== 'paper') {
      throw new PaperSignerRefusedError(
        `The paper signer makes placeholder signatures and is for paper accounts only; account ${account.accountIndex} is ${String(account.mode)} and needs the official Lighter signer.`,
      );
    }
    this.accountIndex = account.accountIndex;
    this.apiKeyIndex = account.apiKeyIndex;
  }

  /** Signs a CreateOrder (tx type 14). @throws LighterTxValidationError */
  async signCreateOrder(order: LighterOrderFields, nonce: number): Promise<SignedTx> {
    const now = this.clock.now();
    const { AccountIndex, ApiKeyIndex, ExpiredAt, Nonce } = this.envelope(now, nonce);
    const tx = {
      AccountIndex,
      ApiKeyIndex,
      MarketIndex: order.marketIndex,
      ClientOrderIndex: order.clientOrderIndex,
      BaseAmount: order.baseAmount,
      Price: order.price,
      IsAsk: order.isAsk ? 1 : 0,
      Type: order.orderType,
      TimeInForce: order.timeInForce,
      ReduceOnly: order.reduceOnly ? 1 : 0,
      TriggerPrice: order.triggerPrice,
      OrderExpiry: resolveOrderExpiry(order.orderExpiry, now),
      ExpiredAt,
      Nonce,
    };
    validateCreateOrder(tx);
    return this.sign(TX_TYPE.createOrder, tx, orderAttributes(order));
  }

  /** Signs a CancelOrder (tx type 15). @throws LighterTxValidationError */
  async signCancelOrder(marketIndex: number, orderIndex: number, nonce: number): Promise<SignedTx> {
    const { AccountIndex, ApiKeyIndex, ExpiredAt, Nonce } = this.envelope(this.clock.now(), nonce);
    const tx = { AccountIndex, ApiKeyIndex, MarketIndex: marketIndex, Index: orderIndex, ExpiredAt, Nonce };
    validateCancelOrder(tx);
    return this.sign(TX_TYPE.cancelOrder, tx);
  }

  /** Signs a CancelAllOrders (tx type 16). @throws LighterTxValidationError */
  async signCancelAllOrders(timeInForce: 0 | 1 | 2, time: number, nonce: number): Promise<SignedTx> {
    const { AccountIndex, ApiKeyIndex, ExpiredAt, Nonce } = this.envelope(this.clock.now(), nonce);
    const tx = { AccountIndex, ApiKeyIndex, TimeInForce: timeInForce, Time: time, ExpiredAt, Nonce };
    validateCancelAllOrders(tx);
    return this.sign(TX_TYPE.cancelAllOrders, tx);
  }

  /** Signs a ModifyOrder (tx type 17). @throws LighterTxValidationError */
  async signModifyOrder(marketIndex: number, index: number, baseAmount: number, price: number, triggerPrice: number, nonce: number, options: ModifyOrderOptions = {}): Promise<SignedTx> {
    const { AccountIndex, ApiKeyIndex, ExpiredAt, Nonce } = this.envelope(this.clock.now(), nonce);
    const tx = { AccountIndex, ApiKeyIndex, MarketIndex: marketIndex, Index: index, BaseAmount: baseAmount, Price: price, TriggerPrice: triggerPrice, ExpiredAt, Nonce };
    validateModifyOrder(tx);
    return this.sign(TX_TYPE.modifyOrder, tx, orderAttributes(options));
  }

  /**
   * `<deadline>:<account>:<apiKey>:<hex>` with a placeholder signature (lighter.md §2);
   * `deadlineSeconds` 0 = now + 7 h, like the Go signer.
   * @throws LighterTxValidationError when the deadline is not an integer.
   */
  async createAuthToken(deadlineSeconds: number): Promise<string> {
    const deadline = resolveAuthTokenDeadline(deadlineSeconds, this.clock.now());
    const message = `${deadline}:${this.accountIndex}:${this.apiKeyIndex}`;
    return `${message}:${placeholderSignature(message).toString('hex')}`;
  }

  /** The fields every tx starts and ends with; `ExpiredAt` from the clock. @throws LighterTxValidationError on a missing nonce */
  private envelope(now: number, nonce: number): TxEnvelope {
    return { AccountIndex: this.accountIndex, ApiKeyIndex: this.apiKeyIndex, ExpiredAt: now + TX_EXPIRY_MS, Nonce: explicitNonce(nonce) };
  }

  /** Appends `Sig` and `L2TxAttributes` to the validated fields (already in Go order). */
  private sign(txType: number, tx: object, L2TxAttributes: Record<string, number> | null = null): SignedTx {
    const Sig = placeholderSignature(`${txType}:${JSON.stringify(tx)}:${JSON.stringify(L2TxAttributes)}`).toString('base64');
    const txInfo = JSON.stringify({ ...tx, Sig, L2TxAttributes });
    return { txType, txInfo, txHash: sha256Hex(txInfo) };
  }
}
