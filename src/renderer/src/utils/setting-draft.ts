/** The settings edited as free text whose empty value means "not set" (`null`). */
export type TextSettingKey = 'telegramChatId' | 'proxyUrl';

/** What a text input's draft saves as: trimmed, and `null` when blank. */
export function draftToSetting(draft: string): string | null {
  const value = draft.trim();
  return value === '' ? null : value;
}

/** What a text input shows for a stored setting (`null` shows as empty). */
export function settingToDraft(value: string | null): string {
  return value ?? '';
}

/** Whether a draft differs from the stored value (surrounding whitespace aside). */
export function isDirty(draft: string, stored: string | null): boolean {
  return draftToSetting(draft) !== stored;
}
