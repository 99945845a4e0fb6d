import type { RawData } from 'ws';

/** A WebSocket text frame read as a JSON object; null when it is not valid JSON or not an object (arrays included). */
export function parseJsonObjectFrame(raw: RawData): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(raw.toString());
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
