import { describe, expect, it } from 'vitest';
import { ContractError } from '../../shared/errors';
import { createDispatcher } from './dispatcher';
import type { Handlers } from './handlers/context';
import { LogHub } from './log/log-hub';
import { createLogger } from './log/logger';
import { Redactor } from './log/redactor';
import { SecretsUnavailableError } from './secrets/secret-store';

function setup(overrides: Partial<Handlers>) {
  const redactor = new Redactor();
  const hub = new LogHub();
  const { logger } = createLogger({ level: 'info', redactor, hub });
  const handlers = new Proxy(overrides, {
    get: (target, name: string) => target[name as keyof Handlers] ?? (() => Promise.reject(new Error(`no fake for ${name}`))),
  }) as Handlers;
  return { dispatch: createDispatcher(handlers, logger, redactor), hub, redactor };
}

const account = { id: 'acc_0123456789ab', venue: 'lighter', label: 'A', mode: 'paper', identifiers: {}, createdAt: 1, updatedAt: 1 } as const;

describe('createDispatcher', () => {
  it('strips keys the contract does not declare from responses', async () => {
    const { dispatch } = setup({ 'accounts.list': () => [{ ...account, apiPrivateKey: 'leaked-key-material' } as typeof account] });
    const r = await dispatch('accounts.list', {});
    expect(r).toEqual({ ok: true, data: [account] });
  });

  it('never calls a handler with an invalid request', async () => {
    let called = false;
    const { dispatch } = setup({
      'accounts.delete': ({ id }) => {
        called = true;
        return { id };
      },
    });
    const r = await dispatch('accounts.delete', { id: 'not-an-id' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', issues: [{ path: 'id' }] } });
    expect(called).toBe(false);
  });

  it('maps thrown errors to typed codes; unexpected ones become INTERNAL, logged and redacted', async () => {
    const { dispatch, hub, redactor } = setup({
      'accounts.create': () => {
        throw new ContractError('CONFLICT', 'taken');
      },
      'secrets.status': () => Promise.reject(new SecretsUnavailableError('no keychain')),
      'settings.get': () => {
        throw new TypeError('cannot read x of undefined near super-secret-value');
      },
      'app.info': () => ({ bogus: true }) as never,
    });
    redactor.remember('super-secret-value');
    expect(await dispatch('accounts.create', { venue: 'aster', label: 'x', mode: 'paper' })).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'taken' } });
    expect(await dispatch('secrets.status', { accountId: account.id })).toEqual({ ok: false, error: { code: 'SECRETS_UNAVAILABLE', message: 'no keychain' } });
    const internal = await dispatch('settings.get', {});
    expect(internal).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'settings.get failed: cannot read x of undefined near [REDACTED]' } });
    expect(hub.recent(10).map((l) => [l.level, l.msg])).toContainEqual(['error', 'command settings.get failed: cannot read x of undefined near [REDACTED]']);
    expect(await dispatch('app.info', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
