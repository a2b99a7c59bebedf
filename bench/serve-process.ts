/** `loss-tutor serve` as a process of its own, as a replica runs: for the load runs that measure a deployment. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface ServeProcess {
  url: string;
  pid: number;
  /** SIGTERM, and the exit. */
  stop(): Promise<void>;
}

const root = join(__dirname, '..');

export function startServeProcess(args: string[]): Promise<ServeProcess> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli/main.ts', 'serve', '--port', '0', '--host', '127.0.0.1', '--log-level', 'warn', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // An interrupted benchmark leaves no server behind.
  const orphaned = () => child.kill('SIGKILL');
  process.once('exit', orphaned);
  const exited = new Promise<void>((resolve) => child.once('exit', () => (process.off('exit', orphaned), resolve())));
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(stdout)?.[0];
      if (url) resolve({ url, pid: child.pid!, stop: () => (child.kill('SIGTERM'), exited) });
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}) before listening: ${stderr}`)));
  });
}
