/**
 * The behavioural probe run on every official signer build at load: sign one
 * transaction of each kind HedgeDesk sends, with distinctive values, through a
 * throwaway client, parse the returned `tx_info` and check every field. A
 * build whose arguments land in other positions shows it here (a wrong nonce,
 * key, account, market or a missing/extra attribute) instead of on the venue.
 * The probe transactions are never sent anywhere.
 *
 * The expected `tx_info` follows lighter-go's JSON encoding (types/txtypes/*.go:
 * Go field names in declaration order, `Sig` base64, then `L2TxAttributes` —
 * `null` when no attribute is set, else an object keyed by attribute number;
 * builds before v1.0.3 have no such key; lighter.md §3.2, §3.6).
 */
import type { SignedTx } from './lighter-signer';
import { positionalArgs, type ArgValues, type SignerClientParams } from './signer-abi';
import { describeSignature, SIGN_FUNCTIONS, type LayoutFunction, type SignerArgName, type SignFunction } from './signer-layouts';
import type { LoadedLayout } from './official-signer';

/**
 * The throwaway client: an API key generated once by an official signer build
 * (`GenerateAPIKey`) and never registered with any Lighter account, API key
 * 253 of account 123456789012 (far above any master account index in use,
 * below the sub-account range; lighter.md §1.4), testnet chain id 300. The
 * build keeps this client registered; nothing is ever signed with it but the
 * probe. (CreateClient also sets the build's global chain id, which lighter-go
 * uses only for L1 message bodies of transfers and integrator approvals —
 * never signed by HedgeDesk — and which every account's CreateClient after the
 * probe sets again; each client signs with its own chain id.)
 */
export const PROBE_CLIENT: SignerClientParams = {
  privateKey: '0x43d7f0718043ca64834f9f5a9baaee86688278fac3a6efed2091034b87f3d789630dc1895bc6f231',
  chainId: 300,
  apiKeyIndex: 253,
  accountIndex: 123_456_789_012,
};

const NONCE = 7_340_033;
const MARKET = 37;
const CLIENT_ORDER_INDEX = 1_234_567_891;
/** 2100-01-01T00:00:00Z, Unix ms: a fixed, valid order expiry. */
const ORDER_EXPIRY = 4_102_444_800_000;

/** Probe values of each function, by argument name (a layout without an argument simply does not get it). */
const PROBE_VALUES: Readonly<Record<SignFunction, ArgValues>> = {
  SignCreateOrder: {
    marketIndex: MARKET,
    clientOrderIndex: CLIENT_ORDER_INDEX,
    baseAmount: 246_813,
    price: 1_357_911,
    isAsk: 1,
    orderType: 0,
    timeInForce: 2,
    reduceOnly: 0,
    triggerPrice: 0,
    orderExpiry: ORDER_EXPIRY,
    integratorAccountIndex: 0,
    integratorTakerFee: 0,
    integratorMakerFee: 0,
    // cancel both, same master account: exercises both self-trade arguments (lighter.md §3.6).
    selfTradeBehaviorMode: 2,
    selfTradeEqualityMode: 1,
    skipNonce: 0,
  },
  SignCancelOrder: { marketIndex: MARKET, orderIndex: CLIENT_ORDER_INDEX, skipNonce: 0 },
  // An immediate cancel-all limited to one market: attribute 5.
  SignCancelAllOrders: { timeInForce: 0, time: 0, cancelAllMarketIndex: MARKET, skipNonce: 0 },
  SignModifyOrder: {
    marketIndex: MARKET,
    index: CLIENT_ORDER_INDEX,
    baseAmount: 123_457,
    price: 1_357_913,
    triggerPrice: 0,
    integratorAccountIndex: 0,
    integratorTakerFee: 0,
    integratorMakerFee: 0,
    selfTradeBehaviorMode: 1,
    selfTradeEqualityMode: 0,
    skipNonce: 0,
    orderVersion: 0,
  },
};

/** Transaction types (lighter.md §3.1). */
const TX_TYPES: Readonly<Record<SignFunction, number>> = { SignCreateOrder: 14, SignCancelOrder: 15, SignCancelAllOrders: 16, SignModifyOrder: 17 };

/** tx_info field → the argument it comes from, per function, in lighter-go's field order (before ExpiredAt, Nonce, Sig). */
const TX_FIELDS: Readonly<Record<SignFunction, readonly [string, SignerArgName][]>> = {
  SignCreateOrder: [
    ['MarketIndex', 'marketIndex'],
    ['ClientOrderIndex', 'clientOrderIndex'],
    ['BaseAmount', 'baseAmount'],
    ['Price', 'price'],
    ['IsAsk', 'isAsk'],
    ['Type', 'orderType'],
    ['TimeInForce', 'timeInForce'],
    ['ReduceOnly', 'reduceOnly'],
    ['TriggerPrice', 'triggerPrice'],
    ['OrderExpiry', 'orderExpiry'],
  ],
  SignCancelOrder: [
    ['MarketIndex', 'marketIndex'],
    ['Index', 'orderIndex'],
  ],
  SignCancelAllOrders: [
    ['TimeInForce', 'timeInForce'],
    ['Time', 'time'],
  ],
  SignModifyOrder: [
    ['MarketIndex', 'marketIndex'],
    ['Index', 'index'],
    ['BaseAmount', 'baseAmount'],
    ['Price', 'price'],
    ['TriggerPrice', 'triggerPrice'],
  ],
};

/** Attribute numbers of the arguments that become attributes, with their nil values (lighter.md §3.6; v1.0.9 order version = 8). */
const ATTRIBUTES: readonly [SignerArgName, number, number][] = [
  ['integratorAccountIndex', 1, 0],
  ['integratorTakerFee', 2, 0],
  ['integratorMakerFee', 3, 0],
  ['skipNonce', 4, 0],
  ['cancelAllMarketIndex', 5, 255],
  ['selfTradeBehaviorMode', 6, 0],
  ['selfTradeEqualityMode', 7, 0],
  ['orderVersion', 8, 0],
];

/** Official signatures are 80 bytes (Schnorr over ECgFp5; the recorded `Sig`s decode to 80). */
const SIGNATURE_BYTES = 80;

/** The probe call of one function for a build whose argument list is `names`: values by name (only those it takes), the client's key and account, the probe nonce. */
export function probeValues(fn: SignFunction, names: readonly SignerArgName[]): ArgValues {
  const values: ArgValues = { nonce: NONCE, apiKeyIndex: PROBE_CLIENT.apiKeyIndex, accountIndex: PROBE_CLIENT.accountIndex };
  for (const [arg, value] of Object.entries(PROBE_VALUES[fn]) as [SignerArgName, number][]) if (names.includes(arg)) values[arg] = value;
  return values;
}

/** The `L2TxAttributes` the probe call must produce: `undefined` = no such key, `null` = none set, else the attributes. */
function expectedAttributes(values: ArgValues, attributesKey: boolean): Record<string, number> | null | undefined {
  if (!attributesKey) return undefined;
  const attrs: Record<string, number> = {};
  for (const [arg, type, nil] of ATTRIBUTES) {
    const v = values[arg];
    if (v !== undefined && v !== nil) attrs[String(type)] = v;
  }
  return Object.keys(attrs).length === 0 ? null : attrs;
}

/**
 * Checks a probe call's answer field by field against what a build with
 * argument list `names` must sign for {@link probeValues}.
 * @returns the problems found, empty when every field is right.
 */
export function checkProbeAnswer(fn: SignFunction, names: readonly SignerArgName[], attributesKey: boolean, signed: SignedTx): string[] {
  const values = probeValues(fn, names);
  const problems: string[] = [];
  if (signed.txType !== TX_TYPES[fn]) problems.push(`txType: expected ${TX_TYPES[fn]}, got ${String(signed.txType)}`);
  let info: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(signed.txInfo);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return [...problems, `tx_info is not a JSON object: ${signed.txInfo.slice(0, 200)}`];
    info = parsed as Record<string, unknown>;
  } catch {
    return [...problems, `tx_info is not JSON: ${signed.txInfo.slice(0, 200)}`];
  }
  const expected: Record<string, unknown> = { AccountIndex: PROBE_CLIENT.accountIndex, ApiKeyIndex: PROBE_CLIENT.apiKeyIndex };
  for (const [field, arg] of TX_FIELDS[fn]) expected[field] = values[arg];
  expected.Nonce = NONCE;
  for (const [field, want] of Object.entries(expected)) {
    if (info[field] !== want) problems.push(`${field}: expected ${String(want)}, got ${JSON.stringify(info[field])}`);
  }
  const expiredAt = info.ExpiredAt;
  if (typeof expiredAt !== 'number' || !Number.isSafeInteger(expiredAt) || expiredAt <= 0) problems.push(`ExpiredAt: expected a positive integer (Unix ms), got ${JSON.stringify(expiredAt)}`);
  const sig = info.Sig;
  if (typeof sig !== 'string' || Buffer.from(sig, 'base64').length !== SIGNATURE_BYTES) {
    problems.push(`Sig: expected ${SIGNATURE_BYTES} bytes in base64, got ${JSON.stringify(sig)}`);
  }
  const attrs = expectedAttributes(values, attributesKey);
  if (attrs === undefined) {
    if ('L2TxAttributes' in info) problems.push(`L2TxAttributes: expected no such key (a pre-v1.0.3 build), got ${JSON.stringify(info.L2TxAttributes)}`);
  } else if (JSON.stringify(sortKeys(info.L2TxAttributes)) !== JSON.stringify(attrs)) {
    problems.push(`L2TxAttributes: expected ${JSON.stringify(attrs)}, got ${JSON.stringify(info.L2TxAttributes)}`);
  }
  const known = new Set([...Object.keys(expected), 'ExpiredAt', 'Sig', 'L2TxAttributes']);
  const extra = Object.keys(info).filter((k) => !known.has(k));
  if (extra.length > 0) problems.push(`unexpected tx_info fields: ${extra.join(', ')}`);
  return problems;
}

/** An attribute object with its keys in numeric order (Go writes map keys sorted); anything else as is. */
function sortKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => Number(a) - Number(b)));
}

/** Signs one probe call: function, the argument list (names and C types) to call it with, positional values. May throw. */
export type ProbeCall = (fn: SignFunction, variant: LayoutFunction, args: readonly number[]) => SignedTx;

/**
 * Calls `fn` as if its argument list were `variant` with the probe values and
 * checks the answer.
 * @returns the problems found (a signer error counts as one), empty when every field is right.
 */
export function probeFunction(fn: SignFunction, variant: LayoutFunction, call: ProbeCall): string[] {
  let signed: SignedTx;
  try {
    signed = call(fn, variant, positionalArgs(fn, variant.names, probeValues(fn, variant.names), 'probe'));
  } catch (err) {
    return [`the signer answered an error: ${err instanceof Error ? err.message : String(err)}`];
  }
  return checkProbeAnswer(fn, variant.names, variant.attributesKey, signed);
}

/**
 * Probes all four functions of a build whose layout is already known (a WASM
 * build that reported its argument names), in the build's argument order.
 * @returns one line per failing function, empty when the build signs every field in place.
 */
export function probeKnownLayout(loaded: LoadedLayout, call: ProbeCall): string[] {
  const lines: string[] = [];
  for (const fn of SIGN_FUNCTIONS) {
    const variant: LayoutFunction = { ...loaded.layout.functions[fn], names: loaded.argOrder[fn] };
    const problems = probeFunction(fn, variant, call);
    if (problems.length > 0) lines.push(`  ${describeSignature(fn, variant.names)}: ${problems.join('; ')}`);
  }
  return lines;
}
