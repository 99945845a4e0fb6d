import type { FieldIssue } from '../../../shared/errors';

/**
 * The form field an issue of a failed request names: `accounts.update` nests
 * its fields under `patch`, so `patch.identifiers.apiKeyIndex` and
 * `identifiers.apiKeyIndex` both name the field `identifiers.apiKeyIndex`.
 */
export function issueField(path: string): string {
  return path.startsWith('patch.') ? path.slice('patch.'.length) : path;
}

/** Issues split into messages for fields the form shows (joined per field) and the others. */
export interface RoutedIssues {
  /** Message per form field path. */
  inline: Record<string, string>;
  /** Issues naming no field of the form; shown as a toast. */
  rest: FieldIssue[];
}

/** Routes each issue to the form field it names, when `fields` contains that field. */
export function routeIssues(issues: readonly FieldIssue[], fields: readonly string[]): RoutedIssues {
  const inline: Record<string, string> = {};
  const rest: FieldIssue[] = [];
  for (const issue of issues) {
    const field = issueField(issue.path);
    if (!fields.includes(field)) {
      rest.push(issue);
      continue;
    }
    inline[field] = inline[field] ? `${inline[field]}; ${issue.message}` : issue.message;
  }
  return { inline, rest };
}
