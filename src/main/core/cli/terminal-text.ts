/**
 * Control characters a terminal would act on: C0 (ESC starts ANSI escape
 * sequences such as `\x1b[2J`, which clears the screen) except tab and
 * newline, DEL, C1 (incl. the 8-bit CSI), and the Unicode bidirectional
 * overrides that reorder what is shown.
 */
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from users or venues (account labels, reasons, error messages) made
 * safe to print on a terminal: each control character becomes a visible
 * escape (`\x1b`, `\u202e`), so it is shown, not obeyed. Newlines and tabs
 * are kept.
 */
export function terminalText(text: string): string {
  return text.replace(TERMINAL_CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
