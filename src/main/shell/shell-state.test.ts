import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/helpers/temp-dir';
import { ShellState } from './shell-state';

const dirs: { remove(): void }[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

function file(): string {
  const dir = tempDir();
  dirs.push(dir);
  return join(dir.path, 'sub', 'shell-state.json');
}

describe('ShellState', () => {
  it('remembers account window bounds across launches, rounded', () => {
    const path = file();
    new ShellState(path).setAccountBounds('acc_1', { x: 10.4, y: 20.6, width: 900, height: 700 });
    const again = new ShellState(path);
    expect(again.accountBounds('acc_1')).toEqual({ x: 10, y: 21, width: 900, height: 700 });
    expect(again.accountBounds('acc_2')).toBeNull();
  });

  it('ignores bounds too small to be a window', () => {
    const path = file();
    const state = new ShellState(path);
    state.setAccountBounds('acc_1', { x: 0, y: 0, width: 10, height: 10 });
    expect(state.accountBounds('acc_1')).toBeNull();
  });

  it('gives the tray hint once, ever', () => {
    const path = file();
    expect(new ShellState(path).takeTrayHint()).toBe(true);
    const again = new ShellState(path);
    expect(again.takeTrayHint()).toBe(false);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ trayHintShown: true });
  });

  it('starts empty from a damaged file and rewrites it', () => {
    const path = file();
    new ShellState(path).takeTrayHint();
    writeFileSync(path, '{not json');
    const state = new ShellState(path);
    expect(state.accountBounds('acc_1')).toBeNull();
    expect(state.takeTrayHint()).toBe(true);
  });
});
