import type { DemoWorkspace } from '../venue-descriptor';

/**
 * Lighter's demo workspace: three paper Lighter accounts (roles A, B, C of
 * tri-hedge-hold) with API key indexes 4–6 (0–3 are Lighter's own apps,
 * lighter.md §"API keys"), and a coin list of Lighter majors with targets a
 * paper account (10 000 USDC) carries easily, above each market's minimum
 * order in every slice, and a short hold so a first run finishes in minutes.
 */
export const lighterDemoWorkspace: DemoWorkspace = {
  accounts: [
    { label: 'Demo A', identifiers: { apiKeyIndex: 4 } },
    { label: 'Demo B', identifiers: { apiKeyIndex: 5 } },
    { label: 'Demo C', identifiers: { apiKeyIndex: 6 } },
  ],
  coinList: {
    name: 'Demo majors',
    coins: [
      { symbol: 'ETH', targetNotional: '200', sliceCount: 4, holdMinutes: 2 },
      { symbol: 'BTC', targetNotional: '200', sliceCount: 4, holdMinutes: 2 },
      { symbol: 'SOL', targetNotional: '100', sliceCount: 2, holdMinutes: 2 },
    ],
  },
};
