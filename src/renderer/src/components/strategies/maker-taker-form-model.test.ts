import { describe, expect, it } from 'vitest';
import type { StrategyParam } from '../../../../shared/schemas/strategy-params';
import { generatedParams, makerTakerAccountIds, makerTakerConfig, newMakerTakerForm } from './maker-taker-form-model';

const params: StrategyParam[] = [
  { key: 'quantity', kind: 'number', help: null, default: undefined },
  { key: 'depth', kind: 'integer', help: null, default: 1 },
  { key: 'retry_times', kind: 'integer', help: null, default: 3 },
  { key: 'slippage_bps', kind: 'number', help: null, default: 50 },
];

describe('maker-taker form model', () => {
  it('builds the runs.start config: own fields, non-empty parameters, no Redis URL when empty', () => {
    const model = newMakerTakerForm(params);
    expect(generatedParams(params).map((p) => p.key)).toEqual(['retry_times', 'slippage_bps']);
    model.market = ' eth ';
    model.params.slippage_bps = null;
    expect(makerTakerConfig(model, params)).toEqual({ market: 'ETH', quantity: 100, quantity_unit: 'integer', depth: 1, mode: 'both', retry_times: 3 });
    model.redisUrl = ' redis://127.0.0.1:6379 ';
    model.quantity = null;
    expect(makerTakerConfig(model, params)).toMatchObject({ redis_url: 'redis://127.0.0.1:6379' });
    expect(makerTakerConfig(model, params)).not.toHaveProperty('quantity');
  });

  it('takes the accounts the mode needs, in role order', () => {
    const model = newMakerTakerForm();
    model.accounts = { A: 'a1', B: null };
    expect(makerTakerAccountIds(model)).toBeNull();
    model.mode = 'a';
    expect(makerTakerAccountIds(model)).toEqual(['a1']);
    model.mode = 'b';
    model.accounts.B = 'b1';
    expect(makerTakerAccountIds(model)).toEqual(['b1']);
    model.mode = 'both';
    expect(makerTakerAccountIds(model)).toEqual(['a1', 'b1']);
  });
});
