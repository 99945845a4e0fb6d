import { describe, expect, it } from 'vitest';
import { terminalText } from './terminal-text';

describe('terminalText', () => {
  it('shows escape sequences and other control characters instead of letting the terminal obey them', () => {
    expect(terminalText('Maker\x1b[2J\x1b[31m')).toBe('Maker\\x1b[2J\\x1b[31m');
    expect(terminalText('a\u009b2Jb\u0007c\u007f')).toBe('a\\x9b2Jb\\x07c\\x7f');
    expect(terminalText('evil\u202eexe.txt')).toBe('evil\\u202eexe.txt');
  });

  it('keeps newlines, tabs and ordinary Unicode', () => {
    expect(terminalText('round 1/1\n\tA 做市 → holding')).toBe('round 1/1\n\tA 做市 → holding');
  });
});
