/** The `data-testid`s of one secret field's controls (see `SecretControls.vue`). */
export interface SecretTestIds {
  /** The "stored" / "not set" tag. */
  status: string;
  /** The native password input. */
  input: string;
  save: string;
  delete: string;
  /** The environment variable name shown instead of the input on the `env` backend. */
  env: string;
}

/** Test ids of an account secret field: `secret-status-<field>`, `secret-input-<field>`, … */
export function accountSecretTestIds(field: string): SecretTestIds {
  return {
    status: `secret-status-${field}`,
    input: `secret-input-${field}`,
    save: `secret-save-${field}`,
    delete: `secret-delete-${field}`,
    env: `secret-env-${field}`,
  };
}

/** Test ids built on one prefix: `<prefix>` (the input), `<prefix>-status`, `<prefix>-save`, … */
export function prefixedSecretTestIds(prefix: string): SecretTestIds {
  return {
    status: `${prefix}-status`,
    input: prefix,
    save: `${prefix}-save`,
    delete: `${prefix}-delete`,
    env: `${prefix}-env`,
  };
}
