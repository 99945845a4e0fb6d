/**
 * Lighter API key indexes HedgeDesk warns about (shared/venues/lighter.md §5.1):
 * 0–1 are used by Lighter's own web and mobile apps, and Lighter's production
 * checklist asks for a dedicated index in 4–254 ([S21], [S22]); 2–3 are left
 * to other tools by that advice. A key at one of them can be replaced by the
 * app (or another tool) registering its own key there, after which every
 * HedgeDesk transaction on it is refused.
 */
export const LIGHTER_DISCOURAGED_KEY_INDEXES = { min: 0, max: 3 } as const;

/** The first index Lighter's checklist recommends for a dedicated key. */
export const LIGHTER_FIRST_DEDICATED_KEY_INDEX = 4;

/** True for an API key index in {@link LIGHTER_DISCOURAGED_KEY_INDEXES} (0–3). */
export function isDiscouragedLighterKeyIndex(index: number): boolean {
  return Number.isInteger(index) && index >= LIGHTER_DISCOURAGED_KEY_INDEXES.min && index <= LIGHTER_DISCOURAGED_KEY_INDEXES.max;
}

/** The warning for an index 0–3, in English (the CLI's words; the UI has its translations), or null for any other index. */
export function lighterKeyIndexWarning(index: number): string | null {
  if (!isDiscouragedLighterKeyIndex(index)) return null;
  return (
    `API key index ${index}: ${index <= 1 ? "Lighter's web and mobile apps use indexes 0–1" : "Lighter's production checklist reserves 0–3 (0–1 are its web and mobile apps)"}; ` +
    `a key there can be replaced when an app registers its own, and then every order is refused. Register a dedicated key at ${LIGHTER_FIRST_DEDICATED_KEY_INDEX}–254.`
  );
}
