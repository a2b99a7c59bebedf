/**
 * The embedded tutor on worker threads. A turn is pure computation (understanding, search, the
 * calculator), so on the server's own thread every turn would hold up every connection's frames
 * and database writes; here the server's thread only moves frames while the pool composes answers.
 * Each thread holds its own copy of the knowledge base and index. A thread that dies fails only
 * the turns it held and is replaced.
 */
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { KnowledgeBase } from '../kb/item';
import type { StudyTurn } from '../study/study-turn';
import type { SessionState } from '../tutor/session-state';
import type { Turn, TurnResult, TutorEngine } from '../tutor/tutor-engine';

export interface PoolWorkerData {
  kb: KnowledgeBase;
  cacheDir?: string;
}

export interface PoolRequest {
  id: number;
  text: string;
  state: SessionState;
  study?: StudyTurn;
}

export type PoolReply = { id: number; deltas: string[]; result: TurnResult } | { id: number; error: string };

interface Pending {
  thread: Worker;
  resolve: (result: TurnResult) => void;
  reject: (error: Error) => void;
  onDelta?: (text: string) => void;
}

export class TutorPoolError extends Error {
  override readonly name = 'TutorPoolError';
  readonly code = 'tutor_thread_failed';
}

// Under ts-node the thread runs the TypeScript source and needs its loader (inherited when the process
// was started with it); built, it runs JavaScript.
const workerFile = join(__dirname, `tutor-pool-worker${extname(__filename)}`);
const loader = extname(__filename) === '.ts' && !process.execArgv.join(' ').includes('ts-node') ? ['-r', 'ts-node/register/transpile-only'] : [];

export class TutorPool implements TutorEngine {
  private readonly threads: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  /** Who waits for a turn to settle (close() waits for the turns in flight). */
  private readonly waiters = new Map<number, (() => void)[]>();
  private nextId = 0;
  private closing = false;

  private constructor(private readonly data: PoolWorkerData) {}

  /** Starts `size` threads and resolves once each has its knowledge base and index ready. */
  static async open(data: PoolWorkerData, size: number): Promise<TutorPool> {
    const pool = new TutorPool(data);
    await Promise.all(Array.from({ length: size }, () => pool.start()));
    return pool;
  }

  answer(turn: Turn): Promise<TurnResult> {
    if (turn.signal?.aborted) return Promise.reject(turn.signal.reason as Error);
    const thread = this.leastBusy();
    if (!thread) return Promise.reject(new TutorPoolError('no tutor thread is running: restart the server'));
    const id = this.nextId++;
    return new Promise<TurnResult>((resolve, reject) => {
      this.pending.set(id, { thread, resolve, reject, ...(turn.onDelta ? { onDelta: turn.onDelta } : {}) });
      turn.signal?.addEventListener('abort', () => this.settle(id, (p) => p.reject(turn.signal!.reason as Error)), { once: true });
      thread.postMessage({ id, text: turn.text, state: turn.state, ...(turn.study ? { study: turn.study } : {}) } satisfies PoolRequest);
    });
  }

  /** Lets the turns in flight finish, then stops every thread. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.pending.keys()].map((id) => new Promise<void>((resolve) => this.whenSettled(id, resolve))));
    await Promise.all(this.threads.map((thread) => thread.terminate()));
  }

  private start(): Promise<void> {
    const thread = new Worker(workerFile, { workerData: this.data, ...(loader.length > 0 ? { execArgv: loader } : {}) });
    this.threads.push(thread);
    return new Promise<void>((resolve, reject) => {
      thread.once('error', reject);
      thread.on('message', (message: PoolReply | { ready: true }) => {
        if ('ready' in message) {
          thread.off('error', reject);
          thread.on('error', (error) => this.replace(thread, error));
          return resolve();
        }
        this.settle(message.id, (p) => {
          if ('error' in message) return p.reject(new TutorPoolError(`the tutor failed on this turn: ${message.error}`));
          for (const delta of message.deltas) p.onDelta?.(delta);
          p.resolve(message.result);
        });
      });
      thread.once('exit', (code) => {
        if (!this.closing) this.replace(thread, new Error(`exited with code ${code}`));
      });
    });
  }

  /** A dead thread's turns fail (the learner can ask again) and a new thread takes its place. */
  private replace(thread: Worker, error: Error): void {
    const index = this.threads.indexOf(thread);
    if (index < 0) return;
    this.threads.splice(index, 1);
    for (const [id, p] of this.pending) {
      if (p.thread === thread) this.settle(id, (q) => q.reject(new TutorPoolError(`a tutor thread stopped (${error.message}): ask again`)));
    }
    void thread.terminate();
    if (!this.closing) this.start().catch(() => undefined);
  }

  private leastBusy(): Worker | undefined {
    const load = new Map(this.threads.map((thread) => [thread, 0]));
    for (const p of this.pending.values()) load.set(p.thread, (load.get(p.thread) ?? 0) + 1);
    return [...load].sort((a, b) => a[1] - b[1])[0]?.[0];
  }

  private settle(id: number, finish: (p: Pending) => void): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    finish(p);
    for (const wake of this.waiters.get(id) ?? []) wake();
    this.waiters.delete(id);
  }

  private whenSettled(id: number, wake: () => void): void {
    if (!this.pending.has(id)) return wake();
    this.waiters.set(id, [...(this.waiters.get(id) ?? []), wake]);
  }
}
