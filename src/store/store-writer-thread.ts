/**
 * What the StoreWriter's thread runs: one SQLite connection that makes every write, committing the
 * writes that arrive during one pass of this thread's event loop together (group commit).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { GroupCommit } from './group-commit';
import { openSqliteStore, StoreError } from './sqlite-store';
import type { Store } from './store';
import type { WriteFailure, WriteReply, WriteRequest, WriterReady } from './store-writer';

const port = parentPort!;
const failure = (error: unknown): WriteFailure => ({
  code: error instanceof StoreError ? error.code : undefined,
  message: error instanceof Error ? error.message : String(error),
});

function perform(store: Store, request: Exclude<WriteRequest, { op: 'close' }>): unknown {
  switch (request.op) {
    case 'createSession':
      return store.createSession();
    case 'recordTurn': {
      const { messageId, at } = store.recordTurn(request.turn);
      return { messageId, at };
    }
    case 'recordFeedback':
      return store.recordFeedback(request.messageId, request.rating, request.comment);
  }
}

function serve(store: Store): void {
  const commits = new GroupCommit(store);
  port.on('message', (request: WriteRequest) => {
    if (request.op === 'close') {
      // Every write posted before this one has been handed to the group commit, which runs first.
      setImmediate(() => {
        store.close();
        port.postMessage({ id: request.id, value: undefined } satisfies WriteReply);
        port.close();
      });
      return;
    }
    commits.run(() => perform(store, request)).then(
      (value) => port.postMessage({ id: request.id, value } satisfies WriteReply),
      (error: unknown) => port.postMessage({ id: request.id, error: failure(error) } satisfies WriteReply),
    );
  });
}

function open(file: string): Store | undefined {
  try {
    return openSqliteStore(file);
  } catch (error) {
    // Told, not thrown: the StoreWriter turns it into the error its open() rejects with.
    port.postMessage({ ready: false, error: failure(error) } satisfies WriterReady);
    port.close();
    return undefined;
  }
}

const store = open((workerData as { file: string }).file);
if (store) {
  serve(store);
  port.postMessage({ ready: true } satisfies WriterReady);
}
