import { commands, isCommandName, type CommandName } from '../../shared/contract';
import { ContractError, invalidRequest, type Result } from '../../shared/errors';
import type { Handlers } from './handlers/context';
import type { Logger } from './log/logger';
import type { Redactor } from './log/redactor';
import { SecretsUnavailableError } from './secrets/secret-store';

/** Runs one command by name with an unvalidated request; always resolves to a result envelope. */
export type Dispatch = (name: unknown, request: unknown) => Promise<Result<unknown>>;

/**
 * The single entry point every transport (Electron IPC, WebSocket) calls.
 * Validates the request against the contract (an invalid one never reaches a
 * handler), runs the handler, validates the response (stripping any key the
 * contract does not declare), and maps failures to typed errors. Unexpected
 * errors are logged and returned as `INTERNAL` with a redacted message.
 */
export function createDispatcher(handlers: Handlers, logger: Logger, redactor: Redactor): Dispatch {
  return async (name, request) => {
    if (!isCommandName(name)) {
      return { ok: false, error: { code: 'UNKNOWN_COMMAND', message: `unknown command ${JSON.stringify(String(name)).slice(0, 80)}` } };
    }
    const spec = commands[name];
    const parsed = spec.request.safeParse(request ?? {});
    if (!parsed.success) return { ok: false, error: invalidRequest(parsed.error).toShape() };
    try {
      const handler = handlers[name] as (req: unknown) => unknown;
      const data = await handler(parsed.data);
      return { ok: true, data: spec.response.parse(data) };
    } catch (err) {
      return { ok: false, error: toErrorShape(name, err, logger, redactor) };
    }
  };
}

function toErrorShape(name: CommandName, err: unknown, logger: Logger, redactor: Redactor) {
  if (err instanceof ContractError) return err.toShape();
  if (err instanceof SecretsUnavailableError) return { code: 'SECRETS_UNAVAILABLE' as const, message: err.message };
  const message = redactor.scrub(err instanceof Error ? err.message : String(err));
  logger.error({ component: 'dispatcher', command: name, err }, `command ${name} failed: ${message}`);
  return { code: 'INTERNAL' as const, message: `${name} failed: ${message}` };
}
