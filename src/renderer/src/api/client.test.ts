import { describe, expect, it } from 'vitest';
import type { HedgedeskBridge } from '../../../shared/bridge';
import { ContractError, type Result } from '../../../shared/errors';
import { createApiClient } from './client';

function bridgeAnswering(answer: () => Promise<Result<unknown>>): HedgedeskBridge {
  return {
    invoke: () => answer() as never,
    on: () => () => undefined,
  };
}

describe('createApiClient', () => {
  it('resolves to the data of an ok result', async () => {
    const api = createApiClient(bridgeAnswering(async () => ({ ok: true, data: { language: 'en', theme: 'dark' } })));
    await expect(api.invoke('settings.get', {})).resolves.toEqual({ language: 'en', theme: 'dark' });
  });

  it('throws a ContractError carrying code, message and issues', async () => {
    const api = createApiClient(
      bridgeAnswering(async () => ({
        ok: false,
        error: { code: 'INVALID_REQUEST', message: 'invalid request: label: must not be empty', issues: [{ path: 'label', message: 'must not be empty' }] },
      })),
    );
    const err = await api.invoke('accounts.create', { venue: 'lighter', label: '', mode: 'paper' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContractError);
    expect(err).toMatchObject({ code: 'INVALID_REQUEST', issues: [{ path: 'label', message: 'must not be empty' }] });
  });

  it('turns a failing transport into an INTERNAL ContractError', async () => {
    const api = createApiClient(bridgeAnswering(() => Promise.reject(new Error('ipc broke'))));
    const err = await api.invoke('app.info', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContractError);
    expect(err).toMatchObject({ code: 'INTERNAL', message: 'app.info: ipc broke' });
  });
});
