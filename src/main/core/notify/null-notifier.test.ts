import { describe, expect, it } from 'vitest';
import { NullNotifier } from './null-notifier';

describe('NullNotifier', () => {
  it('accepts messages and flushes at once', async () => {
    const n = new NullNotifier();
    expect(n.notify({ kind: 'run-started', title: 'Run started', body: '' })).toBeUndefined();
    await expect(n.flush(0)).resolves.toBeUndefined();
  });
});
