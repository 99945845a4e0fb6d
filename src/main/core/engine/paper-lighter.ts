import { selfTradeOf, selfTradeWireModes } from '../../../shared/schemas/self-trade';
import type { Account } from '../../../shared/schemas/account';
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import { startLighterSim, type LighterSimOptions, type RunningLighterSim } from '../sim/lighter/lighter-sim';
import { createLighterVenue, type LighterTiming } from '../venues/lighter/lighter-venue';
import { signerForAccount } from '../venues/lighter/signer/signer-for-account';
import type { Venue } from '../venues/venue';
import { DEFAULT_PAPER_COLLATERAL, PaperSimulatorHost } from './paper-simulator-host';

/** API key index paper accounts sign with unless their identifiers name one (the simulator accepts any). */
const PAPER_API_KEY_INDEX = 4;

/** Options of {@link PaperLighter}. */
export interface PaperLighterOptions {
  /** Collateral each paper account is funded with when first used, USDC decimal string (default 10 000). */
  collateral?: string;
  /** Seed of the simulator's prices and liquidity (default 1). */
  seed?: number;
  /** More simulator options (tests: liquidity, markets…). */
  sim?: Omit<LighterSimOptions, 'port' | 'host' | 'accounts' | 'collateral' | 'seed'>;
}

/**
 * Paper trading on Lighter: one built-in Lighter simulator for the process,
 * started on 127.0.0.1 (a free port) on first use, and one simulator account
 * per HedgeDesk paper account, opened through the admin API and funded with
 * `collateral` the first time the account is used. The mapping lives as long
 * as this object (the process); the real Lighter client talks to the
 * simulator over HTTP and WebSocket and signs with the paper signer.
 */
export class PaperLighter {
  /** The simulator and each paper account's simulator account index. */
  private readonly host: PaperSimulatorHost<RunningLighterSim, number>;

  constructor(private readonly opts: PaperLighterOptions = {}) {
    this.host = new PaperSimulatorHost(() => startLighterSim({ ...opts.sim, port: 0, host: '127.0.0.1', accounts: 0, seed: opts.seed ?? 1 }));
  }

  /** The running simulator, started on first call. @throws Error when it cannot start. */
  simulator(): Promise<RunningLighterSim> {
    return this.host.simulator();
  }

  /** The simulator account index of a HedgeDesk paper account, once it was used. */
  simAccountIndex(accountId: string): number | undefined {
    return this.host.account(accountId);
  }

  /**
   * A Lighter client (not yet connected) for a paper account on the simulator;
   * opens and funds its simulator account on first use.
   * @throws TypeError for an account that is not a paper Lighter account.
   */
  async venueFor(account: Account, deps: { clock: Clock; logger: Logger; timing?: LighterTiming }): Promise<Venue> {
    if (account.mode !== 'paper' || account.venue !== 'lighter') throw new TypeError(`account ${account.id} is not a paper Lighter account`);
    const { sim, account: accountIndex } = await this.host.accountOn(account.id, (simulator) => {
      const opened = simulator.admin.createAccount({ collateral: this.opts.collateral ?? DEFAULT_PAPER_COLLATERAL }).accountIndex;
      deps.logger.info({ component: 'engine.paper', account: account.id, accountIndex: opened }, 'paper account opened on the built-in Lighter simulator');
      return opened;
    });
    const apiKeyIndex = typeof account.identifiers.apiKeyIndex === 'number' ? account.identifiers.apiKeyIndex : PAPER_API_KEY_INDEX;
    const signer = await signerForAccount({ mode: 'paper', accountIndex, apiKeyIndex }, deps.clock);
    return createLighterVenue({
      accountId: account.id,
      baseUrl: sim.url,
      wsUrl: sim.wsUrl,
      accountIndex,
      apiKeyIndex,
      signer,
      selfTrade: selfTradeWireModes(selfTradeOf(account.identifiers)),
      tier: 'premium',
      clock: deps.clock,
      logger: deps.logger,
      timing: deps.timing,
    });
  }

  /** Stops the simulator (if it was started). */
  async close(): Promise<void> {
    await this.host.close();
  }
}

let processWide: PaperLighter | null = null;

/** The process's {@link PaperLighter} (one simulator per process). */
export function processPaperLighter(): PaperLighter {
  processWide ??= new PaperLighter();
  return processWide;
}
