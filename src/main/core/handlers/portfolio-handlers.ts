import type { HandlerContext, Handlers } from './context';

/**
 * `portfolio.*`: the dashboard's live view of every account and the net
 * exposure per symbol (`portfolio.get`), and one account's page
 * (`portfolio.account`). Changes reach every client as the throttled
 * `portfolio.changed` event (wired in core.ts).
 */
export function portfolioHandlers(ctx: HandlerContext): Pick<Handlers, 'portfolio.get' | 'portfolio.account'> {
  return {
    'portfolio.get': () => ctx.portfolio.snapshot(),
    'portfolio.account': ({ accountId }) => ctx.accountDetails.get(accountId),
  };
}
