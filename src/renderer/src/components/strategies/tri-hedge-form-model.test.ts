import { describe, expect, it } from 'vitest';
import type { StrategyParam } from '../../../../shared/schemas/strategy-params';
import { chosenAccounts, newTriHedgeForm, paramTestId, triFormFields, triHedgeConfig, triIssueField } from './tri-hedge-form-model';

const PARAMS: StrategyParam[] = [
  { key: 'hold_minutes', kind: 'number', help: 'Hold.', default: 21, min: 0 },
  { key: 'slice_fill_timeout', kind: 'number', help: null, default: 8, min: 0 },
  { key: 'default_slice_count', kind: 'integer', help: null, default: 50, min: 1 },
  { key: 'random_split_range', kind: 'range', help: null, default: [0.45, 0.55], min: 0, max: 1 },
  { key: 'primary_time_in_force', kind: 'enum', help: null, default: 'GTC', options: ['GTC', 'IOC', 'FOK', 'PO'] },
  { key: 'run_once', kind: 'boolean', help: null, default: false },
];

describe('tri-hedge form model', () => {
  it('starts from the schema defaults and builds the original config shape', () => {
    const model = newTriHedgeForm(['a', 'b', 'c', 'd'], PARAMS);
    expect(model.accounts).toEqual(['a', 'b', 'c']);
    expect(model.params).toEqual({
      hold_minutes: 21,
      slice_fill_timeout: 8,
      default_slice_count: 50,
      random_split_range: [0.45, 0.55],
      primary_time_in_force: 'GTC',
      run_once: false,
    });
    model.coins = [{ symbol: ' eth ', targetNotional: 60, sliceCount: 2 }, { symbol: 'BTC', targetNotional: null, sliceCount: null }];
    model.params.hold_minutes = 0.05;
    model.params.slice_fill_timeout = null;
    model.params.random_split_range = [0.3, null];
    model.params.run_once = true;
    expect(triHedgeConfig(model, PARAMS)).toEqual({
      hold_minutes: 0.05,
      default_slice_count: 50,
      random_split_range: [0.3, 0.55],
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
    const fields = triFormFields(newTriHedgeForm([], PARAMS), PARAMS);
    expect(fields).toContain('coinlist.0.symbol');
    expect(fields).toContain('hold_minutes');
    expect(fields).toContain('random_split_range.1');
    expect(triIssueField('config.hold_minutes')).toBe('hold_minutes');
    expect(triIssueField('accountIds.2')).toBe('accountIds');
    expect(triIssueField('coinlist.0.target_notional')).toBe('coinlist.0.target_notional');
  });

  it('keeps the known test ids and derives the others from the key', () => {
    expect(paramTestId('hold_minutes')).toBe('tri-hold-minutes');
    expect(paramTestId('random_split_range')).toBe('tri-split');
    expect(paramTestId('hedge_slippage_bps')).toBe('tri-param-hedge_slippage_bps');
  });
});
