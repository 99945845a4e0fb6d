import { describe, expect, it } from 'vitest';
import type { Account } from '../../../../shared/schemas/account';
import {
  accountForm,
  createRequest,
  identifiersToSend,
  newAccountForm,
  updatePatch,
  usesReservedLighterKeyIndex,
} from './account-form-model';

const lighterAccount: Account = {
  id: 'acc_0123456789ab',
  venue: 'lighter',
  label: 'lighter-a',
  mode: 'live',
  identifiers: { accountIndex: 715085, apiKeyIndex: 5 },
  createdAt: 0,
  updatedAt: 0,
};

describe('account form model', () => {
  it('starts a new account in paper mode with every identifier of the venue empty', () => {
    expect(newAccountForm('lighter')).toEqual({
      venue: 'lighter',
      label: '',
      mode: 'paper',
      identifiers: { accountIndex: null, l1Address: '', apiKeyIndex: null, simUrl: '' },
      selfTrade: { behavior: 'expire-maker', equality: 'same-account' },
    });
  });

  it('loads, and sends only non-default, Lighter self-trade settings (defaults never cancel cross-account hedges)', () => {
    const stored: Account = { ...lighterAccount, identifiers: { accountIndex: 1, apiKeyIndex: 5, selfTradeBehavior: 'cancel-both', selfTradeEquality: 'same-master' } };
    const model = accountForm(stored);
    expect(model.selfTrade).toEqual({ behavior: 'cancel-both', equality: 'same-master' });
    expect(model.identifiers).not.toHaveProperty('selfTradeBehavior');
    expect(updatePatch(model).identifiers).toEqual({ accountIndex: 1, apiKeyIndex: 5, selfTradeBehavior: 'cancel-both', selfTradeEquality: 'same-master' });
    const back = { ...model, selfTrade: { behavior: 'expire-maker' as const, equality: 'same-account' as const } };
    expect(updatePatch(back).identifiers).toEqual({ accountIndex: 1, apiKeyIndex: 5 });
    const paradex = { ...newAccountForm('paradex'), selfTrade: { behavior: 'reduce' as const, equality: 'same-account' as const } };
    expect(createRequest(paradex).identifiers).toEqual({});
  });

  it('loads an existing account, integers as numbers', () => {
    expect(accountForm(lighterAccount).identifiers).toEqual({ accountIndex: 715085, l1Address: '', apiKeyIndex: 5, simUrl: '' });
  });

  it('sends numbers as numbers, trims text and omits empty fields and other venues’ fields', () => {
    expect(identifiersToSend('lighter', { accountIndex: 7, l1Address: '  ', apiKeyIndex: 0, apiKey: 'x' })).toEqual({
      accountIndex: 7,
      apiKeyIndex: 0,
    });
    expect(identifiersToSend('paradex', { l2Address: ' 0xabc ', l1Address: '' })).toEqual({ l2Address: '0xabc' });
  });

  it('builds create and update requests with a trimmed label', () => {
    const model = { ...accountForm(lighterAccount), label: '  lighter-b ' };
    expect(createRequest(model)).toEqual({
      venue: 'lighter',
      label: 'lighter-b',
      mode: 'live',
      identifiers: { accountIndex: 715085, apiKeyIndex: 5 },
    });
    expect(updatePatch(model)).toEqual({ label: 'lighter-b', mode: 'live', identifiers: { accountIndex: 715085, apiKeyIndex: 5 } });
  });

  it('flags Lighter API key indexes 0–3 only', () => {
    for (const index of [0, 1, 2, 3]) expect(usesReservedLighterKeyIndex('lighter', { apiKeyIndex: index })).toBe(true);
    expect(usesReservedLighterKeyIndex('lighter', { apiKeyIndex: 4 })).toBe(false);
    expect(usesReservedLighterKeyIndex('lighter', { apiKeyIndex: null })).toBe(false);
    expect(usesReservedLighterKeyIndex('aster', { apiKeyIndex: 1 })).toBe(false);
  });
});
