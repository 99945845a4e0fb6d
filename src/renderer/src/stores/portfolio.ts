import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { AccountDetail, AccountPortfolio, PortfolioSnapshot } from '../../../shared/schemas/portfolio';
import { useApi } from '../api';
import { throttle } from '../utils/throttle';

/** The dashboard applies `portfolio.changed` at most this often (ms); the core already sends at most ~4 per second. */
export const PORTFOLIO_UI_PERIOD_MS = 250;

/**
 * Every account (equity, available collateral, positions, connection) and
 * the net exposure per symbol, from `portfolio.get` and then live from
 * `portfolio.changed`: only the latest snapshot is kept and applied at
 * most every {@link PORTFOLIO_UI_PERIOD_MS} ms, so a burst of updates costs
 * one render. Also the per-account details (`portfolio.account`) of the
 * account pages open in this window.
 */
export const usePortfolioStore = defineStore('portfolio', () => {
  const api = useApi();
  const snapshot = shallowRef<PortfolioSnapshot | null>(null);
  const details = ref<Record<string, AccountDetail>>({});
  let pending: PortfolioSnapshot | null = null;

  const flush = throttle(() => {
    if (pending && (!snapshot.value || pending.at >= snapshot.value.at)) snapshot.value = pending;
    pending = null;
  }, PORTFOLIO_UI_PERIOD_MS);

  api.on('portfolio.changed', (next) => {
    pending = next;
    flush();
  });

  /** Fetches the current snapshot. */
  async function load(): Promise<void> {
    const next = await api.invoke('portfolio.get', {});
    if (!snapshot.value || next.at >= snapshot.value.at) snapshot.value = next;
  }

  /** One account's live portfolio from the latest snapshot, or null (not loaded, unknown account). */
  function account(accountId: string): AccountPortfolio | null {
    return snapshot.value?.accounts.find((a) => a.accountId === accountId) ?? null;
  }

  /** Fetches one account's page: portfolio, open orders, recent fills, runs. @throws ContractError NOT_FOUND. */
  async function loadAccount(accountId: string): Promise<AccountDetail> {
    const detail = await api.invoke('portfolio.account', { accountId });
    details.value[accountId] = detail;
    return detail;
  }

  return { snapshot, details, load, account, loadAccount };
});
