import { describe, expect, it } from 'vitest';
import type { CoinList } from '../../../../shared/schemas/coin-lists';
import { coinListCoins, coinListIssueField, coinRowsFromList, newTriHedgeForm, triHedgeConfig } from '../strategies/tri-hedge-form-model';
import { coinsOf, draftFromList, editorField, issuesByField, newCoinListDraft, newCoinRow, shiftRowErrors } from './coin-list-form-model';

const LIST: CoinList = {
  id: 'cl_aaaaaaaaaaaa',
  name: 'Majors',
  venue: 'lighter',
  coins: [{ symbol: 'ETH', targetNotional: '500', sliceCount: 10, holdMinutes: 21 }, { symbol: 'BTC', targetNotional: '800.5', sliceNotional: '150' }, { symbol: 'SOL' }],
  createdAt: 1,
  updatedAt: 2,
};

describe('coin-list editor model', () => {
  it('round-trips a saved list through the draft, sending only the chosen slice form and no empty overrides', () => {
    const draft = draftFromList(LIST);
    expect(draft.coins.map((c) => c.sliceMode)).toEqual(['count', 'notional', 'default']);
    expect(coinsOf(draft)).toEqual(LIST.coins);
    draft.coins[0]!.sliceMode = 'notional';
    draft.coins[0]!.sliceNotional = ' 50 ';
    draft.coins[2]!.targetNotional = '  ';
    expect(coinsOf(draft)[0]).toEqual({ symbol: 'ETH', targetNotional: '500', sliceNotional: '50', holdMinutes: 21 });
    expect(coinsOf(draft)[2]).toEqual({ symbol: 'SOL' });
    expect(coinsOf(newCoinListDraft())).toEqual([{ symbol: '' }]);
  });

  it('routes issues to fields, drops patch., and skips rows without a symbol while typing', () => {
    const draft = { ...newCoinListDraft(), coins: [newCoinRow('ETH'), newCoinRow('')] };
    const issues = [
      { path: 'patch.coins.0.targetNotional', message: 'ETH: target 12 USDC is below the minimum order of 15 USDC' },
      { path: 'coins.0.targetNotional', message: 'again' },
      { path: 'coins.1.symbol', message: 'must not be empty' },
      { path: 'name', message: 'already used' },
    ];
    expect(editorField('patch.coins.2.symbol')).toBe('coins.2.symbol');
    expect(issuesByField(issues, draft, true)).toEqual({
      'coins.0.targetNotional': 'ETH: target 12 USDC is below the minimum order of 15 USDC; again',
      name: 'already used',
    });
    expect(issuesByField(issues, draft)['coins.1.symbol']).toBe('must not be empty');
  });

  it('renumbers row errors when a row is removed', () => {
    expect(shiftRowErrors({ 'coins.0.symbol': 'a', 'coins.1.symbol': 'b', 'coins.2.targetNotional': 'c', name: 'n' }, 1)).toEqual({
      'coins.0.symbol': 'a',
      'coins.1.targetNotional': 'c',
      name: 'n',
    });
  });
});

describe('coin lists in the Tri-Hedge form', () => {
  it('loads a list into rows that start the run with its overrides (original config names)', () => {
    const model = newTriHedgeForm();
    model.coins = coinRowsFromList(LIST);
    expect(triHedgeConfig(model, []).coinlist).toEqual([
      { symbol: 'ETH', target_notional: 500, slice_count: 10, hold_minutes: 21 },
      { symbol: 'BTC', target_notional: 800.5, slice_notional: 150 },
      { symbol: 'SOL' },
    ]);
  });

  it('saves rows as coin-list coins (USDC as decimal strings) and maps coin-list issues onto the rows', () => {
    expect(coinListCoins([{ symbol: ' eth ', targetNotional: 60, sliceCount: 2 }, { symbol: 'BTC', targetNotional: null, sliceCount: 5, sliceNotional: 20, holdMinutes: 3 }])).toEqual([
      { symbol: 'ETH', targetNotional: '60', sliceCount: 2 },
      { symbol: 'BTC', sliceNotional: '20', holdMinutes: 3 },
    ]);
    expect(coinListIssueField('coins.2.targetNotional')).toBe('coinlist.2.target_notional');
    expect(coinListIssueField('coins.0.symbol')).toBe('coinlist.0.symbol');
    expect(coinListIssueField('coins.1')).toBe('coinlist.1');
    expect(coinListIssueField('name')).toBe('name');
  });
});
