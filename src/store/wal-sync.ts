/**
 * The disk syncs of a SQLite database in WAL mode, off the server's thread. With synchronous=FULL
 * SQLite syncs the WAL inside every commit and the WAL and the database file inside every
 * checkpoint, on the thread that commits: on a busy disk one sync held every connection's frames
 * and every other turn's answer for hundreds of milliseconds. Here SQLite commits without syncing
 * (synchronous=NORMAL, which in WAL mode still never leaves the file inconsistent), the WAL is then
 * synced on libuv's thread pool before any writer is told its write is done, so a write still
 * survives a power cut once acknowledged; and checkpoints run on a thread of their own, with a
 * connection of its own, at most once a second while there are writes.
 */
import { closeSync, fsync, openSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { StoreError } from './store-error';

const CHECKPOINT_EVERY_MS = 1000;

// Plain JavaScript run as given: the thread needs no TypeScript loader, under ts-node or built.
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');
parentPort.on('message', () => {
  // One that fails (the database busy, the disk full) is tried again a second later.
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
  parentPort.postMessage('done');
});
`;

export class WalSync {
  private fd?: number;
  private checkpointer?: Worker;
  private checkpointing = false;
  private lastCheckpoint = Date.now();
  private readonly syncing = new Set<Promise<void>>();

  constructor(private readonly file: string) {}

  /** Resolves once everything committed so far is on disk. */
  sync(): Promise<void> {
    const synced = this.syncWal().finally(() => this.syncing.delete(synced));
    this.syncing.add(synced);
    synced.then(() => this.maybeCheckpoint(), () => undefined);
    return synced;
  }

  /** Waits for the syncs in flight, then stops the checkpoint thread (SQLite checkpoints once more as its last connection closes). */
  async close(): Promise<void> {
    await Promise.allSettled([...this.syncing]);
    await this.checkpointer?.terminate();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private syncWal(): Promise<void> {
    const failed = (error: NodeJS.ErrnoException) => new StoreError('database_io', `the server's database could not be written to disk (${error.code ?? 'error'}): try again shortly`);
    try {
      // The WAL exists once anything was committed; it is the same file for as long as the database is open.
      this.fd ??= openSync(`${this.file}-wal`, 'r+');
    } catch (error) {
      return Promise.reject(failed(error as NodeJS.ErrnoException));
    }
    const fd = this.fd;
    return new Promise<void>((resolve, reject) => fsync(fd, (error) => (error ? reject(failed(error)) : resolve())));
  }

  private maybeCheckpoint(): void {
    if (this.checkpointing || Date.now() - this.lastCheckpoint < CHECKPOINT_EVERY_MS) return;
    this.checkpointing = true;
    const worker = (this.checkpointer ??= this.startCheckpointer());
    worker.once('message', () => {
      this.checkpointing = false;
      this.lastCheckpoint = Date.now();
    });
    worker.postMessage('checkpoint');
  }

  private startCheckpointer(): Worker {
    const worker = new Worker(CHECKPOINTER, { eval: true, workerData: { file: this.file, driver: require.resolve('better-sqlite3') } });
    // It must not keep the process alive, nor take it down: a checkpoint not run is run later.
    worker.unref();
    worker.on('error', () => undefined);
    worker.on('exit', () => {
      this.checkpointing = false;
      if (this.checkpointer === worker) this.checkpointer = undefined;
    });
    return worker;
  }
}
