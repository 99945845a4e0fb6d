/**
 * `attrs` plus a `data-testid` for end-to-end tests. For attribute objects that
 * naive-ui passes on to a native element (`input-props`, `row-props`), whose
 * DOM attribute types have no `data-*` keys.
 */
export function withTestId<T extends object>(testId: string, attrs: T): T {
  return Object.assign({ 'data-testid': testId }, attrs);
}
