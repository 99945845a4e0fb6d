import type { RunEvent } from '../../../../shared/schemas/runs';

/** An i18n key under `runEvents` and its named values. */
export interface EventText {
  key: string;
  params: Record<string, string | number>;
  level: 'info' | 'warn' | 'error';
}

/** How the event log shows `event`; `label` names an account by id. */
export function runEventText(event: RunEvent, label: (accountId: string | null) => string): EventText {
  switch (event.type) {
    case 'status':
      return { key: 'runEvents.status', params: { to: event.to, reason: event.reason ?? '' }, level: event.to === 'failed' ? 'error' : 'info' };
    case 'progress':
      return { key: 'runEvents.progress', params: { round: event.round + 1, rounds: event.rounds ?? '∞' }, level: 'info' };
    case 'exposure':
      return {
        key: 'runEvents.exposure',
        params: { symbols: event.symbols.map((s) => `${s.symbol} ${s.netSize}`).join(', ') },
        level: 'info',
      };
    case 'order':
      return {
        // A venue without a price on market orders (Paradex MARKET) reports price 0.
        key: event.order.type === 'market' && Number(event.order.price) === 0 ? 'runEvents.orderMarket' : 'runEvents.order',
        params: {
          account: label(event.accountId),
          side: event.order.side,
          size: event.order.size,
          symbol: event.order.symbol,
          price: event.order.price,
          status: event.order.status,
          purpose: event.purpose,
        },
        level: event.order.rejection ? 'warn' : 'info',
      };
    case 'fill':
      return {
        key: 'runEvents.fill',
        params: {
          account: label(event.accountId),
          side: event.fill.side,
          size: event.fill.size,
          symbol: event.fill.symbol,
          price: event.fill.price,
          liquidity: event.fill.liquidity,
        },
        level: 'info',
      };
    case 'hedge':
      return {
        key: 'runEvents.hedge',
        params: {
          symbol: event.symbol,
          legs: event.legs.map((l) => `${label(l.accountId)} ${l.side} ${l.size}`).join(', ') || '—',
          latency: event.latencyMs === null ? '—' : event.latencyMs.toFixed(1),
        },
        level: 'info',
      };
    case 'transition':
      return { key: 'runEvents.transition', params: { account: label(event.accountId), from: event.from ?? '—', to: event.to }, level: 'info' };
    case 'risk':
      return { key: 'runEvents.risk', params: { to: event.to, reason: event.reason }, level: 'warn' };
    case 'log':
      return { key: 'runEvents.log', params: { message: event.message }, level: event.level };
    case 'summary':
      return { key: 'runEvents.summary', params: { volume: event.summary.total.volume, fills: event.summary.total.fills }, level: 'info' };
    case 'reconciliation': {
      const mismatches = event.positions.filter((p) => p.mismatch).length;
      return {
        key: 'runEvents.reconciliation',
        params: { trigger: event.trigger, missing: event.missingFillsRecorded, orders: event.ordersResolved, mismatches },
        level: mismatches > 0 ? 'error' : event.missingFillsRecorded > 0 ? 'warn' : 'info',
      };
    }
    case 'cycle':
      return {
        key: 'crossHedge.event',
        params: { cycle: event.cycle, phase: event.phase, size: event.targetSize, symbol: event.symbol, pnl: event.pnl, reason: event.closeReason ?? '—' },
        level: event.phase === 'failed' ? 'warn' : 'info',
      };
    case 'maker-taker':
      return {
        key: 'makerTaker.event',
        params: { cycles: event.cycles, a: event.a?.position ?? '—', b: event.b?.position ?? '—', unhedged: event.unhedgedSize, symbol: event.symbol },
        level: 'info',
      };
  }
}
