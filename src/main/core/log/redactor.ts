/** What replaces a redacted value in log text. */
export const REDACTED = '[REDACTED]';

/**
 * Shapes of secret-looking values, redacted wherever they appear in log text
 * (StarkNet addresses share the shape of StarkNet keys and are redacted too):
 * long hex (private keys: Lighter API keys, StarkNet and EVM keys), long base64
 * (ED25519 secrets; pure hex such as a 40-digit EVM address is left alone), JWTs (Paradex auth), Telegram bot tokens, and the value of
 * any `secret` / `private_key` / `token` / `password` key.
 */
const PATTERNS: RegExp[] = [
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
  /\b\d{6,12}:[A-Za-z0-9_-]{30,}\b/g,
  /\b(?:0x[0-9a-fA-F]{60,}|[0-9a-fA-F]{64,})\b/g,
  /(?<![A-Za-z0-9+/])(?!0x)(?=[A-Za-z0-9+/]*[0-9])(?=[A-Za-z0-9+/]*[g-zG-Z+/])[A-Za-z0-9+/]{40,}={0,2}/g,
  /((?:secret|private_?key|privateKey|api_?secret|apiSecret|token|password|passphrase)\\?["']?\s*[:=]\s*\\?["']?)[^"'\\,\s}&]{4,}/gi,
];

/**
 * Scrubs secrets out of log text: every value it was told about (exact match,
 * raw and JSON-escaped) plus the shapes in {@link PATTERNS}. Shared by the
 * logger and the secret stores, which `remember` every secret they handle.
 */
export class Redactor {
  private readonly known = new Set<string>();

  /** Adds a secret value to redact from now on. Values shorter than 6 characters are ignored. */
  remember(value: string): void {
    if (value.length < 6) return;
    this.known.add(value);
    const escaped = JSON.stringify(value).slice(1, -1);
    if (escaped !== value) this.known.add(escaped);
  }

  /** `text` with every known secret and secret-looking value replaced by {@link REDACTED}. */
  scrub(text: string): string {
    let out = text;
    for (const v of this.known) {
      if (out.includes(v)) out = out.split(v).join(REDACTED);
    }
    for (const re of PATTERNS) {
      out = out.replace(re, (match: string, keep?: unknown) => (typeof keep === 'string' ? keep + REDACTED : REDACTED));
    }
    return out;
  }
}
