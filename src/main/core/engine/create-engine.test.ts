import { describe, expect, it } from 'vitest';
import { DEAD_MANS_SWITCH_ENV, deadMansSwitchFromEnv } from './create-engine';

describe('dead-man’s switch window from the environment', () => {
  it('reads whole seconds (0 = off), leaves the default when unset, names the variable when wrong', () => {
    expect(deadMansSwitchFromEnv({})).toBeUndefined();
    expect(deadMansSwitchFromEnv({ [DEAD_MANS_SWITCH_ENV]: '30' })).toBe(30_000);
    expect(deadMansSwitchFromEnv({ [DEAD_MANS_SWITCH_ENV]: '0' })).toBe(0);
    for (const bad of ['-1', '1.5', 'abc', '90000']) expect(() => deadMansSwitchFromEnv({ [DEAD_MANS_SWITCH_ENV]: bad })).toThrow(/HEDGEDESK_DEAD_MANS_SWITCH_SECONDS/);
  });
});
