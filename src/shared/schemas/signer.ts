import { z } from 'zod';

/** A recognised Lighter signer layout (core: venues/lighter/signer/signer-layouts.ts). */
export const signerLayoutInfoSchema = z.object({
  /** `v1.0.9`, `v1.0.7`, `v1.0.6`, `v1.0.3`, `v1.0.2`. */
  id: z.string(),
  /** `v1.0.9 layout (create 19, cancel 6, cancel-all 7, modify 15)`. */
  description: z.string(),
  /** May sign orders of live accounts. */
  live: z.boolean(),
  /** Which lighter-go builds have it. */
  builds: z.string(),
  /** Which lighter-python releases ship it in `lighter/signers/`. */
  lighterPython: z.string(),
});
export type SignerLayoutInfo = z.infer<typeof signerLayoutInfoSchema>;

/**
 * What one searched place held: `not-found` (no file / no folder), `unusable`
 * (a file that cannot be tried: not a signer file, WASM without wasm_exec.js),
 * `failed` (does not load), `refused` (unknown layout or failed probe),
 * `simulator-only` (a known layout not allowed for live orders), `ok` (a live layout).
 */
export const signerFileStatusSchema = z.enum(['not-found', 'unusable', 'failed', 'refused', 'simulator-only', 'ok']);
export type SignerFileStatus = z.infer<typeof signerFileStatusSchema>;

/** One place searched for the Lighter signer, in search order. */
export const signerFileResultSchema = z.object({
  path: z.string(),
  /** Why it is searched: `configured signer path`, `data directory`, `lighter-python SDK`, … */
  origin: z.string(),
  flavor: z.enum(['shared-library', 'wasm']).nullable(),
  status: signerFileStatusSchema,
  layout: signerLayoutInfoSchema.nullable(),
  /** Human detail: `not found`, the probe's findings, the refusal. */
  detail: z.string(),
});
export type SignerFileResult = z.infer<typeof signerFileResultSchema>;

/**
 * The Lighter signer check (`hedgedesk signer check`, Settings → Lighter signer):
 * `ready` = a live layout was found (`chosen`, what live accounts use);
 * `not-for-live` = only older layouts; `unusable` = files found, none usable;
 * `missing` = nothing found. `nextStep` says what to do.
 */
export const signerCheckSchema = z.object({
  verdict: z.enum(['ready', 'not-for-live', 'unusable', 'missing']),
  /** `linux/x64`. */
  platform: z.string(),
  /** This platform's official shared-library file name; null where lighter-go ships none. */
  sharedLibraryName: z.string().nullable(),
  /** `<data dir>/signers`, where Settings installs a chosen file; null when there is no data directory. */
  installDir: z.string().nullable(),
  chosen: signerFileResultSchema.nullable(),
  files: z.array(signerFileResultSchema),
  nextStep: z.string(),
});
export type SignerCheck = z.infer<typeof signerCheckSchema>;

const pathSchema = z.string().trim().min(1, 'must be a file path').max(4096);

/** `signer.check`: search as the app does, or check only `path` (a signer file or a folder holding one). */
export const signerCheckRequestSchema = z.object({ path: pathSchema.optional() }).strict();

/** `signer.install`: a signer file on the machine running HedgeDesk; a `.wasm` needs its `wasm_exec.js` (next to it, or `wasmExecPath`). */
export const signerInstallRequestSchema = z.object({ path: pathSchema, wasmExecPath: pathSchema.optional() }).strict();

/** The files written into `<data dir>/signers`, and the check run afterwards. */
export const signerInstallResultSchema = z.object({ installed: z.array(z.string()), check: signerCheckSchema });
export type SignerInstallResult = z.infer<typeof signerInstallResultSchema>;
