/** The translate and translation-exists functions of `useI18n()`, narrowed to what {@link fieldLabel} needs. */
type Translate = (key: string) => string;
type Exists = (key: string) => boolean;

/**
 * The translated label of an identifier or secret field (`<group>.<key>`),
 * or the key itself for a field added to the contract before its translation.
 */
export function fieldLabel(t: Translate, te: Exists, group: 'identifiers' | 'secrets.fields', key: string): string {
  const path = `${group}.${key}`;
  return te(path) ? t(path) : key;
}
