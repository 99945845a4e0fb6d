/**
 * One `hedgedesk` child process of the drill (`sim`, `run` or `serve`): spawned
 * with plain Node on the repo's bin script, its stdout and stderr appended to a
 * log file and kept in memory for line matching. Every wait is bounded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';

/** The `hedgedesk` bin script. */
export const HEDGEDESK_BIN = join(__dirname, '..', 'bin', 'hedgedesk.js');

/** How a drill child ended: exit code or signal. */
export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Every child started and not yet ended, so the drill can kill them when it is itself stopped. */
const running = new Set<ChildProcess>();

/** SIGKILLs every drill child still running (the drill is exiting: no simulator or app is left behind). */
export function killAllChildren(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/** A running `hedgedesk …` process. */
export class DrillChild {
  private output = '';
  private readonly exited: Promise<ChildExit>;
  private exit: ChildExit | null = null;
  private readonly log: WriteStream;

  private constructor(
    /** Short name for messages ("app", "lighter sim"…). */
    readonly name: string,
    private readonly child: ChildProcess,
    logFile: string,
  ) {
    this.log = createWriteStream(logFile, { flags: 'a' });
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      this.output += text;
      // Keep the memory bounded: the last 1 MiB is plenty for line matching.
      if (this.output.length > 1 << 20) this.output = this.output.slice(-(1 << 19));
      this.log.write(text);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    running.add(child);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        running.delete(child);
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
  }

  /**
   * Spawns `node bin/hedgedesk.js <args>` with `env` added to the drill's
   * environment; output goes to `logFile` (appended).
   */
  static start(name: string, args: string[], opts: { env?: NodeJS.ProcessEnv; logFile: string }): DrillChild {
    const child = spawn(process.execPath, [HEDGEDESK_BIN, ...args], {
      env: { ...process.env, HEDGEDESK_DEMO_WORKSPACE: '0', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new DrillChild(name, child, opts.logFile);
  }

  /** The process id. */
  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Everything printed so far (the last MiB). */
  get text(): string {
    return this.output;
  }

  /** The exit once it happened, else null. */
  get exitStatus(): ChildExit | null {
    return this.exit;
  }

  /**
   * Resolves with the first match of `pattern` in the output (already printed
   * or within `timeoutMs`).
   * @throws Error naming the process, with the output's tail, on timeout or exit.
   */
  async waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = pattern.exec(this.output);
      if (m) return m;
      if (this.exit) throw new Error(`${this.name} exited (${this.exit.code ?? this.exit.signal}) before printing ${pattern}:\n${this.tail()}`);
      if (Date.now() > deadline) throw new Error(`${this.name} did not print ${pattern} within ${timeoutMs} ms:\n${this.tail()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Resolves with the exit, or null when the process is still running after `timeoutMs`. */
  async waitExit(timeoutMs: number): Promise<ChildExit | null> {
    if (this.exit) return this.exit;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
    const r = await Promise.race([this.exited, timeout]);
    clearTimeout(timer);
    return r;
  }

  /** `kill -9`: the process dies at once, without cleaning up. Resolves once it is gone. */
  async kill9(): Promise<void> {
    if (this.exit) return;
    this.child.kill('SIGKILL');
    await this.waitExit(10_000);
  }

  /**
   * Asks the process to stop with `signal` (default SIGTERM) and waits up to
   * `graceMs`; then kills it with SIGKILL. Returns how it ended and whether
   * it stopped on its own.
   */
  async stop(graceMs = 20_000, signal: NodeJS.Signals = 'SIGTERM'): Promise<{ exit: ChildExit | null; clean: boolean }> {
    if (this.exit) return { exit: this.exit, clean: true };
    this.child.kill(signal);
    const exit = await this.waitExit(graceMs);
    if (exit) return { exit, clean: true };
    await this.kill9();
    return { exit: this.exit, clean: false };
  }

  /** Closes the log file (after the process ended). */
  async closeLog(): Promise<void> {
    await new Promise<void>((resolve) => this.log.end(resolve));
  }

  /** The last lines of the output, for error messages. */
  tail(lines = 25): string {
    return this.output.split('\n').slice(-lines).join('\n');
  }
}
