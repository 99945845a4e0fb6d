import { describe, expect, it } from 'vitest';
import { accountRoundSchema, canMove, idleRound, type AccountPhase } from './account-state';

describe('account state machine', () => {
  it('allows exactly the documented transitions', () => {
    const phases: AccountPhase[] = ['idle', 'entering', 'holding', 'exiting', 'done'];
    const allowed = phases.flatMap((from) => phases.filter((to) => canMove(from, to)).map((to) => `${from}→${to}`));
    expect(allowed).toEqual(['idle→entering', 'idle→holding', 'entering→holding', 'holding→exiting', 'exiting→done', 'done→idle']);
  });

  it('stores an idle round that parses back', () => {
    expect(accountRoundSchema.parse(idleRound())).toEqual(idleRound());
  });
});
