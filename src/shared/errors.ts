import { z } from 'zod';

/**
 * Error codes a command can fail with. The renderer branches on `code`, never
 * on message text.
 * - `INVALID_REQUEST`: the request failed its schema; `issues` names each field path.
 * - `UNKNOWN_COMMAND`: no such command in the contract.
 * - `NOT_FOUND`: the named entity does not exist.
 * - `CONFLICT`: the change clashes with stored state (e.g. a duplicate label).
 * - `SECRETS_UNAVAILABLE`: the OS keychain cannot be reached; the message says how to opt in to env secrets.
 * - `UNAUTHORIZED`: a headless-server connection without the right token.
 * - `INTERNAL`: a bug or an unexpected failure; nothing was half-applied.
 */
export const ERROR_CODES = [
  'INVALID_REQUEST',
  'UNKNOWN_COMMAND',
  'NOT_FOUND',
  'CONFLICT',
  'SECRETS_UNAVAILABLE',
  'UNAUTHORIZED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with a request field; `path` is dotted, e.g. `identifiers.apiKeyIndex`. */
export const fieldIssueSchema = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

/** The error half of every command result, identical over IPC and WebSocket. */
export const contractErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  issues: z.array(fieldIssueSchema).optional(),
});
export type ContractErrorShape = z.infer<typeof contractErrorSchema>;

/** Result envelope of a command: `{ok: true, data}` or `{ok: false, error}`. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: ContractErrorShape };

/** A typed command failure. Thrown by handlers; sent to the caller as `{ok: false, error}`. */
export class ContractError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = 'ContractError';
  }

  /** The wire form of this error. */
  toShape(): ContractErrorShape {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }

  /** Rebuilds a ContractError from its wire form (renderer side). */
  static fromShape(shape: ContractErrorShape): ContractError {
    return new ContractError(shape.code, shape.message, shape.issues);
  }
}

/** Joins a zod issue path into `a.b.0.c`; the empty path becomes `(request)`. */
export function formatPath(path: readonly PropertyKey[], prefix: readonly PropertyKey[] = []): string {
  const full = [...prefix, ...path];
  return full.length === 0 ? '(request)' : full.map(String).join('.');
}

/**
 * Turns a zod error into an `INVALID_REQUEST` ContractError naming every field path.
 * @param prefix path segments to put before each issue path (e.g. `['patch', 'identifiers']`).
 */
export function invalidRequest(error: z.ZodError, prefix: readonly PropertyKey[] = []): ContractError {
  const issues = error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({ path: formatPath([...i.path, k], prefix), message: 'is not a known field' }))
      : [{ path: formatPath(i.path, prefix), message: i.message }],
  );
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return new ContractError('INVALID_REQUEST', `invalid request: ${summary}`, issues);
}
