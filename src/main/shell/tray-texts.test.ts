import { describe, expect, it } from 'vitest';
import { trayTranslator } from './tray-texts';

describe('trayTranslator', () => {
  it('fills named values in the chosen language', () => {
    expect(trayTranslator('en', ['zh-CN'])({ key: 'stopRun', params: { strategy: 'tri-hedge-hold', accounts: 'A, B, C' } })).toBe('Stop tri-hedge-hold (A, B, C)');
    expect(trayTranslator('zh-TW', ['en-US'])({ key: 'tooltipRunning', params: { count: 2 } })).toBe('HedgeDesk：2 個執行中');
  });

  it('follows the OS languages for "system"', () => {
    expect(trayTranslator('system', ['zh-Hans-CN', 'en'])({ key: 'quit' })).toBe('退出 HedgeDesk');
    expect(trayTranslator('system', ['fr-FR'])({ key: 'quit' })).toBe('Quit HedgeDesk');
  });

  it('shows an unknown key as itself and leaves a missing value visible', () => {
    const t = trayTranslator('en', []);
    expect(t({ key: 'noSuchKey' })).toBe('noSuchKey');
    expect(t({ key: 'tooltipRunning' })).toBe('HedgeDesk: {count} running');
  });
});
