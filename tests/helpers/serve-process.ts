import { spawn, type ChildProcess } from 'node:child_process';
import { HEDGEDESK_BIN } from './cli';

/** A running `hedgedesk serve` child process and the URL (with token) it printed. */
export interface ServeProcess {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts `hedgedesk serve --port 0` as a child process and waits for its
 * "listening on <url>" line.
 * @throws Error with the process output when it exits or stays silent for 30 s.
 */
export function startServe(args: string[], env: NodeJS.ProcessEnv): Promise<ServeProcess> {
  const child = spawn(process.execPath, [HEDGEDESK_BIN, 'serve', '--port', '0', ...args], {
    // Tests start from an empty data directory: no demo workspace.
    env: { ...process.env, HEDGEDESK_DEMO_WORKSPACE: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`hedgedesk serve printed no URL within 30 s:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: m[1], stop });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hedgedesk serve exited with ${code}:\n${output}`));
    });
  });
}
