import { describe, expect, it } from 'vitest';
import type { Account } from '../../../../shared/schemas/account';
import type { StrategyParam } from '../../../../shared/schemas/strategy-params';
import { crossFormFields, crossVenueConfig, defaultCrossAccounts, newCrossVenueForm } from './cross-venue-form-model';

const PARAMS: StrategyParam[] = [
  { key: 'margin', kind: 'number', help: null, default: undefined, min: 0 },
  { key: 'hold_time', kind: 'number', help: null, default: 600, min: 0 },
  { key: 'reverse', kind: 'boolean', help: null, default: false },
];
const account = (id: string, venue: Account['venue']): Account => ({ id, venue, label: id, mode: 'paper', identifiers: {}, createdAt: 0, updatedAt: 0 }) as Account;

describe('cross-venue-hedge form model', () => {
  it('starts at the schema defaults, margin empty', () => {
    expect(newCrossVenueForm(PARAMS)).toEqual({ accounts: [null, null], ticker: 'ETH', params: { margin: null, hold_time: 600, reverse: false } });
  });
  it('sends the ticker upper case and leaves empty parameters out', () => {
    const model = { ...newCrossVenueForm(PARAMS), ticker: ' btc ' };
    expect(crossVenueConfig(model, PARAMS)).toEqual({ ticker: 'BTC', hold_time: 600, reverse: false });
    model.params.margin = 150;
    expect(crossVenueConfig(model, PARAMS)).toMatchObject({ margin: 150 });
  });
  it('preselects Paradex long and Lighter short, else the first two accounts', () => {
    expect(defaultCrossAccounts([account('l1', 'lighter'), account('l2', 'lighter'), account('p1', 'paradex')])).toEqual(['p1', 'l1']);
    expect(defaultCrossAccounts([account('l1', 'lighter'), account('l2', 'lighter')])).toEqual(['l1', 'l2']);
    expect(defaultCrossAccounts([account('l1', 'lighter')])).toEqual(['l1', null]);
  });
  it('shows feedback for the accounts, the ticker and each parameter', () => {
    expect(crossFormFields(PARAMS)).toEqual(['accountIds', 'accountIds.0', 'accountIds.1', 'ticker', 'margin', 'hold_time', 'reverse']);
  });
});
