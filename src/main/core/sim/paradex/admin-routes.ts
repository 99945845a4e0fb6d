import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultSpec } from './faults';
import { readJsonObject, sendJson } from './http-io';
import { ParadexError } from './paradex-error';
import type { ParadexSimAdmin } from './sim-admin';

/** Prefix of the admin routes (same port as the Paradex API; tests and paper mode only). */
export const ADMIN_PREFIX = '/admin/';

function str(body: Record<string, unknown>, field: string): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new ParadexError('VALIDATION_ERROR', `${field}: must be a string`);
  return v;
}

function required(body: Record<string, unknown>, field: string): string {
  const v = str(body, field);
  if (v === undefined) throw new ParadexError('VALIDATION_ERROR', `${field}: required`);
  return v;
}

/**
 * The admin HTTP routes (README "Paradex layer"):
 * - `POST /admin/accounts` `{public_key, collateral?}` → `{address}`
 * - `POST /admin/accounts/{address}/deposit` `{amount}` (signed USDC) → `{address, collateral}`
 * - `GET /admin/accounts/{address}` → the account snapshot
 * - `POST /admin/mid` `{market, price}` → `{market, mid}`
 * - `POST /admin/faults` (see `faults.ts`) → `{faults}`; `DELETE /admin/faults` → `{faults}`
 * - `GET /admin/state` → the state
 * - `GET /admin/fills` → `{fills}`: every user account's fills (`/v1/fills` entries), oldest first
 * Errors answer like Paradex: `{error, message, data}`.
 * @throws ParadexError for every refusal (the server writes it).
 */
export async function handleAdmin(admin: ParadexSimAdmin, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const route = `${req.method} ${url.pathname}`;
  if (route === 'GET /admin/state') return sendJson(res, 200, admin.state());
  if (route === 'GET /admin/fills') return sendJson(res, 200, { fills: admin.userFills() });
  if (route === 'DELETE /admin/faults') return sendJson(res, 200, { faults: admin.clearFaults() });
  const accountPath = /^\/admin\/accounts\/(0x[0-9a-fA-F]+)(\/deposit)?$/.exec(url.pathname);
  if (req.method === 'GET' && accountPath && !accountPath[2]) return sendJson(res, 200, admin.account(accountPath[1]!));
  if (req.method !== 'POST') throw new ParadexError('NOT_FOUND', `no admin route ${route}`, 404);
  const body = await readJsonObject(req);
  if (url.pathname === '/admin/accounts') return sendJson(res, 200, admin.createAccount({ publicKey: required(body, 'public_key'), collateral: str(body, 'collateral') }));
  if (accountPath?.[2]) {
    const collateral = admin.deposit(accountPath[1]!, required(body, 'amount'));
    return sendJson(res, 200, { address: accountPath[1], collateral });
  }
  if (url.pathname === '/admin/faults') return sendJson(res, 200, { faults: admin.setFaults(body as FaultSpec) });
  if (url.pathname === '/admin/mid') {
    const market = required(body, 'market');
    return sendJson(res, 200, { market, mid: admin.setMid(market, required(body, 'price')) });
  }
  throw new ParadexError('NOT_FOUND', `no admin route ${route}`, 404);
}
