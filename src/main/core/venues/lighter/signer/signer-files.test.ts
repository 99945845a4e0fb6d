import { describe, expect, it } from 'vitest';
import { isSharedLibraryPath, sharedLibraryFileName } from './signer-files';

describe('signer file names (lighter.md §5.3)', () => {
  it('names the shared library per OS/arch', () => {
    expect(sharedLibraryFileName('linux', 'x64')).toBe('lighter-signer-linux-amd64.so');
    expect(sharedLibraryFileName('linux', 'arm64')).toBe('lighter-signer-linux-arm64.so');
    expect(sharedLibraryFileName('darwin', 'arm64')).toBe('lighter-signer-darwin-arm64.dylib');
    expect(sharedLibraryFileName('darwin', 'x64')).toBe('lighter-signer-darwin-amd64.dylib');
    expect(sharedLibraryFileName('win32', 'x64')).toBe('lighter-signer-windows-amd64.dll');
  });

  it('has none where lighter-go ships none', () => {
    expect(sharedLibraryFileName('win32', 'arm64')).toBeUndefined();
    expect(sharedLibraryFileName('linux', 'ia32')).toBeUndefined();
    expect(sharedLibraryFileName('freebsd', 'x64')).toBeUndefined();
  });

  it('recognises shared-library paths', () => {
    expect(isSharedLibraryPath('/a/lighter-signer-linux-amd64.so')).toBe(true);
    expect(isSharedLibraryPath('C:\\x\\signer.DLL')).toBe(true);
    expect(isSharedLibraryPath('/a/lighter-signer.wasm')).toBe(false);
  });
});
