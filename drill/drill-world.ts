/**
 * One fault's world: its own folder (the app's data dir, a state dir per
 * simulator, every process's log), the simulators, the venue-truth poller and
 * the app processes started in it. Paper accounts are created in the data dir
 * before the app starts, attached to the external simulators (`simUrl`, the
 * admin token as an env secret), so the venues outlive any app process.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Venue } from '../src/shared/schemas/venues';
import { secretEnvVar } from '../src/main/core/secrets/secret-store';
import { AccountsRepository } from '../src/main/core/store/accounts-repository';
import { openDatabase } from '../src/main/core/store/database';
import { DrillChild } from './child-process';
import { auditFills, readRecordedFills, type FillAudit } from './fill-audit';
import { SimProcess } from './venue-sims';
import { VenueTruth } from './venue-truth';

/** Log level of every app process (`npm run drill -- --app-log-level debug` to see what a hedge did). */
let appLogLevel = 'info';

/** Sets the log level of the app processes started from now on (trace|debug|info|warn|error). */
export function setAppLogLevel(level: string): void {
  appLogLevel = level;
}

/** A paper account the app trades with, on one of the world's simulators. */
export interface DrillAccount {
  id: string;
  label: string;
  venue: Venue;
}

/** What a world is made of. */
export interface WorldOptions {
  /** Lighter simulator: requests per minute (0 = unlimited, 60 = standard tier). Omitted: none. */
  lighter?: { rateLimit: number };
  /** A Paradex simulator too. */
  paradex?: boolean;
  /** The accounts to create (label and venue). */
  accounts: { label: string; venue: 'lighter' | 'paradex' }[];
}

/** The world of one fault. */
export class DrillWorld {
  readonly apps: DrillChild[] = [];
  private appCount = 0;

  private constructor(
    /** The fault's folder. */
    readonly dir: string,
    readonly dataDir: string,
    public lighter: SimProcess | null,
    public paradex: SimProcess | null,
    readonly truth: VenueTruth,
    readonly accounts: DrillAccount[],
    /** Environment of every app process (env secrets: the simulators' admin tokens). */
    readonly appEnv: NodeJS.ProcessEnv,
  ) {}

  /** Starts the simulators, creates the accounts and starts polling the venues. */
  static async open(dir: string, opts: WorldOptions): Promise<DrillWorld> {
    mkdirSync(dir, { recursive: true });
    const dataDir = join(dir, 'data');
    const lighter = opts.lighter ? await SimProcess.start({ venue: 'lighter', rateLimit: opts.lighter.rateLimit, stateDir: join(dir, 'lighter-sim'), logFile: join(dir, 'lighter-sim.log') }) : null;
    let paradex: SimProcess | null = null;
    try {
      paradex = opts.paradex ? await SimProcess.start({ venue: 'paradex', rateLimit: false, stateDir: join(dir, 'paradex-sim'), logFile: join(dir, 'paradex-sim.log') }) : null;
    } catch (err) {
      await lighter?.stop();
      throw err;
    }
    const sims = [lighter, paradex].filter((s): s is SimProcess => s !== null);
    const env: NodeJS.ProcessEnv = { HEDGEDESK_SECRETS_FROM_ENV: '1' };
    const { db } = openDatabase(join(dataDir, 'hedgedesk.db'));
    const accounts: DrillAccount[] = [];
    try {
      const repo = new AccountsRepository(db);
      for (const a of opts.accounts) {
        const sim = a.venue === 'lighter' ? lighter : paradex;
        if (!sim) throw new Error(`account ${a.label}: no ${a.venue} simulator in this world`);
        const created = repo.create({ venue: a.venue, label: a.label, mode: 'paper', identifiers: { simUrl: sim.url } });
        if (sim.adminToken) env[secretEnvVar({ accountId: created.id, field: 'simAdminToken' })] = sim.adminToken;
        accounts.push({ id: created.id, label: created.label, venue: a.venue });
      }
    } finally {
      db.close();
    }
    const truth = await VenueTruth.start(sims);
    return new DrillWorld(dir, dataDir, lighter, paradex, truth, accounts, env);
  }

  /** The app database. */
  get dbPath(): string {
    return join(this.dataDir, 'hedgedesk.db');
  }

  /** Starts `hedgedesk <args> --data-dir <data dir> --log-level <level>` (terminal output: app-N.log; the app's own log: data/logs). */
  startApp(args: string[]): DrillChild {
    const n = ++this.appCount;
    const app = DrillChild.start(`app #${n}`, [...args, '--data-dir', this.dataDir, '--log-level', appLogLevel], { env: this.appEnv, logFile: join(this.dir, `app-${n}.log`) });
    this.apps.push(app);
    return app;
  }

  /** Restarts a simulator on its port and state folder (SIGTERM first, so it saves its state). */
  async restartSim(venue: 'lighter' | 'paradex'): Promise<void> {
    const old = venue === 'lighter' ? this.lighter : this.paradex;
    if (!old) throw new Error(`no ${venue} simulator`);
    await old.stop();
    const next = await old.restart();
    this.truth.replace(old, next);
    if (venue === 'lighter') this.lighter = next;
    else this.paradex = next;
  }

  /** The simulators running now. */
  get sims(): SimProcess[] {
    return [this.lighter, this.paradex].filter((s): s is SimProcess => s !== null);
  }

  /** Fills recorded in SQLite against the venues' fill lists (read now). */
  async auditFills(): Promise<FillAudit> {
    const venueFills = (await Promise.all(this.sims.map((s) => s.fills()))).flat();
    return auditFills(readRecordedFills(this.dbPath), venueFills);
  }

  /** Stops every app still running (SIGTERM, then SIGKILL), the poller and the simulators. */
  async close(): Promise<void> {
    this.truth.stop();
    for (const app of this.apps) {
      await app.stop(15_000);
      await app.closeLog();
    }
    for (const sim of this.sims) await sim.stop();
  }
}
