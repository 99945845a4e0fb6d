import { describe, expect, it } from 'vitest';
import { formatTelegramText, TELEGRAM_MAX_TEXT_LENGTH } from './telegram-text';

describe('formatTelegramText', () => {
  it('puts title, body and run id on separate paragraphs', () => {
    expect(formatTelegramText({ kind: 'run-failed', title: 'Run failed', body: 'margin rejected\non B', runId: 'run_42' })).toBe(
      'Run failed\n\nmargin rejected\non B\n\nrun run_42',
    );
    expect(formatTelegramText({ kind: 'test', title: 'Hello', body: '  ' })).toBe('Hello');
    expect(formatTelegramText({ kind: 'failsafe', title: '', body: '' })).toBe('failsafe');
  });

  it('caps the text at 4096 UTF-16 units with an ellipsis, never splitting a surrogate pair', () => {
    const long = formatTelegramText({ kind: 'test', title: 't', body: 'x'.repeat(10_000) });
    expect(long).toHaveLength(TELEGRAM_MAX_TEXT_LENGTH);
    expect(long.endsWith('x…')).toBe(true);

    // 't\n\n' is 3 units, so the 4095-unit cut would fall between the halves of an emoji.
    const emoji = formatTelegramText({ kind: 'test', title: 't', body: 'a' + '😀'.repeat(3_000) });
    expect(emoji.length).toBeLessThanOrEqual(TELEGRAM_MAX_TEXT_LENGTH);
    expect(emoji.endsWith('😀…')).toBe(true);
    expect(() => encodeURIComponent(emoji)).not.toThrow();

    const exact = 'y'.repeat(TELEGRAM_MAX_TEXT_LENGTH);
    expect(formatTelegramText({ kind: 'test', title: exact, body: '' })).toBe(exact);
  });
});
