import type { Settings } from '../../../../shared/schemas/settings';
import type { Alert } from './alert';

/** One account's venue connection (portfolio snapshot `accounts[]`). */
export interface AccountConnection {
  accountId: string;
  label: string;
  venue: string;
  connection: 'connecting' | 'connected' | 'disconnected' | 'error';
  /** When the connection was lost, Unix ms; null while connected or connecting for the first time. */
  disconnectedSince: number | null;
  /** Why the account is in `error`. */
  error: string | null;
}

/**
 * A venue disconnected for too long: an account whose connection is not
 * `connected` with a `disconnectedSince` at least `disconnectAlertSeconds`
 * ago (read from the settings at every evaluation) raises one
 * `venueDisconnected` alert (warn) for the episode; once it is `connected`
 * again a "reconnected" alert (info) is raised and the rule re-arms. An
 * account removed from the snapshot ends its episode silently.
 */
export class DisconnectAlertRule {
  private readonly alerted = new Set<string>();

  /** Evaluates the accounts' connections at `now` (Unix ms); call it on every snapshot and periodically. */
  evaluate(accounts: readonly AccountConnection[], settings: Pick<Settings, 'disconnectAlertSeconds'>, now: number): Alert[] {
    const alerts: Alert[] = [];
    const present = new Set(accounts.map((a) => a.accountId));
    for (const id of this.alerted) if (!present.has(id)) this.alerted.delete(id);
    for (const a of accounts) {
      const name = `${a.label} (${a.venue})`;
      if (a.connection === 'connected') {
        if (this.alerted.delete(a.accountId)) {
          alerts.push({ kind: 'venueDisconnected', level: 'info', runId: null, title: `Venue reconnected: ${name}`, body: `${name} is connected again.` });
        }
        continue;
      }
      if (a.disconnectedSince === null || this.alerted.has(a.accountId)) continue;
      const downMs = now - a.disconnectedSince;
      if (downMs < settings.disconnectAlertSeconds * 1000) continue;
      this.alerted.add(a.accountId);
      alerts.push({
        kind: 'venueDisconnected',
        level: 'warn',
        runId: null,
        title: `Venue disconnected: ${name}`,
        body: `${name} has been ${a.connection === 'error' ? 'in error' : 'disconnected'} for ${Math.round(downMs / 1000)} s${a.error ? `: ${a.error}` : ''}.`,
      });
    }
    return alerts;
  }
}
