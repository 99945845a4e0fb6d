import { describe, expect, it } from 'vitest';
import { issueField, routeIssues } from './form-issues';

describe('issueField', () => {
  it('maps accounts.update paths onto the form fields', () => {
    expect(issueField('patch.identifiers.apiKeyIndex')).toBe('identifiers.apiKeyIndex');
    expect(issueField('patch.label')).toBe('label');
  });

  it('keeps accounts.create paths as they are', () => {
    expect(issueField('identifiers.apiKeyIndex')).toBe('identifiers.apiKeyIndex');
    expect(issueField('label')).toBe('label');
  });
});

describe('routeIssues', () => {
  const fields = ['label', 'identifiers.apiKeyIndex', 'identifiers.l1Address'];

  it('puts issues of known fields inline, joining several per field', () => {
    const routed = routeIssues(
      [
        { path: 'label', message: 'must not be empty' },
        { path: 'patch.identifiers.apiKeyIndex', message: 'too big' },
        { path: 'identifiers.apiKeyIndex', message: 'not an integer' },
      ],
      fields,
    );
    expect(routed.inline).toEqual({ label: 'must not be empty', 'identifiers.apiKeyIndex': 'too big; not an integer' });
    expect(routed.rest).toEqual([]);
  });

  it('leaves issues naming no form field for the toast', () => {
    const other = { path: 'identifiers', message: 'unrecognized key "foo"' };
    const routed = routeIssues([other, { path: '(request)', message: 'bad' }], fields);
    expect(routed.inline).toEqual({});
    expect(routed.rest).toEqual([other, { path: '(request)', message: 'bad' }]);
  });
});
