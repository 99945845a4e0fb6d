import { describe, expect, it } from 'vitest';
import { draftToSetting, isDirty, settingToDraft } from './setting-draft';

describe('text setting drafts', () => {
  it('save trimmed, and blank as null (not set)', () => {
    expect(draftToSetting('  -100200300 ')).toBe('-100200300');
    expect(draftToSetting('   ')).toBeNull();
    expect(draftToSetting('')).toBeNull();
  });

  it('show null as empty', () => {
    expect(settingToDraft(null)).toBe('');
    expect(settingToDraft('http://proxy:8080')).toBe('http://proxy:8080');
  });

  it('are dirty only when the saved value would change', () => {
    expect(isDirty('', null)).toBe(false);
    expect(isDirty('  ', null)).toBe(false);
    expect(isDirty(' @my_channel ', '@my_channel')).toBe(false);
    expect(isDirty('@other', '@my_channel')).toBe(true);
    expect(isDirty('', '@my_channel')).toBe(true);
  });
});
