import { join } from 'node:path';
import type { SignerCheck, SignerFileResult, SignerLayoutInfo } from '../../../../../shared/schemas/signer';
import { signerBuildHint } from './signer-build-hint';
import { SignerLayoutError } from './signer-errors';
import { describeLayout, type SignerLayout } from './signer-layouts';
import { loadSignerBuild, signerCandidates, type SignerFindOptions } from './signer-loader';

/** A layout as the contract reports it. */
export function layoutInfo(layout: SignerLayout): SignerLayoutInfo {
  return { id: layout.id, description: describeLayout(layout), live: layout.live, builds: layout.builds, lighterPython: layout.lighterPython };
}

/**
 * Searches for the Lighter signer as a live account would (signer-loader.ts
 * order), loads and probes every file found — without registering any
 * account key — and reports each place, the file live accounts would use, a
 * verdict and the next step. With `onlyConfiguredPath` it checks that path
 * alone (`hedgedesk signer check --path`). Never throws for a bad file: that
 * is what the report is for.
 */
export async function checkSigners(opts: SignerFindOptions): Promise<SignerCheck> {
  const { candidates, libraryName, environment } = signerCandidates(opts);
  const files: SignerFileResult[] = [];
  for (const c of candidates) {
    const base = { path: c.path, origin: c.origin, flavor: c.flavor ?? null };
    if (c.flavor === undefined) {
      files.push({ ...base, status: c.outcome === 'not found' || c.outcome === 'no such folder' ? 'not-found' : 'unusable', layout: null, detail: c.outcome });
      continue;
    }
    try {
      const loaded = await loadSignerBuild(c, libraryName);
      const live = loaded.layout.live;
      files.push({
        ...base,
        status: live ? 'ok' : 'simulator-only',
        layout: layoutInfo(loaded.layout),
        detail: live
          ? `${describeLayout(loaded.layout)}: probe passed (every field of the probe transactions in place)`
          : `${describeLayout(loaded.layout)}: probe passed, but this layout may not sign live orders (no self-trade settings; the venue is not known to accept it)`,
      });
    } catch (err) {
      if (err instanceof SignerLayoutError) files.push({ ...base, status: 'refused', layout: null, detail: err.details });
      else files.push({ ...base, status: 'failed', layout: null, detail: `failed to load: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  const chosen = files.find((f) => f.status === 'ok') ?? null;
  const verdict = chosen
    ? 'ready'
    : files.some((f) => f.status === 'simulator-only')
      ? 'not-for-live'
      : files.some((f) => f.status !== 'not-found')
        ? 'unusable'
        : 'missing';
  const hint = signerBuildHint(libraryName);
  const nextStep = {
    ready: `Live Lighter accounts will sign with ${chosen?.path ?? ''} (${chosen?.layout?.description ?? ''}). Nothing to do.`,
    'not-for-live': `Only builds of older layouts were found; they cannot sign live orders.\n${hint}`,
    unusable: `Signer files were found but none can be used (see each file's detail).\n${hint}`,
    missing: `No Lighter signer was found.\n${hint}`,
  }[verdict];
  return {
    verdict,
    platform: `${environment.platform}/${environment.arch}`,
    sharedLibraryName: libraryName ?? null,
    installDir: opts.dataDir ? join(opts.dataDir, 'signers') : null,
    chosen,
    files,
    nextStep,
  };
}
