import type { IncomingMessage, ServerResponse } from 'node:http';
import { Response } from 'undici';
import { LighterError } from './lighter-error';

/** Largest accepted request body (bytes). */
const MAX_BODY = 1 << 20;

/** Writes a JSON answer. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Writes a Lighter error answer (`{code, message}` with its HTTP status). */
export function sendError(res: ServerResponse, err: LighterError): void {
  sendJson(res, err.httpStatus, err.body());
}

/**
 * Reads the whole request body.
 * @throws LighterError 20001 when it is larger than 1 MiB.
 */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new LighterError(20001, 'body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Parses a `multipart/form-data` (or `application/x-www-form-urlencoded`)
 * body into its text fields, with undici's standard FormData parser.
 * @throws LighterError 20001 when the body is not a parsable form.
 */
export async function readForm(req: IncomingMessage): Promise<Map<string, string>> {
  const body = await readBody(req);
  const contentType = req.headers['content-type'] ?? '';
  let form: Awaited<ReturnType<Response['formData']>>;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new LighterError(20001, 'expected a multipart/form-data body');
  }
  const fields = new Map<string, string>();
  for (const [key, value] of form.entries()) if (typeof value === 'string') fields.set(key, value);
  return fields;
}

/**
 * Reads a JSON object body (admin routes); an empty body is `{}`.
 * @throws LighterError 20001 for anything but a JSON object.
 */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = (await readBody(req)).toString('utf8').trim();
  if (text === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    /* answered below */
  }
  throw new LighterError(20001, 'expected a JSON object body');
}

/** Query parameter helpers that answer like Lighter (20001 "invalid param: <name>"). */
export class Query {
  constructor(private readonly params: URLSearchParams) {}

  /** A string parameter, or undefined. */
  str(name: string): string | undefined {
    return this.params.get(name) ?? undefined;
  }

  /**
   * A required integer parameter within [min, max].
   * @throws LighterError 20001 naming the parameter.
   */
  int(name: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    const value = this.optInt(name, min, max);
    if (value === undefined) throw new LighterError(20001, name);
    return value;
  }

  /**
   * An optional integer parameter within [min, max].
   * @throws LighterError 20001 naming the parameter when present but invalid.
   */
  optInt(name: string, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
    const raw = this.params.get(name);
    if (raw === null || raw === '') return undefined;
    const n = Number(raw);
    if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) throw new LighterError(20001, name);
    return n;
  }
}
