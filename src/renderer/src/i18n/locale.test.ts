import { describe, expect, it } from 'vitest';
import { detectLocale, resolveLocale } from './locale';

describe('detectLocale', () => {
  it.each([
    [['zh-TW'], 'zh-TW'],
    [['zh-HK'], 'zh-TW'],
    [['zh-MO'], 'zh-TW'],
    [['zh-Hant'], 'zh-TW'],
    [['zh-Hant-TW'], 'zh-TW'],
    [['zh_TW'], 'zh-TW'],
    [['zh-CN'], 'zh-CN'],
    [['zh'], 'zh-CN'],
    [['zh-Hans'], 'zh-CN'],
    [['zh-SG'], 'zh-CN'],
    [['zh-Hans-HK'], 'zh-CN'],
    [['en-US'], 'en'],
    [['fr-FR'], 'en'],
    [[], 'en'],
  ] as const)('%j → %s', (languages, expected) => {
    expect(detectLocale(languages)).toBe(expected);
  });

  it('takes the first Chinese or English entry in preference order', () => {
    expect(detectLocale(['de-DE', 'zh-TW', 'en-US'])).toBe('zh-TW');
    expect(detectLocale(['en-GB', 'zh-CN'])).toBe('en');
    expect(detectLocale(['ja-JP', 'fr-FR'])).toBe('en');
  });
});

describe('resolveLocale', () => {
  it('follows the browser when the setting is system', () => {
    expect(resolveLocale('system', ['zh-HK'])).toBe('zh-TW');
  });

  it('uses an explicit setting whatever the browser says', () => {
    expect(resolveLocale('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(resolveLocale('en', ['zh-TW'])).toBe('en');
  });
});
