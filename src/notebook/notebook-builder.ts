/**
 * Parses notebooks off the server's thread: a learner's upload can be any size and shape up to the
 * limits, and parsing it on the thread that moves every connection's frames would stall them all.
 * One thread, one build at a time; a build over its time limit ends the thread (and a new one takes
 * over), so no file can hold the server up for longer than --max-parse-ms.
 */
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SourceFile } from '../store/notebook-store';
import { NotebookError } from './notebook-error';
import type { NotebookKb } from './notebook-kb';

export interface BuildRequest {
  id: number;
  label: string;
  files: { name: string; bytes: Uint8Array }[];
}

export type BuildReply = { id: number; built: NotebookKb } | { id: number; error: string };

const workerFile = join(__dirname, `notebook-builder-worker${extname(__filename)}`);
const loader = extname(__filename) === '.ts' && !process.execArgv.join(' ').includes('ts-node') ? ['-r', 'ts-node/register/transpile-only'] : [];

export class NotebookBuilder {
  private thread?: Promise<Worker>;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 0;
  private closed = false;

  constructor(private readonly maxParseMs: number) {}

  /** The knowledge base of `files`, built after the builds asked for before it. */
  build(label: string, files: readonly SourceFile[]): Promise<NotebookKb> {
    const run = this.queue.then(() => this.run(label, files));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
    const thread = this.thread;
    this.thread = undefined;
    if (thread) await (await thread).terminate();
  }

  private start(): Promise<Worker> {
    return new Promise<Worker>((resolve, reject) => {
      const worker = new Worker(workerFile, loader.length > 0 ? { execArgv: loader } : {});
      worker.once('error', reject);
      worker.once('message', () => {
        worker.off('error', reject);
        worker.unref();
        resolve(worker);
      });
    });
  }

  private async run(label: string, files: readonly SourceFile[]): Promise<NotebookKb> {
    if (this.closed) throw new NotebookError('unavailable', 'the server is shutting down: add the files again once it is back.');
    this.thread ??= this.start();
    const thread = await this.thread;
    const id = this.nextId++;
    return new Promise<NotebookKb>((resolve, reject) => {
      // Idle, the thread must not keep a process alive; building, it must (a CLI has nothing else).
      thread.ref();
      const done = () => {
        thread.unref();
        clearTimeout(timer);
        thread.off('message', onMessage);
        thread.off('error', onError);
      };
      const onMessage = (reply: BuildReply) => {
        if (reply.id !== id) return;
        done();
        if ('error' in reply) reject(new NotebookError('parse_failed', `the notes could not be read (${reply.error}): check the files, or remove the last one added.`));
        else resolve(reply.built);
      };
      const onError = (error: Error) => {
        done();
        this.thread = undefined;
        reject(new NotebookError('parse_failed', `reading the notes failed (${error.message}): try again, or remove the last file added.`));
      };
      const timer = setTimeout(() => {
        done();
        // The thread is stuck in this parse: end it, and the next build starts a new one.
        this.thread = undefined;
        void thread.terminate();
        reject(new NotebookError('parse_timeout', `reading these files took over ${this.maxParseMs} ms, the server's limit: add fewer or smaller files at a time.`));
      }, this.maxParseMs);
      thread.on('message', onMessage);
      thread.on('error', onError);
      thread.postMessage({ id, label, files: files.map((file) => ({ name: file.name, bytes: file.bytes })) } satisfies BuildRequest);
    });
  }
}
