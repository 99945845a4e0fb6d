import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watch } from 'vue';
import type { HedgedeskBridge } from '../../../shared/bridge';
import type { PortfolioSnapshot } from '../../../shared/schemas/portfolio';
import { installApi } from '../api';
import { PORTFOLIO_UI_PERIOD_MS, usePortfolioStore } from './portfolio';

const snapshot = (at: number): PortfolioSnapshot => ({ at, thresholdUsdc: '100', accounts: [], exposure: [] });

describe('portfolio store', () => {
  let emit: (payload: PortfolioSnapshot) => void = () => undefined;

  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000 });
    const bridge: HedgedeskBridge = {
      invoke: (async () => ({ ok: true, data: snapshot(0) })) as HedgedeskBridge['invoke'],
      on: ((name: string, listener: (p: PortfolioSnapshot) => void) => {
        if (name === 'portfolio.changed') emit = listener;
        return () => undefined;
      }) as HedgedeskBridge['on'],
    };
    installApi(bridge);
    setActivePinia(createPinia());
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('applies a burst of portfolio.changed at most once per UI period, ending on the newest snapshot', () => {
    const store = usePortfolioStore();
    let renders = 0;
    watch(
      () => store.snapshot,
      () => renders++,
      { flush: 'sync' },
    );
    for (let i = 1; i <= 500; i++) {
      emit(snapshot(1_000 + i));
      vi.advanceTimersByTime(2);
    }
    vi.advanceTimersByTime(PORTFOLIO_UI_PERIOD_MS);
    expect(renders).toBeGreaterThan(0);
    expect(renders).toBeLessThanOrEqual(Math.ceil(1_000 / PORTFOLIO_UI_PERIOD_MS) + 1);
    expect(store.snapshot?.at).toBe(1_500);
  });

  it('never replaces a snapshot with an older one', async () => {
    const store = usePortfolioStore();
    emit(snapshot(2_000));
    vi.advanceTimersByTime(PORTFOLIO_UI_PERIOD_MS);
    await store.load();
    expect(store.snapshot?.at).toBe(2_000);
  });
});
