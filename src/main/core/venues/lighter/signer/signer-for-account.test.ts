import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PaperSigner } from './paper-signer';
import { SignerUnavailableError } from './signer-errors';
import { signerForAccount, type OfficialSignerSettings } from './signer-for-account';
import { compileFakeSignerLibrary } from './test-fixtures/stand-in-signers';
import { FIXED_CLOCK as clock } from './test-helpers';

// The "official" library found here is the STAND-IN compiled from test-fixtures/fake-lighter-signer.c.

let t: string;
let emptyWorld: OfficialSignerSettings;

beforeAll(() => {
  t = mkdtempSync(join(tmpdir(), 'hedgedesk-signer-for-account-'));
  emptyWorld = {
    privateKey: '0x' + '22'.repeat(40),
    chainId: 304,
    environment: { env: {}, homeDir: join(t, 'home'), platform: 'linux', arch: 'x64', rootDir: join(t, 'root'), packageRoot: undefined, resourcesPath: undefined },
  };
});
afterAll(() => rmSync(t, { recursive: true, force: true }));

describe('signerForAccount', () => {
  it('gives a paper account the paper signer', async () => {
    const signer = await signerForAccount({ mode: 'paper', accountIndex: 3, apiKeyIndex: 4 }, clock);
    expect(signer).toBeInstanceOf(PaperSigner);
    expect(signer.kind).toBe('paper');
  });

  it('refuses the paper signer to a live account: no settings → SignerUnavailableError', async () => {
    await expect(signerForAccount({ mode: 'live', accountIndex: 3, apiKeyIndex: 4 }, clock)).rejects.toThrow(SignerUnavailableError);
  });

  it('refuses the paper signer to a live account: no official signer on disk → SignerUnavailableError, never a paper signer', async () => {
    const err = await signerForAccount({ mode: 'live', accountIndex: 3, apiKeyIndex: 4 }, clock, emptyWorld).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SignerUnavailableError);
    expect((err as SignerUnavailableError).searched.length).toBeGreaterThan(0);
    expect((err as Error).message).toContain('never signed with the paper signer');
  });

  it('treats any mode other than exactly "paper" as live', async () => {
    const odd = { mode: 'PAPER', accountIndex: 3, apiKeyIndex: 4 } as unknown as { mode: 'paper'; accountIndex: number; apiKeyIndex: number };
    await expect(signerForAccount(odd, clock, emptyWorld)).rejects.toThrow(SignerUnavailableError);
  });

  it('gives a live account the official signer when one is installed', async () => {
    const dir = join(t, 'signers');
    mkdirSync(dir, { recursive: true });
    copyFileSync(compileFakeSignerLibrary(join(t, 'fake.so'), 107), join(dir, 'lighter-signer-linux-amd64.so'));
    const signer = await signerForAccount({ mode: 'live', accountIndex: 3, apiKeyIndex: 4 }, clock, { ...emptyWorld, signerLibDir: dir });
    expect(signer).toMatchObject({ kind: 'official', accountIndex: 3, apiKeyIndex: 4 });
  });

  it('never gives a live account an older layout (v1.0.2), even when it is the only signer installed', async () => {
    const dir = join(t, 'old-signers');
    mkdirSync(dir, { recursive: true });
    copyFileSync(compileFakeSignerLibrary(join(t, 'old.so'), 102), join(dir, 'lighter-signer-linux-amd64.so'));
    const err = await signerForAccount({ mode: 'live', accountIndex: 3, apiKeyIndex: 4 }, clock, { ...emptyWorld, signerLibDir: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SignerUnavailableError);
    expect((err as Error).message).toContain('for live accounts: it is the v1.0.2 layout');
  });
});
