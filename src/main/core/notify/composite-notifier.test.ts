import { describe, expect, it } from 'vitest';
import { CompositeNotifier } from './composite-notifier';
import type { Notification, Notifier } from './notifier';
import { recordingLog } from './testing/recording-log';

class RecordingChannel implements Notifier {
  readonly seen: Notification[] = [];
  flushedWith: number | null = null;

  notify(message: Notification): void {
    this.seen.push(message);
  }

  async flush(timeoutMs: number): Promise<void> {
    this.flushedWith = timeoutMs;
  }
}

const broken: Notifier = {
  notify: () => {
    throw new Error('channel bug');
  },
  flush: () => {
    throw new Error('flush bug');
  },
};

describe('CompositeNotifier', () => {
  it('fans out to every channel, skipping one that throws, and never throws itself', async () => {
    const log = recordingLog();
    const a = new RecordingChannel();
    const b = new RecordingChannel();
    const n = new CompositeNotifier([a, broken, b], log.logger);
    const msg: Notification = { kind: 'hedge-failed', title: 'Hedge failed', body: 'leg B rejected', runId: 'run_1' };

    expect(() => n.notify(msg)).not.toThrow();
    expect(a.seen).toEqual([msg]);
    expect(b.seen).toEqual([msg]);
    expect(log.warnings().map((l) => l.msg)).toEqual(['a notification channel threw; message skipped for it']);

    await expect(n.flush(250)).resolves.toBeUndefined();
    expect([a.flushedWith, b.flushedWith]).toEqual([250, 250]);
  });
});
