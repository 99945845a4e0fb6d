/**
 * The URL of an account's own page in a new browser tab (headless mode):
 * this page's URL with its query kept (the server's `?token=`), and the hash
 * route `#/account/<id>?window=account` (the compact frame of a per-account
 * window). `location` is the page's `window.location`.
 */
export function accountTabUrl(location: Pick<Location, 'origin' | 'pathname' | 'search'>, accountId: string): string {
  return `${location.origin}${location.pathname}${location.search}#/account/${encodeURIComponent(accountId)}?window=account`;
}
