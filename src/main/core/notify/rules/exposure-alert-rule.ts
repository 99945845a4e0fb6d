import type { Settings } from '../../../../shared/schemas/settings';
import type { Alert } from './alert';

/** Net exposure of one symbol across every account (portfolio snapshot `exposure[]`): sizes base units, money USDC, decimal strings. */
export interface NetExposureLine {
  symbol: string;
  netSize: string;
  netNotional: string;
  /** |net notional| above the settings' `exposureThresholdUsdc`. */
  beyondThreshold: boolean;
}

interface Episode {
  /** When the symbol was first seen beyond the threshold, Unix ms. */
  since: number;
  alerted: boolean;
}

/**
 * Net exposure beyond the threshold for too long: a symbol whose net
 * exposure stays beyond the threshold for `exposureAlertSeconds` (read from
 * the settings at every evaluation) raises one `exposure` alert (warn) for
 * the episode; when it comes back under the threshold (or the symbol
 * disappears), a "back under" alert (info) is raised and the rule re-arms.
 * A symbol that dips under before the delay ends never alerts.
 */
export class ExposureAlertRule {
  private readonly episodes = new Map<string, Episode>();

  /**
   * Evaluates one snapshot of the net exposure at `now` (Unix ms); call it on
   * every snapshot and periodically (a snapshot may not change while time passes).
   */
  evaluate(exposure: readonly NetExposureLine[], settings: Pick<Settings, 'exposureAlertSeconds' | 'exposureThresholdUsdc'>, now: number): Alert[] {
    const alerts: Alert[] = [];
    const beyond = new Map(exposure.filter((e) => e.beyondThreshold).map((e) => [e.symbol, e]));
    for (const [symbol, episode] of this.episodes) {
      if (beyond.has(symbol)) continue;
      this.episodes.delete(symbol);
      if (episode.alerted) {
        const line = exposure.find((e) => e.symbol === symbol);
        alerts.push({
          kind: 'exposure',
          level: 'info',
          runId: null,
          title: `Net exposure back under the threshold: ${symbol}`,
          body: `${symbol} net exposure is ${line ? `${line.netSize} (${line.netNotional} USDC)` : 'flat'}, within ${settings.exposureThresholdUsdc} USDC again.`,
        });
      }
    }
    for (const [symbol, line] of beyond) {
      const episode = this.episodes.get(symbol) ?? { since: now, alerted: false };
      this.episodes.set(symbol, episode);
      const heldMs = now - episode.since;
      if (episode.alerted || heldMs < settings.exposureAlertSeconds * 1000) continue;
      episode.alerted = true;
      alerts.push({
        kind: 'exposure',
        level: 'warn',
        runId: null,
        title: `Net exposure beyond the threshold: ${symbol}`,
        body: `${symbol} net exposure ${line.netSize} (${line.netNotional} USDC) has been above ${settings.exposureThresholdUsdc} USDC for ${Math.round(heldMs / 1000)} s across all accounts.`,
      });
    }
    return alerts;
  }
}
