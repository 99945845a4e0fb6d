import { describe, expect, it } from 'vitest';
import { chosenAccounts, newTriHedgeForm, triFormFields, triHedgeConfig, triIssueField } from './tri-hedge-form-model';

describe('tri-hedge form model', () => {
  it('starts from the original defaults and builds the original config shape', () => {
    const model = newTriHedgeForm(['a', 'b', 'c', 'd']);
    expect(model.accounts).toEqual(['a', 'b', 'c']);
    model.coins = [{ symbol: ' eth ', targetNotional: 60, sliceCount: 2 }, { symbol: 'BTC', targetNotional: null, sliceCount: null }];
    model.holdMinutes = 0.05;
    model.sliceFillTimeout = null;
    model.runOnce = true;
    expect(triHedgeConfig(model)).toEqual({
      hold_minutes: 0.05,
      slice_delay_seconds: 3,
      slice_delay_jitter_seconds: 4,
      pause_between_symbols: 15,
      random_split_range: [0.45, 0.55],
      primary_time_in_force: 'GTC',
      run_once: true,
      coinlist: [{ symbol: 'ETH', target_notional: 60, slice_count: 2 }, { symbol: 'BTC' }],
    });
    expect(chosenAccounts(model)).toEqual(['a', 'b', 'c']);
  });

  it('needs three accounts', () => {
    expect(chosenAccounts(newTriHedgeForm(['a', 'b']))).toBeNull();
  });

  it('maps server issue paths to form fields', () => {
    const fields = triFormFields(newTriHedgeForm());
    expect(fields).toContain('coinlist.0.symbol');
    expect(fields).toContain('random_split_range.1');
    expect(triIssueField('config.hold_minutes')).toBe('hold_minutes');
    expect(triIssueField('accountIds.2')).toBe('accountIds');
    expect(triIssueField('coinlist.0.target_notional')).toBe('coinlist.0.target_notional');
  });
});
