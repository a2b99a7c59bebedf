/**
 * The store's writes on a thread of their own. A commit waits for the disk (synchronous=FULL); on the
 * server's thread that wait would hold up every connection's frames and the tutor's replies. Here the
 * server's thread posts a write and goes on, and the writer commits every write that arrived while
 * the disk was busy as one group. Reads stay with the caller, on a connection of its own: WAL lets
 * them run beside the writer, and a write is visible to them once its promise has resolved.
 */
import { Worker } from 'node:worker_threads';
import { workerScript } from '../worker-script';
import { StoreError } from './sqlite-store';
import type { Rating, SessionRecord, TurnRecord } from './store';

/** What the writer says of a recorded turn; the caller already holds the rest of the entry. */
export interface TurnReceipt {
  messageId: string;
  at: string;
}

export type WriteRequest =
  | { id: number; op: 'createSession' }
  | { id: number; op: 'recordTurn'; turn: TurnRecord }
  | { id: number; op: 'recordFeedback'; messageId: string; rating: Rating; comment?: string }
  | { id: number; op: 'close' };

/** A failed write as it crosses the thread: a StoreError's code, when it was one, and the message. */
export interface WriteFailure {
  code: StoreError['code'] | undefined;
  message: string;
}

export type WriteReply = { id: number; value: unknown } | { id: number; error: WriteFailure };

/** The thread's first message: the database is open and migrated, or why it is not. */
export type WriterReady = { ready: true } | { ready: false; error: WriteFailure };

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

const script = workerScript(__filename, 'store-writer-thread');

export class StoreWriter {
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private stopped?: StoreError;

  private constructor(private readonly thread: Worker) {
    thread.on('message', (reply: WriteReply) => this.settle(reply));
    thread.on('error', (error) => this.stop(`the database writer failed (${error.message}): restart the server`));
    thread.on('exit', () => this.stop('the database writer has stopped: restart the server'));
  }

  /** Starts the thread and resolves once it has opened (and migrated) the database file. */
  static open(file: string): Promise<StoreWriter> {
    const thread = new Worker(script.file, { ...script.options, workerData: { file } });
    return new Promise<StoreWriter>((resolve, reject) => {
      thread.once('error', reject);
      thread.once('message', (message: WriterReady) => {
        thread.off('error', reject);
        if (message.ready) return resolve(new StoreWriter(thread));
        reject(toError(message.error));
        void thread.terminate();
      });
    });
  }

  createSession(): Promise<SessionRecord> {
    return this.request({ id: this.nextId++, op: 'createSession' });
  }

  recordTurn(turn: TurnRecord): Promise<TurnReceipt> {
    return this.request({ id: this.nextId++, op: 'recordTurn', turn });
  }

  /** False when no such message exists. */
  recordFeedback(messageId: string, rating: Rating, comment?: string): Promise<boolean> {
    return this.request({ id: this.nextId++, op: 'recordFeedback', messageId, rating, ...(comment === undefined ? {} : { comment }) });
  }

  /** Lets the writes in flight commit, closes the database and ends the thread. */
  async close(): Promise<void> {
    if (this.stopped) return;
    const exited = new Promise<void>((resolve) => this.thread.once('exit', () => resolve()));
    await this.request({ id: this.nextId++, op: 'close' });
    await exited;
  }

  private request<T>(request: WriteRequest): Promise<T> {
    if (this.stopped) return Promise.reject(this.stopped);
    return new Promise<T>((resolve, reject) => {
      this.pending.set(request.id, { resolve: resolve as (value: unknown) => void, reject });
      this.thread.postMessage(request);
    });
  }

  private settle(reply: WriteReply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    if ('error' in reply) p.reject(toError(reply.error));
    else p.resolve(reply.value);
  }

  private stop(message: string): void {
    this.stopped ??= new StoreError('writer_stopped', message);
    for (const p of this.pending.values()) p.reject(this.stopped);
    this.pending.clear();
  }
}

/** A StoreError keeps its code across the thread; anything else arrives as a plain Error. */
function toError({ code, message }: WriteFailure): Error {
  return code ? new StoreError(code, message) : new Error(message);
}
