/**
 * The drill's one table, as aligned text for the terminal and as Markdown for
 * docs/reliability.md.
 */
import type { ExposureReport } from './exposure';
import type { FillAudit } from './fill-audit';

/** The target: back within one minimum order in at most this many seconds (issue 11). */
export const TARGET_SECONDS = 5;

/** One fault's row. */
export interface FaultRow {
  fault: string;
  exposure: ExposureReport | null;
  fills: FillAudit | null;
  serveAlive: boolean | null;
  /** Wall time of the fault, seconds. */
  seconds: number;
  notes: string[];
  /** Set when the fault could not be run to the end. */
  error?: string;
}

const HEADER = ['fault', 'back within 1 min. order p50 / max (s)', 'fills SQLite / venue', 'lost', 'duplicates', 'largest naked (USDC)', 'flat at end', 'serve alive'];

function timeCell(e: ExposureReport | null): string {
  if (!e) return '—';
  if (e.episodes === 0) return 'never naked';
  const text = `${e.p50.toFixed(1)} / ${e.max.toFixed(1)}`;
  if (e.openAtEnd) return `${text} NOT COVERED`;
  return e.max > TARGET_SECONDS ? `${text} (> ${TARGET_SECONDS} s)` : text;
}

/** The cells of a row, in {@link HEADER} order. */
function cells(r: FaultRow): string[] {
  const f = r.fills;
  return [
    r.fault,
    r.error ? `error: ${r.error.split('\n')[0]!.slice(0, 80)}` : timeCell(r.exposure),
    f ? `${f.recorded} / ${f.venue}` : '—',
    f ? String(f.lost) : '—',
    f ? String(f.duplicates) : '—',
    r.exposure ? r.exposure.largestNotional.toFixed(2) : '—',
    r.exposure ? (r.exposure.flatAtEnd ? 'yes' : 'NO') : '—',
    r.serveAlive === null ? '—' : r.serveAlive ? 'yes' : 'NO',
  ];
}

/** The table as aligned plain text, with the notes under it. */
export function textTable(rows: readonly FaultRow[]): string {
  const all = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  return [line(HEADER), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map((r) => line(cells(r))), ...notesOf(rows)].join('\n');
}

/** The table as Markdown, with the notes as a list under it. */
export function markdownTable(rows: readonly FaultRow[]): string {
  const esc = (c: string) => c.replace(/\|/g, '\\|');
  const line = (r: string[]) => `| ${r.map(esc).join(' | ')} |`;
  const notes = notesOf(rows);
  return [line(HEADER), `|${HEADER.map(() => '---').join('|')}|`, ...rows.map((r) => line(cells(r))), ...(notes.length ? ['', ...notes.map((n) => `- ${n}`)] : [])].join('\n');
}

/** A multi-line message (an error with a process's output) on one line of at most 400 characters. */
function oneLine(text: string): string {
  const flat = text.trim().replace(/\s*\n\s*/g, ' / ');
  return flat.length > 400 ? `${flat.slice(0, 399)}…` : flat;
}

function notesOf(rows: readonly FaultRow[]): string[] {
  return rows.flatMap((r) => [
    ...r.notes.map((n) => `${r.fault}: ${oneLine(n)}`),
    ...(r.error ? [`${r.fault}: ${oneLine(r.error)}`] : []),
    ...(r.fills && r.fills.unknown > 0 ? [`${r.fault}: ${r.fills.unknown} recorded fill(s) match no venue fill`] : []),
  ]);
}
