import type { Database } from 'better-sqlite3';
import type { AccountDetail, AccountRun, PortfolioFill, PortfolioOrder } from '../../../shared/schemas/portfolio';
import type { RunView } from '../engine/engine';
import type { Fill, Order } from '../venues/venue';
import { AccountFills } from './account-fills';
import type { PortfolioService } from './portfolio-service';

/** How many recent fills the per-account view shows. */
export const RECENT_FILLS = 50;
/** How many runs the per-account view lists. */
const RECENT_RUNS = 20;
const ACTIVE: ReadonlySet<string> = new Set(['starting', 'running', 'stopping']);

/** What {@link AccountDetails} reads from. */
export interface AccountDetailsDeps {
  portfolio: PortfolioService;
  /** The HedgeDesk database (the `fills` table). */
  db: Database;
  /** The engine's runs, newest first (`Engine.listRuns`). */
  runs: () => RunView[];
}

/** A venue-streamed fill as the view shows it (no run recorded it). */
function streamedFillView(f: Fill): PortfolioFill {
  return {
    fillId: f.fillId,
    runId: null,
    symbol: f.symbol,
    side: f.side,
    price: f.price.toFixed(),
    size: f.size.toFixed(),
    fee: f.fee.toFixed(),
    liquidity: f.liquidity,
    purpose: null,
    at: Math.floor(f.timestamp),
  };
}

function orderView(o: Order): PortfolioOrder {
  return {
    symbol: o.symbol,
    venueOrderId: o.venueOrderId,
    clientOrderId: o.clientOrderId,
    side: o.side,
    type: o.type,
    timeInForce: o.timeInForce,
    reduceOnly: o.reduceOnly,
    price: o.price.toFixed(),
    size: o.size.toFixed(),
    filledSize: o.filledSize.toFixed(),
    status: o.status,
    updatedAt: Math.floor(o.updatedAt),
  };
}

/**
 * The per-account view (`portfolio.account`): the account's live portfolio,
 * its open orders read from the venue, its {@link RECENT_FILLS} most recent
 * fills — the store's (recorded by runs) merged with those the venue's
 * account stream brought since the app started and no run recorded (trades
 * by hand), by fill id, newest first — and the runs it is part of (active
 * ones first, then newest first; at most 20).
 */
export class AccountDetails {
  private readonly fills: AccountFills;

  constructor(private readonly deps: AccountDetailsDeps) {
    this.fills = new AccountFills(deps.db);
  }

  /**
   * @throws ContractError NOT_FOUND for an unknown account. A venue that
   *   cannot list orders is not an error: `ordersError` says why.
   */
  async get(accountId: string): Promise<AccountDetail> {
    const portfolio = this.deps.portfolio.account(accountId);
    let openOrders: PortfolioOrder[] = [];
    let ordersError: string | null = null;
    try {
      openOrders = (await this.deps.portfolio.openOrders(accountId)).map(orderView);
    } catch (err) {
      ordersError = err instanceof Error ? err.message : String(err);
    }
    const runs: AccountRun[] = this.deps
      .runs()
      .flatMap((r) => {
        const part = r.accounts.find((a) => a.accountId === accountId);
        return part ? [{ runId: r.id, strategy: r.strategy, role: part.role, status: r.status, interrupted: r.interrupted, startedAt: r.startedAt }] : [];
      })
      .sort((a, b) => Number(ACTIVE.has(b.status) && !b.interrupted) - Number(ACTIVE.has(a.status) && !a.interrupted))
      .slice(0, RECENT_RUNS);
    const stored = this.fills.recent(portfolio.venue, accountId, RECENT_FILLS);
    const known = new Set(stored.map((f) => f.fillId));
    const streamed = this.deps.portfolio
      .streamedFills(accountId)
      .filter((f) => !known.has(f.fillId))
      .map(streamedFillView);
    const recentFills = [...stored, ...streamed].sort((x, y) => y.at - x.at).slice(0, RECENT_FILLS);
    return { portfolio, openOrders, ordersError, recentFills, runs };
  }
}
