/**
 * Shared by the venue benches: latency statistics and the order round-trip
 * loop (placeOrder → ack, placeOrder → the order's `open` update on the
 * account stream), bounded in count and time.
 */
import type { PlaceOrderRequest, Venue } from '../src/main/core/venues/venue';

/** The `p`th percentile (0–100) of ascending `sorted` values. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** `n=… p50=… ms  p95=… ms  p99=… ms` for latencies in ms. */
export function latencyStats(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  return `n=${s.length} p50=${percentile(s, 50).toFixed(2)} ms  p95=${percentile(s, 95).toFixed(2)} ms  p99=${percentile(s, 99).toFixed(2)} ms`;
}

/**
 * Places `count` copies of `order` (resting orders, e.g. post-only far from
 * the book) one after another on a connected venue, at most `maxMs` in all,
 * then cancels them. Returns per order the ms from placeOrder to its ack and
 * to its first `open` update on the account stream (when seen within 500 ms).
 */
export async function orderRoundTrips(venue: Venue, order: PlaceOrderRequest, count: number, maxMs = 120_000): Promise<{ ack: number[]; stream: number[] }> {
  const opened = new Map<string, number>();
  const stop = venue.onAccountEvent((e) => {
    if (e.type === 'order' && e.order.status === 'open' && e.order.clientOrderId && !opened.has(e.order.clientOrderId)) {
      opened.set(e.order.clientOrderId, performance.now());
    }
  });
  const ack: number[] = [];
  const stream: number[] = [];
  const deadline = Date.now() + maxMs;
  try {
    for (let i = 0; i < count && Date.now() < deadline; i++) {
      const t0 = performance.now();
      const h = await venue.placeOrder({ ...order });
      ack.push(performance.now() - t0);
      for (let spin = 0; spin < 500 && !opened.has(h.clientOrderId); spin++) await new Promise((r) => setTimeout(r, 1));
      const seen = opened.get(h.clientOrderId);
      if (seen !== undefined) stream.push(seen - t0);
    }
    await venue.cancelAll();
  } finally {
    stop();
  }
  return { ack, stream };
}
