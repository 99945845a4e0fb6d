import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import type { SignerCheck, SignerFileStatus } from '../../../shared/schemas/signer';
import { cliDataDir } from '../data-dir';
import { checkSigners } from '../venues/lighter/signer/signer-check';
import type { CliCommand } from './command';
import { UsageError } from './usage-error';

/** Exit codes of `hedgedesk signer check`, by verdict (2 stays usage errors, 1 unexpected failures). */
export const SIGNER_CHECK_EXIT_CODES: Readonly<Record<SignerCheck['verdict'], number>> = { ready: 0, 'not-for-live': 3, unusable: 4, missing: 5 };

const STATUS_LABEL: Readonly<Record<SignerFileStatus, string>> = {
  ok: 'OK',
  'simulator-only': 'NOT FOR LIVE',
  refused: 'REFUSED',
  failed: 'FAILED',
  unusable: 'UNUSABLE',
  'not-found': 'not found',
};

const VERDICT_LABEL: Readonly<Record<SignerCheck['verdict'], string>> = {
  ready: 'READY — live Lighter accounts can sign',
  'not-for-live': 'NOT READY — only older signer layouts found (simulator only)',
  unusable: 'NOT READY — signer files found, none usable',
  missing: 'NOT READY — no signer found',
};

/** The check as text: platform, every place searched with its outcome (details indented), the verdict and the next step. */
export function formatSignerCheck(check: SignerCheck): string {
  const lines = [`Lighter signer check on ${check.platform} (${check.sharedLibraryName ? `shared library ${check.sharedLibraryName}` : 'WASM only'}; install folder ${check.installDir ?? '—'})`, '', 'Searched, in order:'];
  for (const f of check.files) {
    lines.push(`  ${STATUS_LABEL[f.status].padEnd(12)} ${f.path}  [${f.origin}${f.flavor ? `, ${f.flavor}` : ''}]`);
    if (f.status !== 'not-found') lines.push(...f.detail.split('\n').map((l) => `      ${l.trimStart()}`));
  }
  lines.push('', `Verdict: ${VERDICT_LABEL[check.verdict]}`);
  if (check.chosen) lines.push(`Uses: ${check.chosen.path} (${check.chosen.layout?.description ?? ''})`);
  lines.push('', `Next: ${check.nextStep}`);
  return lines.join('\n');
}

/** `hedgedesk signer check [--path P] [--data-dir D] [--json]`. */
export const signerCommand: CliCommand = {
  summary: 'Check the Lighter signer: which file is found where, its layout, the probe, what to do next.',
  help: `  hedgedesk signer check [--path FILE_OR_FOLDER] [--data-dir D] [--json]
  --path P          Check only this signer file (.so/.dylib/.dll/.wasm) or folder; default: search
                    every place live accounts search (<data dir>/signers first after
                    HEDGEDESK_LIGHTER_SIGNER).
  --json            Print the report as JSON.
  Exit codes: 0 ready for live accounts, 3 only older layouts (simulator only),
  4 files found but none usable, 5 nothing found, 2 usage error.`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: { path: { type: 'string' }, 'data-dir': { type: 'string' }, json: { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
    const [action, ...extra] = positionals;
    if (action !== 'check') throw new UsageError('signer: say check (hedgedesk signer check [--path P])');
    if (extra.length > 0) throw new UsageError(`signer check: unexpected argument "${extra[0]}"`);
    if (values.path !== undefined && values.path.trim() === '') throw new UsageError('--path: give a signer file or folder');
    const check = await checkSigners({
      dataDir: cliDataDir(values['data-dir']),
      ...(values.path !== undefined ? { configuredPath: resolve(values.path), onlyConfiguredPath: true } : {}),
    });
    process.stdout.write(`${values.json ? JSON.stringify(check, null, 2) : formatSignerCheck(check)}\n`);
    process.exitCode = SIGNER_CHECK_EXIT_CODES[check.verdict];
  },
};
