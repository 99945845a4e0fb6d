import { describe, expect, it } from 'vitest';
import { accountTabUrl } from './account-tab-url';

describe('accountTabUrl', () => {
  it('keeps the page query (the access token) and opens the account route in the compact frame', () => {
    expect(accountTabUrl({ origin: 'http://127.0.0.1:7321', pathname: '/', search: '?token=ab12' }, 'acc_0123456789ab')).toBe(
      'http://127.0.0.1:7321/?token=ab12#/account/acc_0123456789ab?window=account',
    );
  });
});
