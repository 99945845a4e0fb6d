import { describe, expect, it } from 'vitest';
import { accountCreateSchema } from './account';
import { isSimulatorUrl, lighterIdentifiersSchema } from './venues';

describe('simulator URL of a paper account', () => {
  it('accepts the loopback http URLs `hedgedesk sim` prints, nothing else', () => {
    for (const ok of ['http://127.0.0.1:8123', 'http://127.0.0.1:8123/', 'http://localhost:1', 'http://[::1]:65535']) expect(isSimulatorUrl(ok), ok).toBe(true);
    for (const bad of ['https://127.0.0.1:8123', 'http://127.0.0.1', 'http://10.0.0.2:8123', 'http://127.0.0.1:8123/api', 'http://user:pw@127.0.0.1:1', 'http://127.0.0.1:70000', 'http://127.0.0.300:1'])
      expect(isSimulatorUrl(bad), bad).toBe(false);
    expect(lighterIdentifiersSchema.safeParse({ simUrl: 'http://example.com:80' }).error?.issues[0]?.message).toMatch(/http:\/\/127\.0\.0\.1:<port>/);
  });

  it('is refused on a live account, by field', () => {
    const live = accountCreateSchema.safeParse({ venue: 'lighter', label: 'x', mode: 'live', identifiers: { accountIndex: 1, apiKeyIndex: 4, simUrl: 'http://127.0.0.1:9' } });
    expect(live.error?.issues[0]).toMatchObject({ path: ['identifiers', 'simUrl'], message: expect.stringContaining('paper accounts only') });
    expect(accountCreateSchema.safeParse({ venue: 'paradex', label: 'x', mode: 'paper', identifiers: { simUrl: 'http://127.0.0.1:9' } }).success).toBe(true);
  });
});
