import { describe, expect, it } from 'vitest';
import { redisUrlProblem } from './redis-url';

describe('redisUrlProblem', () => {
  it('accepts what ioredis connects with', () => {
    for (const url of ['redis://127.0.0.1:6379/0', 'redis://localhost', 'rediss://:secret@cache.example:6380/15', 'redis://user:pw@10.0.0.2:6379']) expect(redisUrlProblem(url), url).toBeNull();
  });

  it('says what is wrong, never repeating the URL (it may hold a password)', () => {
    expect(redisUrlProblem('redis//127.0.0.1:6379')).toMatch(/^must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(redisUrlProblem('http://127.0.0.1:6379')).toMatch(/^must be a redis:\/\//);
    expect(redisUrlProblem('redis://:s3cret@127.0.0.1:99999/0')).toMatch(/^is not a valid URL/);
    expect(redisUrlProblem('redis://127.0.0.1:6379/db')).toBe('has a database other than /0 to /15');
    expect(redisUrlProblem('redis://127.0.0.1:6379/16')).toBe('has a database other than /0 to /15');
    expect(redisUrlProblem('redis://127.0.0.1:6379/0?x=1')).toBe('must not have a query or fragment');
    expect(redisUrlProblem('redis://:s3cret@127.0.0.1:99999/0')).not.toContain('s3cret');
  });
});
