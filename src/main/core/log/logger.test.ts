import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/helpers/temp-dir';
import { LogHub } from './log-hub';
import { createLogger } from './logger';
import { Redactor } from './redactor';

describe('createLogger', () => {
  it('redacts secrets before the file and the hub see a line', async () => {
    const dir = tempDir();
    const redactor = new Redactor();
    const hub = new LogHub(3);
    const seen: string[] = [];
    hub.subscribe((l) => seen.push(l.msg));
    const log = createLogger({ level: 'debug', redactor, hub, logDir: dir.path });
    redactor.remember('s3cr3t-value-xyz');
    log.logger.info({ component: 'venue', account: 'acc_0123456789ab', privateKey: 'pk-should-go' }, 'signing with s3cr3t-value-xyz');
    log.logger.debug({ nested: { apiSecret: 'nested-secret' } }, 'second');
    log.logger.warn('third');
    log.logger.error('fourth');
    await log.close();
    const file = readFileSync(log.logFile!, 'utf8');
    for (const secret of ['s3cr3t-value-xyz', 'pk-should-go', 'nested-secret']) {
      expect(file).not.toContain(secret);
      expect(JSON.stringify(hub.recent(10))).not.toContain(secret);
    }
    expect(file.trim().split('\n')).toHaveLength(4);
    expect(seen).toEqual(['signing with [REDACTED]', 'second', 'third', 'fourth']);
    expect(hub.recent(10).map((l) => l.msg)).toEqual(['second', 'third', 'fourth']);
    expect(hub.recent(10)[0]).toMatchObject({ level: 'debug', seq: 2 });
    dir.remove();
  });
});
