import type { Database } from 'better-sqlite3';
import { randomInt } from 'node:crypto';
import type { Account } from '../../../shared/schemas/account';
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import type { NotificationKind, Notifier } from '../notify/notifier';
import { AccountsRepository } from '../store/accounts-repository';
import { FillsRepository } from '../store/fills-repository';
import { OrdersRepository } from '../store/orders-repository';
import { RunSamplesRepository } from '../store/run-samples-repository';
import { newRunId, RunsRepository, type RunRecord, type RunTransition, type StatusChange } from '../store/runs-repository';
import { DEFAULT_DEAD_MANS_SWITCH_MS, type DeadMansSwitch } from '../venues/dead-mans-switch';
import type { Market, Position, Venue } from '../venues/venue';
import { ConfigError } from './config-error';
import { decimalText } from './decimal-text';
import { AccountBusyError } from './engine-errors';
import { describeFlatten, flattenAccounts } from './flatten';
import { parseRunVenueSettings, resolveVenueSettings, type AccountVenueSettings, type RunVenueSettings } from './account-venue-settings';
import { snapshotPositions } from './position-snapshotter';
import { seededRandom } from './random-source';
import { reconcileAccounts, type AccountReconciliation } from './reconcile';
import { RunReconciler, startingBaseline, type ReconciliationReport } from './run-reconciler';
import { RecordingVenue } from './recording-venue';
import { RiskGuard, type ExposureValue } from './risk-guard';
import { RunEventBus, type RunEventListener } from './run-event-bus';
import { runSummarySchema, type RunEvent, type RunEventInput, type RunEventOf, type RunSummary, type SymbolExposure } from '../../../shared/schemas/runs';
import { FINAL_RUN_STATUSES, type RunStatus } from './run-status';
import { computeRunSummary } from './run-summary';
import type { RunAccount, StopRequest, Strategy, StrategyContext, StrategyDefinition, StrategyOutcome, PreparedRun } from './strategy';
import { formatSummaryTable } from './summary-text';
import type { VenueProvider } from './venue-provider';
import { venueDescriptors } from '../venues/venue-registry';

/** Construction of an {@link Engine}. */
export interface EngineOptions {
  /** The open HedgeDesk database (runs, orders, fills, samples, accounts). */
  db: Database;
  venues: VenueProvider;
  notifier: Notifier;
  /** Strategy time: holds, delays, timeouts, every stored timestamp. */
  clock: Clock;
  logger: Logger;
  strategies: readonly StrategyDefinition[];
  /** Seed of each run's random source; default a random one per run. */
  seed?: () => number;
  /**
   * Period of a running run's reconciliation with its venues, ms of engine
   * clock (default {@link DEFAULT_RECONCILE_INTERVAL_MS}). Each pass costs,
   * per account, a position read, a trade-history read and an open-orders
   * read when orders are unresolved: on Lighter's standard tier (60 requests
   * a minute) the default uses 3 of them a minute.
   */
  reconcileIntervalMs?: number;
  /**
   * Window of the dead-man's switch armed on every run's accounts while it
   * trades, ms (default {@link DEFAULT_DEAD_MANS_SWITCH_MS}; 0 = none): if
   * the app dies, the venue cancels the resting orders (venue floors apply,
   * see each venue's armDeadMansSwitch).
   */
  deadMansSwitchMs?: number;
}

/** Default period of the continuous reconciliation: 60 s (3 requests per account per minute, 5 % of Lighter's standard tier). */
export const DEFAULT_RECONCILE_INTERVAL_MS = 60_000;

/** What to run. */
export interface StartRunRequest {
  /** A strategy id, e.g. `tri-hedge-hold`. */
  strategy: string;
  /** The strategy's configuration (for tri-hedge-hold the original JSON format is accepted). */
  config: unknown;
  /** One stored account per role of the strategy, in role order (tri-hedge-hold: A, B, C). */
  accountIds: string[];
  /**
   * Per account id: venue settings that are not stored with the account
   * (base URL, chain id, tier, signer folder…). Resolved (defaults written
   * out) and stored with the run, so resume and flatten reopen the same venues.
   */
  overrides?: Readonly<Record<string, AccountVenueSettings>>;
}

/** How to stop a run. */
export interface StopRunOptions {
  /** Close the run's positions before stopping (default false: positions stay, hedged). */
  flatten?: boolean;
  /** Shown in the stop notification and stored (default "stopped by the user"). */
  reason?: string;
}

/** A run as the CLI and the UI show it. Times Unix ms (engine clock). */
export interface RunView {
  id: string;
  strategy: string;
  status: RunStatus;
  /** True for a run that was running when the process ended: resume or flatten it. */
  interrupted: boolean;
  accounts: { role: string; accountId: string; label: string }[];
  riskMode: RunRecord['riskMode'];
  stopReason: string | null;
  error: string | null;
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  /** Latest per-account progress (runs active in this process), else null. */
  progress: RunEventOf<'progress'> | null;
  /** Latest exposure per symbol (runs active in this process), else empty. */
  exposure: SymbolExposure[];
  /** Latest reconciliation with the venues (runs active in this process): recorded vs venue positions. */
  reconciliation: RunEventOf<'reconciliation'> | null;
  summary: RunSummary | null;
}

/** A run with its configuration, transition log and net exposure series. */
export interface RunDetails extends RunView {
  config: unknown;
  /** The strategy's last saved state (e.g. cross-venue-hedge's cycle history), null before it saved any. */
  state: unknown;
  transitions: RunTransition[];
  /** Net exposure per symbol over time: signed size (base units) and |notional| (USDC), from the stored samples. */
  exposureSeries: { symbol: string; at: number; netSize: string; netNotional: string }[];
}

interface ActiveRun {
  id: string;
  def: StrategyDefinition;
  abort: AbortController;
  stop: (StopRequest & { suspend?: boolean }) | null;
  accounts: RunAccount[];
  done: Promise<void>;
}

const INTERRUPTED: readonly RunStatus[] = ['starting', 'running', 'stopping'];

/**
 * Runs strategies. Owns their lifecycle (engine/run-status.ts, persisted
 * with every transition), builds each run's context — one recording venue
 * per account (orders and fills stored before the strategy sees them), a
 * risk guard, the clock, a seeded random source, the notifier and the run
 * event bus — reconciles every account with its venue before trading,
 * snapshots positions periodically, computes the summary when a run ends and
 * notifies on every stop. A run left running by a previous process is
 * "interrupted" until it is resumed or flattened.
 */
export class Engine {
  private readonly runs: RunsRepository;
  private readonly accounts: AccountsRepository;
  private readonly orders: OrdersRepository;
  private readonly fills: FillsRepository;
  private readonly samples: RunSamplesRepository;
  private readonly bus: RunEventBus;
  private readonly active = new Map<string, ActiveRun>();
  private readonly lastProgress = new Map<string, RunEventOf<'progress'>>();
  private readonly lastExposure = new Map<string, SymbolExposure[]>();
  private readonly lastReconciliation = new Map<string, RunEventOf<'reconciliation'>>();
  private readonly strategies: ReadonlyMap<string, StrategyDefinition>;

  constructor(private readonly opts: EngineOptions) {
    this.runs = new RunsRepository(opts.db);
    this.accounts = new AccountsRepository(opts.db);
    this.orders = new OrdersRepository(opts.db);
    this.fills = new FillsRepository(opts.db);
    this.samples = new RunSamplesRepository(opts.db);
    this.bus = new RunEventBus(opts.logger);
    this.strategies = new Map(opts.strategies.map((s) => [s.id, s]));
    this.bus.subscribe((e) => {
      if (e.type === 'progress') this.lastProgress.set(e.runId, e);
      if (e.type === 'exposure') this.lastExposure.set(e.runId, e.symbols);
      if (e.type === 'reconciliation') this.lastReconciliation.set(e.runId, e);
    });
  }

  /** Subscribes to every run event; returns the unsubscribe function. */
  onEvent(listener: RunEventListener): () => void {
    return this.bus.subscribe(listener);
  }

  /** The venue provider runs trade through: one connected venue per account for the process, shared (e.g. with the dashboard's portfolio). Closed by {@link close}. */
  get venues(): VenueProvider {
    return this.opts.venues;
  }

  /**
   * Starts a run: checks the configuration and accounts, connects the venues,
   * checks the configuration against the markets, stores the run, reconciles
   * every account and starts trading. Resolves with the run id once it is
   * `running`.
   * @throws ConfigError (nothing stored) for a bad configuration, unknown
   *   strategy or accounts; AccountBusyError; venue/secret errors from
   *   connecting (nothing stored); ReconcileError (the run is stored as `failed`).
   */
  async startRun(req: StartRunRequest): Promise<string> {
    const def = this.strategies.get(req.strategy);
    if (!def) throw new ConfigError('unknown strategy', [{ path: 'strategy', message: `unknown strategy "${req.strategy}" (known: ${[...this.strategies.keys()].join(', ')})` }]);
    const prepared = def.prepare(req.config);
    const accounts = this.resolveAccounts(def, rolesOf(def, req.config), req.accountIds);
    const settings: RunVenueSettings = Object.fromEntries(accounts.map((a) => [a.id, resolveVenueSettings(a, req.overrides?.[a.id])]));
    const venues = await Promise.all(accounts.map((a) => this.opts.venues.venueFor(a, settings[a.id])));
    const markets = await venues[0]!.markets();
    const issues = prepared.checkMarkets(markets);
    if (issues.length > 0) throw new ConfigError(`the ${def.id} configuration does not fit the markets`, issues);
    this.checkIdle(accounts);
    const runId = newRunId();
    this.runs.create({ id: runId, strategy: def.id, config: prepared.storableConfig, accountIds: accounts.map((a) => a.id), venueSettings: settings, at: this.now() });
    this.emit(runId, { type: 'status', from: null, to: 'starting', reason: 'created' });
    for (const message of venueDescriptors().flatMap((d) => d.runWarnings?.(accounts.filter((a) => a.venue === d.id)) ?? [])) this.emit(runId, { type: 'log', level: 'warn', message });
    await this.launch(runId, def, prepared, accounts, markets, settings, null);
    return runId;
  }

  /**
   * Asks a run to stop and resolves when it has (`stopped`), with its view.
   * Resting orders are cancelled; fills in flight are hedged; with
   * `flatten` the positions are closed. An interrupted run is flattened
   * ({@link flattenInterruptedRun}) or, without `flatten`, marked stopped
   * with its positions left as they are. An ended run is returned as it is.
   * @throws ContractError NOT_FOUND
   */
  async stopRun(runId: string, options: StopRunOptions = {}): Promise<RunView> {
    const run = this.active.get(runId);
    const reason = options.reason ?? 'stopped by the user';
    if (run) {
      this.requestStop(run, { reason, flatten: options.flatten ?? false });
      await run.done;
    } else if (this.view(this.runs.get(runId)).interrupted) {
      if (options.flatten) return this.flattenInterruptedRun(runId);
      const record = this.runs.get(runId);
      this.finish(runId, this.definition(record), { kind: 'stopped', reason: `${reason} while interrupted; positions left as they are` });
    }
    return this.view(this.runs.get(runId));
  }

  /** Resolves when the run has ended (or at once when it is not active here), with its view. */
  async waitForEnd(runId: string): Promise<RunView> {
    await this.active.get(runId)?.done;
    return this.view(this.runs.get(runId));
  }

  /** Runs left running by a previous process (status starting, running or stopping, not active here), oldest first. */
  interruptedRuns(): RunView[] {
    return this.runs
      .withStatus(INTERRUPTED)
      .filter((r) => !this.active.has(r.id))
      .map((r) => this.view(r));
  }

  /**
   * Loads an interrupted run again: its record, strategy definition, prepared
   * config, accounts, venues connected with the settings stored with the run
   * (base URL, chain id, tier… — never defaults) and markets; checks it is
   * still interrupted (the venues connect asynchronously) and its accounts idle.
   */
  private async reopenInterrupted(runId: string) {
    const record = this.interrupted(runId);
    const def = this.definition(record);
    const prepared = def.prepare(record.config);
    const accounts = record.accountIds.map((id) => this.accounts.get(id));
    const settings = parseRunVenueSettings(record.venueSettings);
    if (!settings) this.opts.logger.warn({ component: 'engine', runId }, `run ${runId} has no stored venue settings (stored by an older version): its venues open with the account defaults`);
    const venues = await Promise.all(accounts.map((a) => this.opts.venues.venueFor(a, settings?.[a.id])));
    const markets = await venues[0]!.markets();
    this.interrupted(runId);
    this.checkIdle(accounts);
    return { record, def, prepared, accounts, venues, markets, settings };
  }

  /**
   * Resumes an interrupted run from its stored state: reconciles every
   * account, cancels its stale orders, and continues (hold timers from their
   * stored start). A run interrupted while stopping is stopped instead.
   * @throws ContractError NOT_FOUND; ConfigError when the run is not
   *   interrupted; AccountBusyError; venue errors (the run stays
   *   interrupted); ReconcileError (run → failed).
   */
  async resumeRun(runId: string): Promise<void> {
    const { record, def, prepared, accounts, markets, settings } = await this.reopenInterrupted(runId);
    const from = record.status;
    this.runs.setStatus(runId, 'starting', this.now(), { reason: from === 'stopping' ? 'restart of a stopping run' : 'resume' });
    this.emit(runId, { type: 'status', from, to: 'starting', reason: 'resume' });
    await this.launch(runId, def, prepared, accounts, markets, settings, record.state, from === 'stopping');
  }

  /**
   * Flattens an interrupted run: cancels its orders and closes its
   * positions in its symbols on every account (reduce-only, marketable),
   * then marks it stopped and notifies; the reason says what was done, or
   * "nothing to flatten" when the venues report no position. Resolves with its view.
   * @throws Error (run → failed) naming the accounts whose venue could not be
   *   used; the errors of {@link resumeRun} for venues that cannot be opened.
   */
  async flattenInterruptedRun(runId: string): Promise<RunView> {
    const { record, def, prepared, accounts, venues, markets } = await this.reopenInterrupted(runId);
    const strategy = prepared.create(markets);
    const { risk, runAccounts } = this.buildAccounts(runId, def, accounts, venues, strategy, record.riskMode, () => undefined);
    const symbols = new Set(prepared.symbols);
    let done!: () => void;
    this.active.set(runId, { id: runId, def, abort: new AbortController(), stop: null, accounts: runAccounts, done: new Promise<void>((r) => (done = r)) });
    if (record.status !== 'stopping') this.setStatus(runId, 'stopping', { reason: 'flatten after an interrupted run' });
    try {
      const reconciled = await reconcileAccounts(runAccounts);
      await this.reconciler(runId, def, risk, runAccounts, symbols, reconciled).reconcile('start');
      for (const r of reconciled.values()) risk.seedPositions(r.positions.filter((p) => symbols.has(p.symbol)));
      risk.escalate('halted', 'flattening an interrupted run');
      const result = await flattenAccounts({ accounts: runAccounts, symbols: prepared.symbols, clock: this.opts.clock, logger: this.opts.logger });
      risk.publish();
      const outcome = describeFlatten(result, prepared.symbols);
      if (result.accounts.some((a) => a.error !== null)) throw new Error(`flattening the interrupted run failed: ${outcome}`);
      this.finish(runId, def, { kind: 'stopped', reason: `flattened after an interrupted run: ${outcome}` });
    } catch (err) {
      this.fail(runId, def, err);
      throw err;
    } finally {
      await Promise.all(runAccounts.map((a) => a.venue.close()));
      this.active.delete(runId);
      done();
    }
    return this.view(this.runs.get(runId));
  }

  /** Runs, newest first. */
  listRuns(limit = 200): RunView[] {
    return this.runs.list(limit).map((r) => this.view(r));
  }

  /** One run with its configuration, transitions and exposure series. @throws ContractError NOT_FOUND */
  getRun(runId: string): RunDetails {
    const record = this.runs.get(runId);
    return {
      ...this.view(record),
      config: record.config,
      state: record.state,
      transitions: this.runs.transitions(runId),
      exposureSeries: this.samples.exposureSamples(runId).map((s) => ({
        symbol: s.symbol,
        at: s.at,
        netSize: decimalText(s.netSize),
        netNotional: decimalText(s.netSize.abs().times(s.price), 6),
      })),
    };
  }

  /**
   * Suspends every active run (resting orders cancelled, fills in flight
   * hedged, positions kept; the stored status stays so the run is
   * interrupted and can be resumed by the next process), then closes the
   * venues. For app shutdown.
   */
  async close(): Promise<void> {
    const runs = [...this.active.values()];
    for (const run of runs) this.requestStop(run, { reason: 'app shutting down', flatten: false, suspend: true });
    await Promise.all(runs.map((r) => r.done));
    await this.opts.venues.close();
  }

  /** Engine clock time in whole ms (stored and emitted). */
  private now(): number {
    return Math.floor(this.opts.clock.now());
  }

  private definition(record: RunRecord): StrategyDefinition {
    const def = this.strategies.get(record.strategy);
    if (!def) throw new Error(`run ${record.id} uses strategy ${record.strategy}, which this build does not have`);
    return def;
  }

  private interrupted(runId: string): RunRecord {
    const record = this.runs.get(runId);
    if (this.active.has(runId) || !INTERRUPTED.includes(record.status)) {
      throw new ConfigError('not an interrupted run', [{ path: 'runId', message: `run ${runId} is ${this.active.has(runId) ? 'active' : record.status}, not interrupted` }]);
    }
    return record;
  }

  private resolveAccounts(def: StrategyDefinition, roles: readonly string[], ids: readonly string[]): Account[] {
    if (ids.length !== roles.length) {
      throw new ConfigError('wrong accounts', [{ path: 'accountIds', message: `${def.id} needs ${roles.length} account${roles.length === 1 ? '' : 's'} (${roles.join(', ')}), got ${ids.length}` }]);
    }
    if (new Set(ids).size !== ids.length) throw new ConfigError('wrong accounts', [{ path: 'accountIds', message: 'the same account is given twice' }]);
    const issues: { path: string; message: string }[] = [];
    const accounts = ids.flatMap((id, i) => {
      try {
        return [this.accounts.get(id)];
      } catch {
        issues.push({ path: `accountIds.${i}`, message: `unknown account ${id}` });
        return [];
      }
    });
    if (issues.length > 0) throw new ConfigError('unknown accounts', issues);
    return accounts;
  }

  private checkIdle(accounts: readonly Account[]): void {
    for (const run of this.active.values()) {
      const busy = accounts.find((a) => run.accounts.some((r) => r.accountId === a.id));
      if (busy) throw new AccountBusyError(busy.id, run.id);
    }
  }

  private emit(runId: string, event: RunEventInput): void {
    this.bus.emit({ ...event, runId, at: this.now() } as RunEvent);
  }

  private setStatus(runId: string, to: RunStatus, change: StatusChange = {}): void {
    const from = this.runs.get(runId).status;
    this.runs.setStatus(runId, to, this.now(), change);
    this.emit(runId, { type: 'status', from, to, reason: change.reason ?? change.stopReason ?? change.error ?? null });
  }

  private buildAccounts(
    runId: string,
    def: StrategyDefinition,
    accounts: readonly Account[],
    venues: readonly Venue[],
    strategy: Strategy,
    riskMode: RunRecord['riskMode'],
    onRecordingFailure: (err: unknown) => void,
  ): { risk: RiskGuard; runAccounts: RunAccount[] } {
    const risk = new RiskGuard({
      limits: strategy.riskLimits(),
      clock: this.opts.clock,
      initialMode: riskMode,
      onModeChange: (from, to, reason) => {
        this.runs.setRiskMode(runId, from, to, reason, this.now());
        this.emit(runId, { type: 'risk', from, to, reason });
        this.opts.logger.warn({ component: 'engine', runId, from, to }, `risk: run ${to}: ${reason}`);
      },
      onNaked: (to, reason) =>
        this.opts.notifier.notify({ kind: 'hedge-failed', runId, title: `HedgeDesk ${def.title} run ${runId} ${to}: a hedge is not covered`, body: `Run ${runId} (${def.id}) is now ${to}: ${reason}` }),
      onExposure: (all, changed) => this.recordExposure(runId, all, changed),
    });
    const roles = rolesOf(def, this.runs.get(runId).config);
    const runAccounts = accounts.map((a, i) => ({
      role: roles[i]!,
      accountId: a.id,
      label: a.label,
      mode: a.mode,
      venue: new RecordingVenue({
        runId,
        inner: venues[i]!,
        orders: this.orders,
        fills: this.fills,
        risk,
        clock: this.opts.clock,
        logger: this.opts.logger,
        emit: (e) => this.emit(runId, e),
        onRecordingFailure,
        onIntegrityAlarm: (message) => this.alarm(runId, def, risk, `fill integrity: ${message}`),
      }),
    }));
    return { risk, runAccounts };
  }

  /**
   * Something the venues' history does not explain (a position mismatch, a
   * fill id with two contents): the run goes reducing-only (never looser)
   * and the user is notified.
   */
  private alarm(runId: string, def: StrategyDefinition, risk: RiskGuard, message: string): void {
    this.opts.logger.error({ component: 'engine', runId }, `reconciliation alarm: ${message}`);
    risk.escalate('reducing-only', `reconciliation: ${message}`);
    this.emit(runId, { type: 'log', level: 'error', message: `reconciliation: ${message}` });
    this.opts.notifier.notify({
      kind: 'exposure',
      runId,
      title: `HedgeDesk ${def.title} run ${runId}: records differ from the venue`,
      body: `Run ${runId} (${def.id}): ${message}. The run is now reducing-only (no new entries); check the account on the venue.`,
    });
  }

  /**
   * The run's {@link RunReconciler}: its baseline is the one stored with the
   * run; at the first start, the positions just reconciled (stored); for a
   * run stored before baselines were kept, the venue's positions minus the
   * recorded fills (so only later differences count).
   */
  private reconciler(
    runId: string,
    def: StrategyDefinition,
    risk: RiskGuard,
    runAccounts: readonly RunAccount[],
    symbols: ReadonlySet<string>,
    reconciled: ReadonlyMap<string, AccountReconciliation>,
  ): RunReconciler {
    let baseline = this.runs.get(runId).baselinePositions;
    if (!baseline) {
      baseline = startingBaseline(reconciled, this.fills.listByRun(runId), symbols);
      this.runs.saveBaselinePositions(runId, baseline, this.now());
    }
    return new RunReconciler({
      runId,
      accounts: runAccounts,
      symbols,
      orders: this.orders,
      fills: this.fills,
      baseline,
      clock: this.opts.clock,
      logger: this.opts.logger,
      onMismatch: (_check, message) => this.alarm(runId, def, risk, message),
      onReport: (report: ReconciliationReport) => this.emit(runId, { type: 'reconciliation', ...report }),
    });
  }

  private recordExposure(runId: string, all: readonly ExposureValue[], changed: ReadonlySet<string>): void {
    const at = this.now();
    for (const e of all) {
      if (changed.has(e.symbol)) this.samples.addExposureSample(runId, { symbol: e.symbol, netSize: e.net, pendingSize: e.pending, price: e.price, at });
    }
    this.emit(runId, {
      type: 'exposure',
      symbols: all.map((e) => ({
        symbol: e.symbol,
        netSize: decimalText(e.net),
        pendingSize: decimalText(e.pending),
        uncoveredSize: decimalText(e.uncovered),
        boundSize: decimalText(e.bound),
        price: decimalText(e.price),
        netNotional: decimalText(e.net.abs().times(e.price), 6),
      })),
    });
  }

  /**
   * Builds the run's context, reconciles, moves the run to `running` and
   * starts the strategy in the background. Resolves once running.
   */
  private async launch(
    runId: string,
    def: StrategyDefinition,
    prepared: PreparedRun,
    accounts: readonly Account[],
    markets: readonly Market[],
    settings: RunVenueSettings | null,
    resumeState: unknown,
    stopAtOnce = false,
  ): Promise<void> {
    const { clock, logger } = this.opts;
    const log = logger.child({ component: 'engine', runId, strategy: def.id });
    let strategy: Strategy;
    let built: { risk: RiskGuard; runAccounts: RunAccount[] };
    const abort = new AbortController();
    const run: ActiveRun = { id: runId, def, abort, stop: null, accounts: [], done: Promise.resolve() };
    this.active.set(runId, run);
    try {
      const venues = await Promise.all(accounts.map((a) => this.opts.venues.venueFor(a, settings?.[a.id])));
      strategy = prepared.create(markets);
      const record = this.runs.get(runId);
      built = this.buildAccounts(runId, def, accounts, venues, strategy, record.riskMode, (err) => {
        this.requestStop(run, { reason: `recording failed: ${(err as Error).message}`, flatten: false });
      });
    } catch (err) {
      this.active.delete(runId);
      this.fail(runId, def, err);
      throw err;
    }
    const { risk, runAccounts } = built;
    run.accounts = runAccounts;
    let reconciled;
    try {
      reconciled = await reconcileAccounts(runAccounts);
    } catch (err) {
      this.active.delete(runId);
      await Promise.all(runAccounts.map((a) => a.venue.close()));
      this.fail(runId, def, err);
      throw err;
    }
    const symbols = new Set(prepared.symbols);
    const reconciler = this.reconciler(runId, def, risk, runAccounts, symbols, reconciled);
    await reconciler.reconcile('start');
    for (const r of reconciled.values()) risk.seedPositions(r.positions.filter((p) => symbols.has(p.symbol)));
    const switches = await this.armDeadMansSwitches(runId, runAccounts, log);
    const first = this.runs.get(runId).startedAt === null;
    this.setStatus(runId, 'running', { reason: resumeState === null && first ? 'reconciled' : 'resumed', ...(first ? { startedAt: this.now() } : {}) });
    log.info({ accounts: runAccounts.map((a) => a.accountId) }, `run ${runId} running`);

    const snapshotListeners = new Set<(accountId: string, positions: Position[]) => void>();
    const ctx: StrategyContext = {
      runId,
      accounts: runAccounts,
      clock,
      logger: log,
      store: {
        saveState: (state) => this.runs.saveState(runId, state, this.now()),
        accountTransition: (accountId, from, to, reason) => {
          this.runs.addTransition(runId, accountId, from, to, reason, this.now());
          this.emit(runId, { type: 'transition', accountId, from, to, reason });
        },
      },
      notifier: this.opts.notifier,
      emit: (e) => this.emit(runId, e),
      random: seededRandom(this.opts.seed?.() ?? randomInt(2 ** 31)),
      risk,
      signal: abort.signal,
      stopRequest: () => run.stop,
      stopping: (reason) => {
        if (this.runs.get(runId).status === 'running') this.setStatus(runId, 'stopping', { reason });
      },
      onPositionSnapshot: (listener) => {
        snapshotListeners.add(listener);
        return () => snapshotListeners.delete(listener);
      },
      reconciled,
      resumeState,
    };
    if (stopAtOnce) this.requestStop(run, { reason: 'the run was interrupted while stopping', flatten: false });
    const snapshots = new AbortController();
    const snapshotting = snapshotPositions({
      runId,
      accounts: runAccounts,
      symbols,
      samples: this.samples,
      clock,
      logger: log,
      intervalMs: strategy.snapshotIntervalMs,
      signal: snapshots.signal,
      onSnapshot: (accountId, positions) => {
        for (const l of snapshotListeners) l(accountId, positions);
      },
    });
    const reconciling = reconciler.runPeriodically(this.opts.reconcileIntervalMs ?? DEFAULT_RECONCILE_INTERVAL_MS, snapshots.signal);
    const watchingNaked = watchNakedExposure(risk, clock, snapshots.signal);
    run.done = (async () => {
      let outcome: StrategyOutcome | null = null;
      let error: unknown = null;
      try {
        outcome = await strategy.run(ctx);
      } catch (err) {
        error = err;
      }
      snapshots.abort();
      await snapshotting;
      await reconciling;
      await watchingNaked;
      // Last look at the venues before the summary (not when the app shuts down: the run is resumed later).
      if (!run.stop?.suspend) await reconciler.reconcile('stop');
      // The strategy cancelled its resting orders: the switches can go.
      await Promise.all(switches.map((s) => s.release()));
      await Promise.all(runAccounts.map((a) => a.venue.close()));
      this.active.delete(runId);
      if (run.stop?.suspend && !error) {
        log.info(`run ${runId} suspended; resume it on the next start`);
        return;
      }
      try {
        if (error) this.fail(runId, def, error);
        else this.finish(runId, def, outcome!);
      } catch (err) {
        log.error({ err }, `run ${runId} could not be closed properly`);
      }
    })();
  }

  /**
   * Arms the dead-man's switch of every account whose venue has one; a
   * switch that cannot be armed is reported (log, run event) and the run
   * trades without it.
   */
  private async armDeadMansSwitches(runId: string, accounts: readonly RunAccount[], log: EngineOptions['logger']): Promise<DeadMansSwitch[]> {
    const windowMs = this.opts.deadMansSwitchMs ?? DEFAULT_DEAD_MANS_SWITCH_MS;
    if (windowMs <= 0) return [];
    const armed = await Promise.all(
      accounts.map(async (a) => {
        try {
          const s = await a.venue.armVenueDeadMansSwitch(windowMs);
          if (s) log.info({ account: a.accountId, windowMs: s.windowMs }, `dead-man’s switch armed: resting orders are cancelled by the venue ${s.windowMs === 0 ? 'when the connection drops' : `within ${s.windowMs / 1000} s`} if HedgeDesk stops`);
          return s;
        } catch (err) {
          const message = `${a.label}: the venue’s dead-man’s switch could not be armed (${(err as Error).message}); resting orders would outlive a crash`;
          log.warn({ account: a.accountId }, message);
          this.emit(runId, { type: 'log', level: 'warn', message });
          return null;
        }
      }),
    );
    return armed.filter((s): s is DeadMansSwitch => s !== null);
  }

  private requestStop(run: ActiveRun, stop: StopRequest & { suspend?: boolean }): void {
    if (run.stop) return;
    run.stop = stop;
    if (!stop.suspend && this.runs.get(run.id).status === 'running') this.setStatus(run.id, 'stopping', { reason: stop.reason });
    run.abort.abort(new Error(stop.reason));
  }

  private summarize(runId: string): RunSummary {
    const record = this.runs.get(runId);
    const endedAt = this.now();
    const summary = computeRunSummary({
      fills: this.fills.listByRun(runId),
      exposure: this.samples.exposureSamples(runId),
      startedAt: record.startedAt ?? record.createdAt,
      endedAt,
    });
    this.runs.saveSummary(runId, summary, endedAt);
    this.emit(runId, { type: 'summary', summary });
    return summary;
  }

  private finish(runId: string, def: StrategyDefinition, outcome: StrategyOutcome): void {
    if (this.runs.get(runId).status !== 'stopping') this.setStatus(runId, 'stopping', { reason: outcome.reason });
    const summary = this.summarize(runId);
    this.setStatus(runId, 'stopped', { stopReason: outcome.reason, endedAt: this.now() });
    const kind: NotificationKind = outcome.kind === 'failsafe' || outcome.kind === 'halted' ? 'failsafe' : 'run-stopped';
    this.notify(runId, def, kind, `stopped: ${outcome.reason}`, summary);
  }

  private fail(runId: string, def: StrategyDefinition, err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    this.opts.logger.error({ component: 'engine', runId, err }, `run ${runId} failed: ${message}`);
    let summary: RunSummary | null = null;
    try {
      summary = this.summarize(runId);
    } catch (summaryErr) {
      this.opts.logger.error({ component: 'engine', runId, err: summaryErr }, 'could not compute the summary of a failed run');
    }
    this.setStatus(runId, 'failed', { error: message, endedAt: this.now() });
    this.notify(runId, def, 'run-failed', `failed: ${message}`, summary);
  }

  private notify(runId: string, def: StrategyDefinition, kind: NotificationKind, what: string, summary: RunSummary | null): void {
    const record = this.runs.get(runId);
    const roles = rolesOf(def, record.config);
    const labels = record.accountIds
      .map((id, i) => {
        try {
          return `${roles[i] ?? '?'}=${this.accounts.get(id).label}`;
        } catch {
          return `${roles[i] ?? '?'}=${id}`;
        }
      })
      .join(', ');
    this.opts.notifier.notify({
      kind,
      runId,
      title: `HedgeDesk ${def.title} run ${runId} ${what.split(':')[0]}`,
      body: [`Run ${runId} (${def.id}; ${labels}) ${what}`, summary ? formatSummaryTable(summary) : 'no summary'].join('\n\n'),
    });
  }

  private view(record: RunRecord): RunView {
    const def = this.strategies.get(record.strategy);
    const summary = record.summary === null ? null : runSummarySchema.safeParse(record.summary);
    return {
      id: record.id,
      strategy: record.strategy,
      status: record.status,
      interrupted: !this.active.has(record.id) && !FINAL_RUN_STATUSES.has(record.status),
      accounts: record.accountIds.map((accountId, i) => {
        let label = accountId;
        try {
          label = this.accounts.get(accountId).label;
        } catch {
          // the account was deleted since; show its id
        }
        return { role: (def ? rolesOf(def, record.config) : [])[i] ?? String(i + 1), accountId, label };
      }),
      riskMode: record.riskMode,
      stopReason: record.stopReason,
      error: record.error,
      createdAt: record.createdAt,
      startedAt: record.startedAt,
      endedAt: record.endedAt,
      progress: this.lastProgress.get(record.id) ?? null,
      exposure: this.lastExposure.get(record.id) ?? [],
      reconciliation: this.lastReconciliation.get(record.id) ?? null,
      summary: summary?.success ? summary.data : null,
    };
  }
}

/** How often the engine checks how long a run's exposure has been naked (RiskGuard.checkNaked), ms of clock time. */
const NAKED_CHECK_MS = 1_000;

/** Checks the risk guard's naked-time bound every {@link NAKED_CHECK_MS} until `signal` aborts: exposure can stay naked with no event to notice it. */
async function watchNakedExposure(risk: RiskGuard, clock: Clock, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    try {
      await clock.sleep(NAKED_CHECK_MS, signal);
    } catch {
      return;
    }
    risk.checkNaked();
  }
}

/** The roles a run of `def` with this configuration takes ({@link StrategyDefinition.rolesFor}; default every role). */
function rolesOf(def: StrategyDefinition, config: unknown): readonly string[] {
  return def.rolesFor?.(config) ?? def.roles;
}
