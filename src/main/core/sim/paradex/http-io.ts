import type { IncomingMessage, ServerResponse } from 'node:http';
import { ParadexError } from './paradex-error';

/** Largest accepted request body (bytes). */
const MAX_BODY = 1 << 20;

/** Writes a JSON answer (`body` undefined = no body, e.g. 204). */
export function sendJson(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Writes a Paradex error answer (`{error, message, data}` with its HTTP status). */
export function sendError(res: ServerResponse, err: ParadexError): void {
  sendJson(res, err.httpStatus, err.body());
}

/**
 * Reads a JSON body; an empty body is `undefined`.
 * @throws ParadexError 400 `BINDING_ERROR` for a body over 1 MiB or invalid JSON.
 */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new ParadexError('BINDING_ERROR', 'body: larger than 1 MiB');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ParadexError('BINDING_ERROR', 'body: not valid JSON');
  }
}

/**
 * Reads a JSON object body (admin routes, batch cancel); an empty body is `{}`.
 * @throws ParadexError 400 for anything but a JSON object.
 */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const value = await readJson(req);
  if (value === undefined) return {};
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new ParadexError('BINDING_ERROR', 'body: expected a JSON object');
}
