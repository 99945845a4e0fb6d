import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultSpec } from './faults';
import { readJsonObject, sendJson } from './http-io';
import { LighterError } from './lighter-error';
import type { LighterSimAdmin } from './sim-admin';

/** Prefix of the admin routes (same port as the Lighter API; tests and paper mode only). */
export const ADMIN_PREFIX = '/admin/';

function str(body: Record<string, unknown>, field: string): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new LighterError(20001, `${field} must be a string`);
  return v;
}

/**
 * The admin HTTP routes (README "Admin endpoint"):
 * - `POST /admin/accounts` `{l1_address?, collateral?}` → `{account_index, l1_address}`
 * - `POST /admin/accounts/{index}/collateral` `{amount}` (signed USDC) → `{account_index, collateral}`
 * - `POST /admin/faults` (see `faults.ts`) → `{faults}`; `DELETE /admin/faults` → `{faults}`
 * - `POST /admin/mid` `{market_id, price}` → `{market_id, mid}`
 * - `GET /admin/state` → the state
 * - `GET /admin/trades` → `{trades}`: every trade with a user account on either side, oldest first
 * Errors answer like Lighter: HTTP 400 `{code, message}` (404 `{code: 29404}` for unknown routes).
 * @throws LighterError for every refusal (the server writes it).
 */
export async function handleAdmin(admin: LighterSimAdmin, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const route = `${req.method} ${url.pathname}`;
  if (route === 'GET /admin/state') return sendJson(res, 200, admin.state());
  if (route === 'GET /admin/trades') return sendJson(res, 200, { trades: admin.userTrades() });
  if (route === 'DELETE /admin/faults') return sendJson(res, 200, { faults: admin.clearFaults() });
  if (req.method !== 'POST') throw new LighterError(29404);
  const body = await readJsonObject(req);
  if (url.pathname === '/admin/accounts') {
    const created = admin.createAccount({ l1Address: str(body, 'l1_address'), collateral: str(body, 'collateral') });
    return sendJson(res, 200, { account_index: created.accountIndex, l1_address: created.l1Address });
  }
  const collateral = /^\/admin\/accounts\/(\d+)\/collateral$/.exec(url.pathname);
  if (collateral) {
    const accountIndex = Number(collateral[1]);
    const amount = str(body, 'amount');
    if (amount === undefined) throw new LighterError(20001, 'amount is required');
    return sendJson(res, 200, { account_index: accountIndex, collateral: admin.adjustCollateral(accountIndex, amount) });
  }
  if (url.pathname === '/admin/faults') return sendJson(res, 200, { faults: admin.setFaults(body as FaultSpec) });
  if (url.pathname === '/admin/mid') {
    const marketId = body.market_id;
    const price = str(body, 'price');
    if (typeof marketId !== 'number' || !Number.isInteger(marketId)) throw new LighterError(20001, 'market_id must be an integer');
    if (price === undefined) throw new LighterError(20001, 'price is required');
    return sendJson(res, 200, { market_id: marketId, mid: admin.setMid(marketId, price) });
  }
  throw new LighterError(29404);
}
