import { fetch } from 'undici';

/** How long one admin request to an external simulator may take, ms. */
const ADMIN_TIMEOUT_MS = 10_000;

/**
 * A paper account's external simulator cannot be used: not running, the
 * admin token missing or refused, or an answer that is not what a
 * `hedgedesk sim` gives. The message names the URL and what to do.
 */
export class PaperSimulatorError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PaperSimulatorError';
  }
}

/**
 * POSTs a JSON body to an admin route of an external simulator
 * (`hedgedesk sim <venue>` at `simUrl`) with its admin token as
 * `Authorization: Bearer`; returns the JSON answer.
 * @throws PaperSimulatorError when the simulator does not answer (within
 *   10 s), refuses the token (401), or answers with an error.
 */
export async function postSimAdmin(simUrl: string, token: string, path: string, body: unknown): Promise<unknown> {
  let res;
  try {
    res = await fetch(`${simUrl.replace(/\/$/, '')}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(ADMIN_TIMEOUT_MS),
    });
  } catch (err) {
    throw new PaperSimulatorError(`the simulator at ${simUrl} does not answer (is \`hedgedesk sim\` running there?): ${(err as Error).message}`, { cause: err });
  }
  const text = await res.text();
  if (res.status === 401) throw new PaperSimulatorError(`the simulator at ${simUrl} refused the admin token: store the token it printed as the account's secret "simAdminToken"`);
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    throw new PaperSimulatorError(`the simulator at ${simUrl} answered ${path} with HTTP ${res.status} and no JSON: is it a hedgedesk simulator?`);
  }
  if (!res.ok) throw new PaperSimulatorError(`the simulator at ${simUrl} refused ${path} (HTTP ${res.status}): ${text.slice(0, 300)}`);
  return answer;
}
