import { join } from 'node:path';
import { ec } from 'starknet';
import { z } from 'zod';
import type { Account } from '../../../../shared/schemas/account';
import type { Logger } from '../../log/logger';
import { startParadexSim, type ParadexSimOptions, type RunningParadexSim } from '../../sim/paradex/paradex-sim';
import { createParadexVenue, type ParadexTiming } from './paradex-venue';
import type { PaperVenueDeps, PaperVenues } from '../venue-descriptor';
import type { Venue } from '../venue';
import { postSimAdmin, PaperSimulatorError } from '../../engine/external-sim-admin';
import { PaperAccountBook } from '../../engine/paper-account-book';
import { defaultPaperSim, PAPER_SIM_TOKEN_ENV, type DefaultPaperSim } from '../../engine/paper-sim-default';
import { DEFAULT_PAPER_COLLATERAL, PaperSimulatorHost } from '../../engine/paper-simulator-host';
import { PerDataDir } from '../../engine/per-data-dir';

const hex = z.string().regex(/^0x[0-9a-f]+$/);
/** A paper account's STARK key and its simulator account address (a key that controls simulated money only). */
const entrySchema = z.object({ privateKey: hex, address: hex }).strict();
type PaperKey = z.infer<typeof entrySchema>;

/** Options of {@link PaperParadex}. */
export interface PaperParadexOptions {
  /** Collateral each paper account is funded with when first used, USDC decimal string (default 10 000). */
  collateral?: string;
  /** Seed of the simulator's prices and liquidity (default 1). */
  seed?: number;
  /**
   * Where paper state lives (`<data dir>/paper`): the built-in simulator's
   * state (`paradex-sim/`) and each paper account's simulator key
   * (`paradex-accounts.json`). None = in memory, gone with the process.
   */
  paperDir?: string;
  /** The external simulator paper accounts without their own `simUrl` trade on (see PaperLighterOptions.defaultSim). */
  defaultSim?: DefaultPaperSim | null | (() => DefaultPaperSim | null);
  /** More simulator options (tests: liquidity, markets, JWT lifetime…). */
  sim?: Omit<ParadexSimOptions, 'port' | 'host' | 'seed' | 'stateDir'>;
}

/**
 * Paper trading on Paradex. Per HedgeDesk paper account a random STARK key
 * whose public key is registered (and funded with `collateral`) on its
 * simulator the first time the account is used: the process's built-in
 * Paradex simulator (127.0.0.1, a free port; with `paperDir` its state
 * persists there), or the external `hedgedesk sim paradex` at the account's
 * `simUrl` (registered with the admin token stored as the secret
 * `simAdminToken`; or, with `l2Address` and the secret `l2PrivateKey`, an
 * account the simulator printed). The key and address are kept in the paper account book
 * (`paperDir`, else memory) — they control simulated money only. The real
 * Paradex client talks to the simulator over HTTP and WebSocket, signing
 * auth and orders with that key.
 */
export class PaperParadex implements PaperVenues {
  private readonly host: PaperSimulatorHost<RunningParadexSim>;
  private readonly book: PaperAccountBook<PaperKey>;

  constructor(private readonly opts: PaperParadexOptions = {}) {
    const dir = opts.paperDir;
    this.host = new PaperSimulatorHost(() => startParadexSim({ ...opts.sim, port: 0, host: '127.0.0.1', seed: opts.seed ?? 1, stateDir: dir && join(dir, 'paradex-sim') }));
    this.book = new PaperAccountBook(dir ? join(dir, 'paradex-accounts.json') : null, entrySchema);
  }

  /** The running built-in simulator, started on first call. @throws Error when it cannot start. */
  simulator(): Promise<RunningParadexSim> {
    return this.host.simulator();
  }

  /** The built-in simulator's account address of a HedgeDesk paper account, once it was used. */
  simAddress(accountId: string): string | undefined {
    return this.book.get(accountId, 'built-in')?.address;
  }

  /**
   * A Paradex client (not yet connected) for a paper account on its
   * simulator; registers and funds its simulator account on first use.
   * @throws TypeError for an account that is not a paper Paradex account;
   *   PaperSimulatorError when its external simulator cannot be used;
   *   CorruptStateFileError when the paper account book or the built-in simulator's state is damaged;
   *   SimStateLockedError when another process uses the built-in simulator's state.
   */
  async venueFor(account: Account, deps: PaperVenueDeps): Promise<Venue> {
    if (account.mode !== 'paper' || account.venue !== 'paradex') throw new TypeError(`account ${account.id} is not a paper Paradex account`);
    const fallback = typeof this.opts.defaultSim === 'function' ? this.opts.defaultSim() : (this.opts.defaultSim ?? null);
    const own = typeof account.identifiers.simUrl === 'string' ? account.identifiers.simUrl.replace(/\/$/, '') : null;
    const simUrl = own ?? fallback?.url ?? null;
    const defaultToken = own === null ? (fallback?.adminToken ?? null) : null;
    const { url, wsUrl, key } = simUrl ? await this.onExternal(account, simUrl, deps, defaultToken) : await this.onBuiltIn(account, deps.logger);
    return createParadexVenue({
      accountId: account.id,
      baseUrl: `${url}/v1`,
      wsUrl,
      l2PrivateKey: key.privateKey,
      l2Address: key.address,
      clock: deps.clock,
      logger: deps.logger,
      timing: deps.timing as ParadexTiming | undefined,
    });
  }

  /** Stops the built-in simulator (if it was started), which writes its state a last time. */
  async close(): Promise<void> {
    await this.host.close();
  }

  private async onBuiltIn(account: Account, logger: Logger): Promise<{ url: string; wsUrl: string; key: PaperKey }> {
    const sim = await this.host.simulator();
    let key = this.book.get(account.id, 'built-in');
    const privateKey = key?.privateKey ?? newPrivateKey();
    // Registering an already registered key returns its account unchanged (no second funding).
    const { address } = sim.admin.createAccount({ publicKey: ec.starkCurve.getStarkKey(privateKey), collateral: this.opts.collateral ?? DEFAULT_PAPER_COLLATERAL });
    if (!key || key.address !== address) {
      key = { privateKey, address };
      this.book.set(account.id, 'built-in', key);
      logger.info({ component: 'engine.paper', account: account.id, address }, 'paper account opened on the built-in Paradex simulator');
    }
    return { url: sim.url, wsUrl: sim.wsUrl, key };
  }

  private async onExternal(account: Account, url: string, deps: PaperVenueDeps, defaultToken: string | null): Promise<{ url: string; wsUrl: string; key: PaperKey }> {
    const wsUrl = `${url.replace(/^http/, 'ws')}/v1`;
    const known = this.book.get(account.id, url);
    if (known) return { url, wsUrl, key: known };
    const given = typeof account.identifiers.l2Address === 'string' ? await deps.secrets?.get({ accountId: account.id, field: 'l2PrivateKey' }) : null;
    if (given) return { url, wsUrl, key: { privateKey: given, address: String(account.identifiers.l2Address) } };
    const token = defaultToken ?? (await deps.secrets?.get({ accountId: account.id, field: 'simAdminToken' }));
    if (!token) {
      throw new PaperSimulatorError(
        `paper account ${account.id} trades on the simulator at ${url} but has no admin token to register its key there: store the token \`hedgedesk sim\` printed as its secret "simAdminToken" (or set ${PAPER_SIM_TOKEN_ENV})`,
      );
    }
    const privateKey = newPrivateKey();
    const answer = (await postSimAdmin(url, token, '/admin/accounts', {
      public_key: ec.starkCurve.getStarkKey(privateKey),
      collateral: this.opts.collateral ?? DEFAULT_PAPER_COLLATERAL,
    })) as { address?: unknown };
    if (typeof answer.address !== 'string' || !/^0x[0-9a-f]+$/.test(answer.address)) throw new PaperSimulatorError(`the simulator at ${url} is not a Paradex simulator (no address in its answer)`);
    const key = { privateKey, address: answer.address };
    this.book.set(account.id, url, key);
    deps.logger.info({ component: 'engine.paper', account: account.id, address: key.address, simUrl: url }, 'paper account opened on an external Paradex simulator');
    return { url, wsUrl, key };
  }
}

function newPrivateKey(): string {
  return `0x${Buffer.from(ec.starkCurve.utils.randomPrivateKey()).toString('hex')}`;
}

const perDataDir = new PerDataDir((paperDir) => new PaperParadex({ paperDir, defaultSim: () => defaultPaperSim('paradex', process.env) }));

/**
 * The process's {@link PaperParadex} for a data directory (one built-in
 * simulator per data directory, its state under `<dataDir>/paper`); without
 * one, a single in-memory instance. `HEDGEDESK_PAPER_PARADEX_SIM` (+
 * `HEDGEDESK_SIM_ADMIN_TOKEN`) sends paper accounts without their own
 * simulator to that external one.
 */
export function processPaperParadex(dataDir?: string): PaperParadex {
  return perDataDir.get(dataDir);
}

/** Stops every process-wide {@link PaperParadex} and forgets them. */
export function closeProcessPaperParadexes(): Promise<void> {
  return perDataDir.closeAll();
}
