import { ec } from 'starknet';
import type { Account } from '../../../shared/schemas/account';
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import { startParadexSim, type ParadexSimOptions, type RunningParadexSim } from '../sim/paradex/paradex-sim';
import { createParadexVenue, type ParadexTiming } from '../venues/paradex/paradex-venue';
import type { Venue } from '../venues/venue';
import { DEFAULT_PAPER_COLLATERAL, PaperSimulatorHost } from './paper-simulator-host';

/** Options of {@link PaperParadex}. */
export interface PaperParadexOptions {
  /** Collateral each paper account is funded with when first used, USDC decimal string (default 10 000). */
  collateral?: string;
  /** Seed of the simulator's prices and liquidity (default 1). */
  seed?: number;
  /** More simulator options (tests: liquidity, markets, JWT lifetime…). */
  sim?: Omit<ParadexSimOptions, 'port' | 'host' | 'seed'>;
}

/** A paper account's STARK key (in memory only) and its simulator account address. */
interface PaperKey {
  privateKey: string;
  address: string;
}

/**
 * Paper trading on Paradex: one built-in Paradex simulator for the process,
 * started on 127.0.0.1 (a free port) on first use, and per HedgeDesk paper
 * account a random STARK private key kept in memory whose public key is
 * registered (and funded with `collateral`) through the simulator's admin the
 * first time the account is used. The real Paradex client then talks to the
 * simulator over HTTP and WebSocket, signing auth and orders with that key.
 * The mapping lives as long as this object (the process).
 */
export class PaperParadex {
  /** The simulator and each paper account's key and simulator address. */
  private readonly host: PaperSimulatorHost<RunningParadexSim, PaperKey>;

  constructor(private readonly opts: PaperParadexOptions = {}) {
    this.host = new PaperSimulatorHost(() => startParadexSim({ ...opts.sim, port: 0, host: '127.0.0.1', seed: opts.seed ?? 1 }));
  }

  /** The running simulator, started on first call. @throws Error when it cannot start. */
  simulator(): Promise<RunningParadexSim> {
    return this.host.simulator();
  }

  /** The simulator account address of a HedgeDesk paper account, once it was used. */
  simAddress(accountId: string): string | undefined {
    return this.host.account(accountId)?.address;
  }

  /**
   * A Paradex client (not yet connected) for a paper account on the
   * simulator; registers and funds its simulator account on first use.
   * @throws TypeError for an account that is not a paper Paradex account.
   */
  async venueFor(account: Account, deps: { clock: Clock; logger: Logger; timing?: ParadexTiming }): Promise<Venue> {
    if (account.mode !== 'paper' || account.venue !== 'paradex') throw new TypeError(`account ${account.id} is not a paper Paradex account`);
    const { sim, account: key } = await this.host.accountOn(account.id, (simulator) => {
      const privateKey = `0x${Buffer.from(ec.starkCurve.utils.randomPrivateKey()).toString('hex')}`;
      const { address } = simulator.admin.createAccount({ publicKey: ec.starkCurve.getStarkKey(privateKey), collateral: this.opts.collateral ?? DEFAULT_PAPER_COLLATERAL });
      deps.logger.info({ component: 'engine.paper', account: account.id, address }, 'paper account opened on the built-in Paradex simulator');
      return { privateKey, address };
    });
    return createParadexVenue({
      accountId: account.id,
      baseUrl: `${sim.url}/v1`,
      wsUrl: sim.wsUrl,
      l2PrivateKey: key.privateKey,
      l2Address: key.address,
      clock: deps.clock,
      logger: deps.logger,
      timing: deps.timing,
    });
  }

  /** Stops the simulator (if it was started) and forgets the paper keys. */
  async close(): Promise<void> {
    await this.host.close();
  }
}

let processWide: PaperParadex | null = null;

/** The process's {@link PaperParadex} (one Paradex simulator per process). */
export function processPaperParadex(): PaperParadex {
  processWide ??= new PaperParadex();
  return processWide;
}
