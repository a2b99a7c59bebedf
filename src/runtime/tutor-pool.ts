/**
 * The embedded tutor on worker threads. A turn is pure computation (understanding, search, the
 * calculator), so on the server's own thread every turn would hold up every connection's frames
 * and database writes; here the server's thread only moves frames while the pool composes answers.
 * Each thread holds its own copy of the knowledge base and index (docs/design.md says why) and works on one turn at a time;
 * the turns waiting for a thread are taken fairly between lanes (connections, see FairQueue), so one
 * learner sending heavy questions cannot starve the others. A turn over its CPU budget is cut by
 * stopping its thread, since a synchronous turn cannot be interrupted any other way. A thread that
 * dies fails only the turn it held and is replaced.
 */
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { KnowledgeBase } from '../kb/item';
import type { StudyTurn } from '../study/study-turn';
import type { SessionState } from '../tutor/session-state';
import type { Turn, TurnResult, TutorEngine } from '../tutor/tutor-engine';
import { FairQueue, type TurnOrder } from './fair-queue';
import { threadCpuMs } from './thread-cpu';

export interface PoolWorkerData {
  kb: KnowledgeBase;
  cacheDir?: string;
}

export interface PoolOptions {
  /** CPU milliseconds one turn may take on its thread before it is cut. */
  turnBudgetMs: number;
  order: TurnOrder;
}

export interface PoolRequest {
  id: number;
  text: string;
  state: SessionState;
  study?: StudyTurn;
}

/** `ms`: the time the thread itself spent on the turn, which is what its lane is charged. */
export type PoolReply = { id: number; ms: number; deltas: string[]; result: TurnResult } | { id: number; ms: number; error: string };

/** What a thread says once its knowledge base and index are ready: its OS thread id, where known. */
export interface PoolReady {
  ready: true;
  tid?: number;
}

interface Job {
  lane: string;
  request: PoolRequest;
  settled: boolean;
  resolve: (result: TurnResult) => void;
  reject: (error: Error) => void;
  onDelta?: (text: string) => void;
  /** Stops listening for the connection's close once the turn is settled. */
  detach?: () => void;
}

interface Running {
  job: Job;
  startedAt: number;
  cpuAtStart: number | undefined;
  timer: NodeJS.Timeout;
}

interface ThreadState {
  tid: number | undefined;
  running?: Running;
}

export class TutorPoolError extends Error {
  override readonly name = 'TutorPoolError';
  readonly code = 'tutor_thread_failed';
}

export class TurnBudgetError extends Error {
  override readonly name = 'TurnBudgetError';
  readonly code = 'over_budget';
}

// Under ts-node the thread runs the TypeScript source and needs its loader (inherited when the process
// was started with it); built, it runs JavaScript.
const workerFile = join(__dirname, `tutor-pool-worker${extname(__filename)}`);
const loader = extname(__filename) === '.ts' && !process.execArgv.join(' ').includes('ts-node') ? ['-r', 'ts-node/register/transpile-only'] : [];

/**
 * A thread's young generation, 8 MB where V8 would grow it to 32 MB while the thread opens its
 * index and keep it committed while it idles: 24 MB less per thread, for scavenges of a turn's
 * short-lived objects that come more often and each cover less (docs/design.md, memory).
 */
const YOUNG_GENERATION_MB = 8;

const DEFAULT_OPTIONS: PoolOptions = { turnBudgetMs: 2000, order: 'fair' };

/** The budget is checked again no sooner than this: /proc counts CPU in steps of 10 ms. */
const RECHECK_MS = 10;

export class TutorPool implements TutorEngine {
  private readonly threads: Worker[] = [];
  /** The threads that hold their knowledge base and index, and the turn each is working on. */
  private readonly working = new Map<Worker, ThreadState>();
  /** The threads' data once read: a thread started later (a replacement) gets it at once. */
  private known?: PoolWorkerData;
  /** Settles when every first thread holds its knowledge base and index; turns wait for it. */
  readonly ready: Promise<void>;
  private readonly queue: FairQueue<Job>;
  private nextId = 0;
  private closing = false;
  private whenIdle?: () => void;

  private constructor(
    private readonly data: Promise<PoolWorkerData>,
    size: number,
    private readonly options: PoolOptions,
  ) {
    this.queue = new FairQueue(options.order);
    const started = Array.from({ length: size }, () => this.start());
    this.ready = (async () => {
      try {
        this.known = await data;
      } catch (error) {
        await this.close();
        throw error;
      }
      await Promise.all(started);
    })();
    // Whoever waits on `ready` sees its failure; nobody waiting is no reason to crash.
    this.ready.catch(() => undefined);
  }

  /**
   * Starts `size` threads at once: they load their code while `data` is still being read, then
   * receive it (if it cannot be read, they are stopped). Turns asked meanwhile wait for `ready`, so
   * a server can accept connections while its threads open their index.
   */
  static starting(data: PoolWorkerData | Promise<PoolWorkerData>, size: number, options: PoolOptions = DEFAULT_OPTIONS): TutorPool {
    return new TutorPool(Promise.resolve(data), size, options);
  }

  /** starting(), resolved once the pool is ready. */
  static async open(data: PoolWorkerData | Promise<PoolWorkerData>, size: number, options: PoolOptions = DEFAULT_OPTIONS): Promise<TutorPool> {
    const pool = TutorPool.starting(data, size, options);
    await pool.ready;
    return pool;
  }

  async answer(turn: Turn): Promise<TurnResult> {
    try {
      await this.ready;
    } catch (error) {
      throw new TutorPoolError(`the tutor threads could not start (${error instanceof Error ? error.message : String(error)}): restart the server`);
    }
    return this.enqueue(turn);
  }

  private enqueue(turn: Turn): Promise<TurnResult> {
    if (turn.signal?.aborted) return Promise.reject(turn.signal.reason as Error);
    if (this.threads.length === 0) return Promise.reject(new TutorPoolError('no tutor thread is running: restart the server'));
    const id = this.nextId++;
    return new Promise<TurnResult>((resolve, reject) => {
      // A turn that names no lane is a lane of its own.
      const job: Job = { lane: turn.lane ?? `turn ${id}`, request: { id, text: turn.text, state: turn.state, ...(turn.study ? { study: turn.study } : {}) }, settled: false, resolve, reject, ...(turn.onDelta ? { onDelta: turn.onDelta } : {}) };
      // Its connection closed: a waiting turn is dropped; a running one finishes unread (its budget bounds it).
      const signal = turn.signal;
      if (signal) {
        const abort = () => {
          this.queue.remove(job);
          this.settle(job, () => reject(signal.reason as Error));
        };
        signal.addEventListener('abort', abort, { once: true });
        job.detach = () => signal.removeEventListener('abort', abort);
      }
      this.queue.push(job.lane, job);
      this.dispatch();
    });
  }

  /** Lets the turns waiting and in flight finish, then stops every thread. */
  async close(): Promise<void> {
    this.closing = true;
    await new Promise<void>((resolve) => {
      this.whenIdle = resolve;
      this.checkIdle();
    });
    await Promise.all(this.threads.map((thread) => thread.terminate()));
  }

  private start(): Promise<void> {
    const thread = new Worker(workerFile, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB }, ...(loader.length > 0 ? { execArgv: loader } : {}) });
    this.threads.push(thread);
    // Synchronously when known, so that no turn can reach a new thread before its data.
    if (this.known) thread.postMessage(this.known);
    else this.data.then((data) => thread.postMessage(data)).catch(() => undefined);
    return new Promise<void>((resolve, reject) => {
      thread.once('error', reject);
      thread.on('message', (message: PoolReply | PoolReady) => {
        if ('ready' in message) {
          thread.off('error', reject);
          thread.on('error', (error) => this.replace(thread, error));
          this.working.set(thread, { tid: message.tid });
          this.dispatch();
          return resolve();
        }
        this.finished(thread, message);
      });
      thread.once('exit', (code) => {
        if (!this.closing) this.replace(thread, new Error(`exited with code ${code}`));
      });
    });
  }

  /** Hands waiting turns to idle threads. */
  private dispatch(): void {
    for (const [thread, state] of this.working) {
      if (state.running) continue;
      const job = this.queue.next();
      if (!job) break;
      const cpuAtStart = state.tid === undefined ? undefined : threadCpuMs(state.tid);
      state.running = { job, startedAt: performance.now(), cpuAtStart, timer: setTimeout(() => this.checkBudget(thread), this.options.turnBudgetMs) };
      thread.postMessage(job.request);
    }
    this.checkIdle();
  }

  private finished(thread: Worker, reply: PoolReply): void {
    const running = this.working.get(thread)?.running;
    if (!running || running.job.request.id !== reply.id) return;
    this.release(thread, running, reply.ms);
    this.settle(running.job, (job) => {
      if ('error' in reply) return job.reject(new TutorPoolError(`the tutor failed on this turn: ${reply.error}`));
      for (const delta of reply.deltas) job.onDelta?.(delta);
      job.resolve(reply.result);
    });
    this.dispatch();
  }

  /** CPU used so far, where /proc tells; else the time since the turn started. */
  private checkBudget(thread: Worker): void {
    const state = this.working.get(thread);
    const running = state?.running;
    if (!state || !running) return;
    const cpuNow = state.tid === undefined ? undefined : threadCpuMs(state.tid);
    const used = cpuNow !== undefined && running.cpuAtStart !== undefined ? cpuNow - running.cpuAtStart : performance.now() - running.startedAt;
    if (used < this.options.turnBudgetMs) {
      running.timer = setTimeout(() => this.checkBudget(thread), Math.max(RECHECK_MS, this.options.turnBudgetMs - used));
      return;
    }
    this.release(thread, running);
    this.settle(running.job, (job) =>
      job.reject(new TurnBudgetError(`this question took more than the ${this.options.turnBudgetMs} ms of tutor time a question may take, and was stopped: ask about fewer numbers at once, or split it into smaller questions`)),
    );
    this.replace(thread, new Error('stopped a turn over its budget'));
  }

  /**
   * Charges the lane what its turn took: as the thread measured it when it replied, since the time
   * until this thread reads the reply also counts whatever held up this thread meanwhile (a disk
   * sync, a large frame), and a light turn charged for that would wait behind heavy ones for
   * rounds; else (a turn cut or lost with its thread) the time since it was handed over.
   */
  private release(thread: Worker, running: Running, threadMs?: number): void {
    clearTimeout(running.timer);
    this.queue.charge(running.job.lane, threadMs ?? performance.now() - running.startedAt);
    const state = this.working.get(thread);
    if (state) delete state.running;
  }

  /** A dead thread's turn fails (the learner can ask again) and a new thread takes its place. */
  private replace(thread: Worker, error: Error): void {
    const index = this.threads.indexOf(thread);
    if (index < 0) return;
    this.threads.splice(index, 1);
    const running = this.working.get(thread)?.running;
    this.working.delete(thread);
    if (running) {
      this.release(thread, running);
      this.settle(running.job, (job) => job.reject(new TutorPoolError(`a tutor thread stopped (${error.message}): ask again`)));
    }
    void thread.terminate();
    if (!this.closing) this.start().catch(() => undefined);
    this.dispatch();
  }

  private settle(job: Job, finish: (job: Job) => void): void {
    if (job.settled) return;
    job.settled = true;
    job.detach?.();
    finish(job);
  }

  /** While closing: resolves close() once nothing waits or runs; with no thread left, the waiting turns fail. */
  private checkIdle(): void {
    if (!this.closing || !this.whenIdle) return;
    if (this.working.size === 0) {
      for (let job = this.queue.next(); job; job = this.queue.next()) this.settle(job, (j) => j.reject(new TutorPoolError('the tutor is shutting down: ask again once the server is back')));
    }
    if (this.queue.size > 0 || [...this.working.values()].some((state) => state.running)) return;
    this.whenIdle();
  }
}
