import { ContractError, type FieldIssue } from '../../../shared/errors';

/**
 * A strategy configuration that cannot be run. `issues` names every problem
 * by its field path in the configuration as given (dotted, e.g.
 * `coinlist.2.symbol`, `random_split_range.1`, `accounts`), so the CLI can
 * print them and the UI can show them next to the field. A ContractError with
 * code `INVALID_REQUEST`.
 */
export class ConfigError extends ContractError {
  constructor(what: string, issues: FieldIssue[]) {
    super('INVALID_REQUEST', `${what}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
    this.name = 'ConfigError';
  }
}
