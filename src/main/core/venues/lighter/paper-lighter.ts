import { join } from 'node:path';
import { z } from 'zod';
import { selfTradeOf, selfTradeWireModes } from '../../../../shared/schemas/self-trade';
import type { Account } from '../../../../shared/schemas/account';
import type { Logger } from '../../log/logger';
import { startLighterSim, type LighterSimOptions, type RunningLighterSim } from '../../sim/lighter/lighter-sim';
import { createLighterVenue, type LighterTiming } from './lighter-venue';
import { signerForAccount } from './signer/signer-for-account';
import type { PaperVenueDeps, PaperVenues } from '../venue-descriptor';
import type { Venue } from '../venue';
import { postSimAdmin, PaperSimulatorError } from '../../engine/external-sim-admin';
import { PaperAccountBook } from '../../engine/paper-account-book';
import { defaultPaperSim, PAPER_SIM_TOKEN_ENV, type DefaultPaperSim } from '../../engine/paper-sim-default';
import { DEFAULT_PAPER_COLLATERAL, PaperSimulatorHost } from '../../engine/paper-simulator-host';
import { PerDataDir } from '../../engine/per-data-dir';

/** API key index paper accounts sign with unless their identifiers name one (the simulator accepts any). */
const PAPER_API_KEY_INDEX = 4;

const entrySchema = z.object({ accountIndex: z.number().int().min(0) }).strict();

/** Options of {@link PaperLighter}. */
export interface PaperLighterOptions {
  /** Collateral each paper account is funded with when first used, USDC decimal string (default 10 000). */
  collateral?: string;
  /** Seed of the simulator's prices and liquidity (default 1). */
  seed?: number;
  /**
   * Where paper state lives (`<data dir>/paper`): the built-in simulator's
   * state (`lighter-sim/`) and which simulator account each paper account
   * uses (`lighter-accounts.json`). None = in memory, gone with the process.
   */
  paperDir?: string;
  /**
   * The external simulator paper accounts without their own `simUrl` trade
   * on (its admin token opens their accounts there); a function is asked on
   * each use. Default: none — the built-in simulator.
   */
  defaultSim?: DefaultPaperSim | null | (() => DefaultPaperSim | null);
  /** More simulator options (tests: liquidity, markets…). */
  sim?: Omit<LighterSimOptions, 'port' | 'host' | 'accounts' | 'collateral' | 'seed' | 'stateDir'>;
}

/**
 * Paper trading on Lighter. A paper account without `simUrl` trades on the
 * process's built-in Lighter simulator (127.0.0.1, a free port, started on
 * first use; with `paperDir` its state persists there, so positions, open
 * orders and id counters survive a restart). A paper account with `simUrl`
 * trades on that external simulator (`hedgedesk sim lighter`): on its
 * `accountIndex` when given, else on an account opened there with the admin
 * token stored as the secret `simAdminToken`. Either way the simulator
 * account is opened and funded with `collateral` once and remembered in the
 * paper account book; the real Lighter client talks to the simulator over
 * HTTP and WebSocket and signs with the paper signer.
 */
export class PaperLighter implements PaperVenues {
  private readonly host: PaperSimulatorHost<RunningLighterSim>;
  private readonly book: PaperAccountBook<z.infer<typeof entrySchema>>;

  constructor(private readonly opts: PaperLighterOptions = {}) {
    const dir = opts.paperDir;
    this.host = new PaperSimulatorHost(() =>
      startLighterSim({ ...opts.sim, port: 0, host: '127.0.0.1', accounts: 0, seed: opts.seed ?? 1, stateDir: dir && join(dir, 'lighter-sim') }),
    );
    this.book = new PaperAccountBook(dir ? join(dir, 'lighter-accounts.json') : null, entrySchema);
  }

  /** The running built-in simulator, started on first call. @throws Error when it cannot start. */
  simulator(): Promise<RunningLighterSim> {
    return this.host.simulator();
  }

  /** The built-in simulator's account index of a HedgeDesk paper account, once it was used. */
  simAccountIndex(accountId: string): number | undefined {
    return this.book.get(accountId, 'built-in')?.accountIndex;
  }

  /**
   * A Lighter client (not yet connected) for a paper account on its
   * simulator; opens and funds its simulator account on first use.
   * @throws TypeError for an account that is not a paper Lighter account;
   *   PaperSimulatorError when its external simulator cannot be used;
   *   CorruptStateFileError when the paper account book or the built-in simulator's state is damaged;
   *   SimStateLockedError when another process uses the built-in simulator's state.
   */
  async venueFor(account: Account, deps: PaperVenueDeps): Promise<Venue> {
    if (account.mode !== 'paper' || account.venue !== 'lighter') throw new TypeError(`account ${account.id} is not a paper Lighter account`);
    const fallback = typeof this.opts.defaultSim === 'function' ? this.opts.defaultSim() : (this.opts.defaultSim ?? null);
    const own = typeof account.identifiers.simUrl === 'string' ? account.identifiers.simUrl : null;
    const simUrl = own ?? fallback?.url ?? null;
    const defaultToken = own === null ? (fallback?.adminToken ?? null) : null;
    const { url, wsUrl, accountIndex } = simUrl ? await this.onExternal(account, simUrl, deps, defaultToken) : await this.onBuiltIn(account, deps.logger);
    const apiKeyIndex = typeof account.identifiers.apiKeyIndex === 'number' ? account.identifiers.apiKeyIndex : PAPER_API_KEY_INDEX;
    const signer = await signerForAccount({ mode: 'paper', accountIndex, apiKeyIndex }, deps.clock);
    return createLighterVenue({
      accountId: account.id,
      baseUrl: url,
      wsUrl,
      accountIndex,
      apiKeyIndex,
      signer,
      selfTrade: selfTradeWireModes(selfTradeOf(account.identifiers)),
      tier: 'premium',
      clock: deps.clock,
      logger: deps.logger,
      timing: deps.timing as LighterTiming | undefined,
    });
  }

  /** Stops the built-in simulator (if it was started), which writes its state a last time. */
  async close(): Promise<void> {
    await this.host.close();
  }

  private async onBuiltIn(account: Account, logger: Logger): Promise<{ url: string; wsUrl: string; accountIndex: number }> {
    const sim = await this.host.simulator();
    const known = this.book.get(account.id, 'built-in')?.accountIndex;
    if (known !== undefined && sim.admin.state().accounts.some((a) => a.account_index === known)) return { url: sim.url, wsUrl: sim.wsUrl, accountIndex: known };
    if (known !== undefined) logger.warn({ component: 'engine.paper', account: account.id, accountIndex: known }, 'the built-in Lighter simulator no longer has this paper account (its state was removed): opening a new one');
    const accountIndex = sim.admin.createAccount({ collateral: this.opts.collateral ?? DEFAULT_PAPER_COLLATERAL }).accountIndex;
    this.book.set(account.id, 'built-in', { accountIndex });
    logger.info({ component: 'engine.paper', account: account.id, accountIndex }, 'paper account opened on the built-in Lighter simulator');
    return { url: sim.url, wsUrl: sim.wsUrl, accountIndex };
  }

  private async onExternal(account: Account, simUrl: string, deps: PaperVenueDeps, defaultToken: string | null): Promise<{ url: string; wsUrl: string; accountIndex: number }> {
    const url = simUrl.replace(/\/$/, '');
    const wsUrl = `${url.replace(/^http/, 'ws')}/stream`;
    if (typeof account.identifiers.accountIndex === 'number') return { url, wsUrl, accountIndex: account.identifiers.accountIndex };
    const known = this.book.get(account.id, url)?.accountIndex;
    if (known !== undefined) return { url, wsUrl, accountIndex: known };
    const token = defaultToken ?? (await deps.secrets?.get({ accountId: account.id, field: 'simAdminToken' }));
    if (!token) {
      throw new PaperSimulatorError(
        `paper account ${account.id} trades on the simulator at ${url} but has no admin token to open its account there: store the token \`hedgedesk sim\` printed as its secret "simAdminToken" (or set ${PAPER_SIM_TOKEN_ENV}), or set its accountIndex`,
      );
    }
    const answer = (await postSimAdmin(url, token, '/admin/accounts', { collateral: this.opts.collateral ?? DEFAULT_PAPER_COLLATERAL })) as { account_index?: unknown };
    if (typeof answer.account_index !== 'number') throw new PaperSimulatorError(`the simulator at ${url} is not a Lighter simulator (no account_index in its answer)`);
    this.book.set(account.id, url, { accountIndex: answer.account_index });
    deps.logger.info({ component: 'engine.paper', account: account.id, accountIndex: answer.account_index, simUrl: url }, 'paper account opened on an external Lighter simulator');
    return { url, wsUrl, accountIndex: answer.account_index };
  }
}

const perDataDir = new PerDataDir((paperDir) => new PaperLighter({ paperDir, defaultSim: () => defaultPaperSim('lighter', process.env) }));

/**
 * The process's {@link PaperLighter} for a data directory (one built-in
 * simulator per data directory, its state under `<dataDir>/paper`); without
 * one, a single in-memory instance. `HEDGEDESK_PAPER_LIGHTER_SIM` (+
 * `HEDGEDESK_SIM_ADMIN_TOKEN`) sends paper accounts without their own
 * simulator to that external one.
 */
export function processPaperLighter(dataDir?: string): PaperLighter {
  return perDataDir.get(dataDir);
}

/** Stops every process-wide {@link PaperLighter} and forgets them. */
export function closeProcessPaperLighters(): Promise<void> {
  return perDataDir.closeAll();
}
