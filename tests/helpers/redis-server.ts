/**
 * A real redis-server (the Debian package) for one test: started on a free
 * 127.0.0.1 port with persistence off, waited for, stopped (and restarted on
 * the same port, to test a lost connection) by the test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection, createServer } from 'node:net';

/** A running (or stopped) redis-server. */
export interface RedisServer {
  port: number;
  /** `redis://127.0.0.1:<port>`. */
  url: string;
  /** Stops the server (SIGTERM), resolves once it exited. */
  stop(): Promise<void>;
  /** Starts it again on the same port, resolves once it accepts connections. */
  start(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (asked from the OS, then released). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Answers PING with PONG: the server is ready. */
async function pings(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

/**
 * Starts `redis-server --port N --bind 127.0.0.1 --save '' --appendonly no`
 * and waits (bounded, 10 s) until it answers PING.
 * @throws Error when redis-server is not installed or does not come up.
 */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    let failed: Error | null = null;
    proc.once('error', (err) => (failed = err));
    const deadline = Date.now() + 10_000;
    while (!(await pings(port))) {
      if (failed) throw new Error(`redis-server could not start: ${(failed as Error).message}`);
      if (proc.exitCode !== null) throw new Error(`redis-server exited with code ${proc.exitCode}`);
      if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${port} within 10 s`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const stop = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM');
    await exited;
  };
  await start();
  return { port, url: `redis://127.0.0.1:${port}`, stop, start };
}
