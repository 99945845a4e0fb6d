import { describe, expect, it } from 'vitest';
import en from './en';
import zhCN from './zh-CN';
import zhTW from './zh-TW';

/** Every leaf key of a nested message object, dotted (`accounts.columns.label`). */
function leafKeys(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? leafKeys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function leafValues(messages: object): unknown[] {
  return Object.values(messages).flatMap((value) => (typeof value === 'object' && value !== null ? leafValues(value) : [value]));
}

const locales = { en, 'zh-CN': zhCN, 'zh-TW': zhTW };

describe('UI messages', () => {
  it('have exactly the same keys in en, zh-CN and zh-TW', () => {
    const reference = leafKeys(en).sort();
    expect(leafKeys(zhCN).sort()).toEqual(reference);
    expect(leafKeys(zhTW).sort()).toEqual(reference);
  });

  it.each(Object.entries(locales))('%s has only non-empty strings', (_, messages) => {
    for (const value of leafValues(messages)) {
      expect(typeof value).toBe('string');
      expect((value as string).trim()).not.toBe('');
    }
  });

  it.each(Object.entries(locales))('%s uses the same named values as en in every message', (_, messages) => {
    const named = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const lookup = (root: object, key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], root);
    for (const key of leafKeys(en)) {
      expect(named(lookup(messages, key) as string), key).toEqual(named(lookup(en, key) as string));
    }
  });

  it('contain no characters that vue-i18n would parse as syntax (linked messages, plural pipes)', () => {
    for (const messages of Object.values(locales)) {
      for (const value of leafValues(messages)) expect(value as string).not.toMatch(/[@|$]/);
    }
  });
});
