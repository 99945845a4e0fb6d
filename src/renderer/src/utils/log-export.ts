import type { LogLine } from '../../../shared/schemas/log';

/**
 * Log lines as JSON Lines (one JSON object per line, `\n`-terminated), the
 * format of `<data dir>/logs/hedgedesk.log`, with `time` as ISO 8601 UTC
 * next to the Unix ms. The lines are already redacted by the core.
 */
export function logsToJsonLines(lines: readonly LogLine[]): string {
  return lines.map((line) => `${JSON.stringify({ ...line, isoTime: new Date(line.time).toISOString() })}\n`).join('');
}

/** `hedgedesk-logs-<UTC timestamp>.jsonl`, e.g. `hedgedesk-logs-20261121T101503Z.jsonl` (no `:`; valid on every OS). */
export function logExportFileName(now: Date): string {
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  return `hedgedesk-logs-${stamp}.jsonl`;
}

/**
 * Saves `text` as a download named `fileName` through a Blob URL: a browser
 * download in the headless mode, the save dialog / Downloads folder in Electron.
 */
export function downloadText(text: string, fileName: string, type = 'application/x-ndjson'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
