import type { Component } from 'vue';
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import AccountsView from './views/AccountsView.vue';
import AccountView from './views/AccountView.vue';
import CoinListsView from './views/CoinListsView.vue';
import DashboardView from './views/DashboardView.vue';
import LogsView from './views/LogsView.vue';
import RunDetailView from './views/RunDetailView.vue';
import RunsView from './views/RunsView.vue';
import SettingsView from './views/SettingsView.vue';
import StrategiesView from './views/StrategiesView.vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (header and menu). */
    titleKey?: string;
    /** The sider menu page a page belongs to, when it is not one itself (a run under `runs`). */
    nav?: string;
  }
}

/** The pages of the sider menu, in menu order. */
export const NAV_PAGES = ['dashboard', 'accounts', 'coinLists', 'strategies', 'runs', 'settings', 'logs'] as const;
/** The name (and path segment) of a sider menu page. */
export type NavPage = (typeof NAV_PAGES)[number];

const pages: Record<NavPage, Component> = {
  dashboard: DashboardView,
  accounts: AccountsView,
  coinLists: CoinListsView,
  strategies: StrategiesView,
  runs: RunsView,
  settings: SettingsView,
  logs: LogsView,
};

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/dashboard' },
  ...NAV_PAGES.map((name) => ({ path: `/${name}`, name, component: pages[name], meta: { titleKey: `nav.${name}` } })),
  { path: '/runs/:id', name: 'run', component: RunDetailView, meta: { titleKey: 'runs.detailTitle', nav: 'runs' } },
  /** One account's page; also what a per-account window (Electron) or tab (browser, `?window=account`) shows, in the compact frame. */
  { path: '/account/:id', name: 'account', component: AccountView, meta: { titleKey: 'accountView.title', nav: 'dashboard' } },
  { path: '/:pathMatch(.*)*', redirect: '/dashboard' },
];

/**
 * Hash history (`#/accounts`): every route is one entry page
 * (`app://hedgedesk/index.html` in the desktop app), and the page's query
 * (the headless server's `?token=`) stays untouched.
 */
export const router = createRouter({ history: createWebHashHistory(), routes });
