import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { planHedge, type HedgePlanInput } from './hedge-split';

const d = (v: string | number) => new Decimal(v);
const base: HedgePlanInput = { owed: d('-0.02'), carry: new Map(), hedgers: ['b', 'c'], ratio: d('0.45'), minSize: d('0.005'), step: d('0.0001') };
const legs = (p: ReturnType<typeof planHedge>) => p.legs.map((l) => [l.accountId, l.size.toString(), l.beyondCapacity]);
const carry = (p: ReturnType<typeof planHedge>) => [...p.carry].map(([k, v]) => [k, v.toString()]);

describe('planHedge', () => {
  it('splits what is owed at the ratio, the first share rounded down to the step', () => {
    const p = planHedge(base);
    expect(legs(p)).toEqual([['b', '-0.009', false], ['c', '-0.011', false]]);
    expect(carry(p)).toEqual([['b', '0'], ['c', '0']]);
  });

  it('carries a total below one minimum order, split by the ratio', () => {
    const p = planHedge({ ...base, owed: d('-0.004') });
    expect(p.legs).toEqual([]);
    expect(carry(p)).toEqual([['b', '-0.0018'], ['c', '-0.0022']]);
  });

  it('adds the carried amounts to the next hedge, so the exposure they left is closed', () => {
    const p = planHedge({ ...base, owed: d('-0.004'), carry: new Map([['b', d('-0.0018')], ['c', d('-0.0022')]]) });
    expect(legs(p)).toEqual([['c', '-0.008', false]]);
    expect(carry(p)).toEqual([['b', '0'], ['c', '0']]);
  });

  it('gives a share below one minimum order to the other hedger instead of leaving exposure', () => {
    expect(legs(planHedge({ ...base, owed: d('-0.008') }))).toEqual([['c', '-0.008', false]]);
    expect(legs(planHedge({ ...base, owed: d('-0.008'), ratio: d('0.8') }))).toEqual([['b', '-0.008', false]]);
  });

  it('buy-backs respect each hedger’s short (capacity); what neither can take stays carried', () => {
    const p = planHedge({ ...base, owed: d('0.02'), capacity: new Map([['b', d('0.006')], ['c', d('0.02')]]) });
    expect(legs(p)).toEqual([['b', '0.006', false], ['c', '0.014', false]]);
    const q = planHedge({ ...base, owed: d('0.03'), capacity: new Map([['b', d('0.01')], ['c', d('0.015')]]) });
    expect(legs(q)).toEqual([['b', '0.01', false], ['c', '0.015', false]]);
    expect(carry(q)).toEqual([['b', '0.005'], ['c', '0']]);
  });

  it('sends one leg beyond capacity when the shorts leave both shares below one minimum order', () => {
    const p = planHedge({ ...base, owed: d('0.0067'), capacity: new Map([['b', d('0.0039')], ['c', d('0.0028')]]) });
    expect(legs(p)).toEqual([['b', '0.0067', true]]);
    expect(carry(p)).toEqual([['b', '0'], ['c', '0']]);
  });
});
