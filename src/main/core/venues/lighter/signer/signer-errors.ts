/**
 * Errors of the Lighter signers. Callers branch on the class, never on the
 * message text; messages are written for the user and never contain key
 * material.
 */

/** One place the loader looked for the official signer, and what it found there. */
export interface SearchedSignerPath {
  /** A file path, or a pattern with `python3.<n>` wildcards when nothing matched it. */
  path: string;
  /** Why this location was searched (e.g. `configured path`, `HEDGEDESK_LIGHTER_SIGNER`, `lighter-python SDK`). */
  origin: string;
  /** `not found`, or why a file that exists could not be used. */
  outcome: string;
}

/**
 * No usable official Lighter signer: nothing found, or every file found was
 * refused (wrong ABI) or failed to load. The message lists every path searched
 * (in order) and where the official file comes from. Thrown by
 * `loadOfficialSigner` and by `signerForAccount` for live accounts; HedgeDesk
 * never falls back to the paper signer for a live account.
 */
export class SignerUnavailableError extends Error {
  constructor(
    message: string,
    /** Every location searched, in search order. */
    readonly searched: readonly SearchedSignerPath[],
  ) {
    super(message);
    this.name = 'SignerUnavailableError';
  }
}

/** Why a signer build that loads is refused. */
export type SignerRefusal =
  /** its argument lists match no known layout (signer-layouts.ts) */
  | 'unknown-layout'
  /** the behavioural probe found fields out of place (signer-probe.ts) */
  | 'probe-failed'
  /** a known layout that may not sign live orders (signer-layouts.ts explains why) */
  | 'not-for-live';

/**
 * A signer binary exists and loads, but HedgeDesk will not use it (for this
 * purpose): calling a build of another layout would put arguments in the wrong
 * positions, and older layouts may not sign live orders.
 */
export class SignerLayoutError extends Error {
  constructor(
    readonly refusal: SignerRefusal,
    /** What was found (without the build instructions). */
    readonly details: string,
    /** The binary that was refused. */
    readonly binaryPath: string,
    /** Where a supported build comes from (signer-build-hint.ts). */
    buildHint: string,
  ) {
    super(`${details}\n${buildHint}`);
    this.name = 'SignerLayoutError';
  }
}

/** The official signer answered `{error}` (WASM) or a non-NULL `err` (shared library). */
export class LighterSignerError extends Error {
  constructor(
    /** The signer function that failed, e.g. `SignCreateOrder`. */
    readonly signerFunction: string,
    /** The signer's own error text. */
    readonly signerMessage: string,
  ) {
    super(`Lighter signer ${signerFunction} failed: ${signerMessage}`);
    this.name = 'LighterSignerError';
  }
}

/**
 * A transaction field is out of range or inconsistent (lighter.md §3.2 rules,
 * lighter-go types/txtypes/*.go Validate), or not an integer the signer ABI
 * can carry. Thrown before anything is signed.
 */
export class LighterTxValidationError extends Error {
  constructor(
    /** The Go field name (`Price`, `OrderExpiry`, `Nonce`, …). */
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'LighterTxValidationError';
  }
}

/** Someone tried to use the paper signer (placeholder signatures) for an account that is not a paper account. */
export class PaperSignerRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PaperSignerRefusedError';
  }
}

/** A signer file chosen for installation cannot be installed; nothing was written. */
export class SignerInstallError extends Error {
  constructor(
    /** The request field at fault: `path` or `wasmExecPath`. */
    readonly field: 'path' | 'wasmExecPath',
    message: string,
  ) {
    super(message);
    this.name = 'SignerInstallError';
  }
}
