import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_STORAGE_KEY, readAccessToken, wsUrl } from './access-token';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    data,
  };
}

describe('readAccessToken', () => {
  it('takes the token from the URL and remembers it', () => {
    const storage = memoryStorage();
    expect(readAccessToken('?token=abc123', storage)).toBe('abc123');
    expect(storage.data.get(ACCESS_TOKEN_STORAGE_KEY)).toBe('abc123');
  });

  it('falls back to the remembered token', () => {
    expect(readAccessToken('', memoryStorage({ [ACCESS_TOKEN_STORAGE_KEY]: 'kept' }))).toBe('kept');
  });

  it('prefers a new token in the URL over the remembered one', () => {
    const storage = memoryStorage({ [ACCESS_TOKEN_STORAGE_KEY]: 'old' });
    expect(readAccessToken('?token=new', storage)).toBe('new');
    expect(storage.data.get(ACCESS_TOKEN_STORAGE_KEY)).toBe('new');
  });

  it('is null without a token', () => {
    expect(readAccessToken('?other=1', memoryStorage())).toBeNull();
  });
});

describe('wsUrl', () => {
  it('uses ws on http and wss on https, on the page host', () => {
    expect(wsUrl({ protocol: 'http:', host: '127.0.0.1:7321' }, 'ab')).toBe('ws://127.0.0.1:7321/ws?token=ab');
    expect(wsUrl({ protocol: 'https:', host: 'desk.example' }, 'a b')).toBe('wss://desk.example/ws?token=a%20b');
  });
});
