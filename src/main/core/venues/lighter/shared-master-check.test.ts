import { describe, expect, it } from 'vitest';
import type { Account } from '../../../../shared/schemas/account';
import { sharedMasterWarnings } from './shared-master-check';

const L1 = '0x15f43D1f2DeE81424aFd891943262aa90F22cc2A';
let n = 0;
function lighter(label: string, identifiers: Account['identifiers']): Account {
  n++;
  return { id: `acc_${String(n).padStart(12, '0')}`, venue: 'lighter', label, mode: 'live', identifiers, createdAt: 0, updatedAt: 0 };
}

describe('sharedMasterWarnings', () => {
  it('no warning with the default equality (same account), even for sub-accounts of one master', () => {
    expect(sharedMasterWarnings([lighter('a', { l1Address: L1, apiKeyIndex: 4 }), lighter('b', { l1Address: L1, apiKeyIndex: 5 })])).toEqual([]);
  });

  it('warns when a "same master" account shares its L1 address (its master) with another account of the run', () => {
    const warnings = sharedMasterWarnings([
      lighter('a', { l1Address: L1, apiKeyIndex: 4, selfTradeEquality: 'same-master' }),
      lighter('b', { l1Address: L1.toLowerCase(), apiKeyIndex: 5 }),
      lighter('c', { l1Address: `0x${'1'.repeat(40)}`, apiKeyIndex: 4 }),
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"a"');
    expect(warnings[0]).toContain('shares its master');
    expect(warnings[0]).toContain('"b"');
    expect(warnings[0]).not.toContain('"c"');
  });

  it('says it cannot tell when an account is known by its index only; nothing for distinct masters or single-account runs', () => {
    const unknown = sharedMasterWarnings([lighter('a', { accountIndex: 7, apiKeyIndex: 4, selfTradeEquality: 'same-master' }), lighter('b', { accountIndex: 8, apiKeyIndex: 4 })]);
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toContain('cannot be told');
    expect(sharedMasterWarnings([lighter('a', { l1Address: L1, selfTradeEquality: 'same-master' }), lighter('b', { l1Address: `0x${'2'.repeat(40)}` })])).toEqual([]);
    expect(sharedMasterWarnings([lighter('a', { accountIndex: 7, selfTradeEquality: 'same-master' })])).toEqual([]);
  });
});
