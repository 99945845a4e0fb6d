/**
 * Errors of the engine's own checks. Venue failures stay the typed errors of
 * venues/venue-errors.ts; bad configurations are ConfigErrors.
 */

/** An account's secret is not in the keychain (or the env store). Names the account and the secret field. */
export class MissingSecretError extends Error {
  constructor(
    readonly accountId: string,
    readonly label: string,
    readonly field: string,
  ) {
    super(
      `Account "${label}" (${accountId}) has no ${field} in the keychain. Add it on the Accounts page, ` +
        `or give it as api_private_key in the strategy config so it is moved into the keychain.`,
    );
    this.name = 'MissingSecretError';
  }
}

/**
 * Reconciliation before trading failed: an account's positions or open
 * orders could not be read. The run does not start — a missing position
 * report is never taken as "flat".
 */
export class ReconcileError extends Error {
  constructor(
    readonly accountId: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ReconcileError';
  }
}

/** The risk guard refused an order: the run is reducing-only or halted. */
export class RiskRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RiskRejectedError';
  }
}

/** An account is already trading in another active run. */
export class AccountBusyError extends Error {
  constructor(
    readonly accountId: string,
    readonly runId: string,
  ) {
    super(`account ${accountId} is already trading in run ${runId}; stop that run first`);
    this.name = 'AccountBusyError';
  }
}
