import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { WebSocket, type ClientOptions } from 'ws';

const root = join(__dirname, '../..');

// A test that fails before its stop() would leave its server running: each test file ends them all.
const running = new Set<ChildProcess>();
afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
});

export interface ServerProcess {
  url: string;
  wsUrl: string;
  child: ChildProcess;
  /** What the server has printed on stdout so far (the URLs it listens on). */
  stdout(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: a crash, with nothing flushed by the server itself. */
  kill(): Promise<void>;
}

/** A throwaway folder holding a copy of a knowledge base, for tests that edit notes. */
export function copyOfKnowledgeBase(from: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'loss-tutor-kb-'));
  cpSync(from, dir, { recursive: true });
  return dir;
}

export const tempDatabase = (): string => join(mkdtempSync(join(tmpdir(), 'loss-tutor-db-')), 'tutor.db');

function spawnServe(serveArgs: string[], env?: NodeJS.ProcessEnv): ChildProcess {
  const args = ['-r', 'ts-node/register/transpile-only', 'src/cli/main.ts', 'serve', ...serveArgs];
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, LOSS_TUTOR_CACHE_DIR: join(tmpdir(), 'loss-tutor-test-cache'), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

export interface FailedStart {
  code: number | null;
  stderr: string;
  /** From the server saying it failed (its first line on stderr) to the process's exit. */
  msToExit: number;
}

/** Runs `loss-tutor serve ARGS` expecting it to fail at startup; kills it after `timeoutMs` if it hangs. */
export function failedStart(serveArgs: string[], timeoutMs = 45_000): Promise<FailedStart> {
  const child = spawnServe(['--host', '127.0.0.1', '--log-level', 'warn', ...serveArgs]);
  let stderr = '';
  let said: number | undefined;
  child.stderr!.on('data', (chunk: Buffer) => {
    said ??= Date.now();
    stderr += chunk.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, msToExit: Date.now() - (said ?? Date.now()) });
    }),
  );
}

/** Starts `loss-tutor serve` as a real child process on an ephemeral port. */
export function startServerProcess(options: { db: string; kb?: string; env?: NodeJS.ProcessEnv; args?: string[] }): Promise<ServerProcess> {
  const child = spawnServe(['--port', '0', '--host', '127.0.0.1', '--db', options.db, '--log-level', 'warn', ...(options.kb ? ['--kb', options.kb] : []), ...(options.args ?? [])], options.env);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(stdout);
      if (!match) return;
      resolve({
        url: match[0],
        wsUrl: match[0].replace('http', 'ws') + '/ws',
        child,
        stdout: () => stdout,
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
        kill: async () => {
          child.kill('SIGKILL');
          await exited;
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening: ${stderr}`)));
  });
}

/** A ws client that keeps every frame it receives, for tests to wait on. */
export class ChatClient {
  readonly frames: Record<string, unknown>[] = [];
  readonly socket: WebSocket;
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: (() => void)[] = [];

  constructor(url: string, options?: ClientOptions) {
    this.socket = new WebSocket(url, options);
    this.socket.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as Record<string, unknown>);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => this.socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /** The first frame (from `from` on) that matches, waiting for it if needed. */
  async next(match: (frame: Record<string, unknown>) => boolean, timeoutMs = 15_000, from = 0): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.slice(from).find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames).slice(0, 500)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  welcome(): Promise<Record<string, unknown>> {
    return this.next((frame) => frame['type'] === 'welcome');
  }

  async ask(id: string, text: string): Promise<Record<string, unknown>> {
    this.socket.send(JSON.stringify({ type: 'ask', id, text }));
    return this.next((frame) => frame['type'] === 'answer' && frame['replyTo'] === id);
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  close(): void {
    this.socket.close();
  }
}
