/**
 * What each thread of a TutorPool runs: the embedded tutor over the knowledge base it was handed,
 * answering one turn per message. The index comes from the cache the main thread has just written.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildItemIndex, openItemIndex } from '../search/item-index';
import { createEmbeddedTutor } from '../tutor/embedded-tutor';
import { currentThreadId } from './thread-cpu';
import type { PoolReady, PoolReply, PoolRequest, PoolWorkerData } from './tutor-pool';

const { kb, cacheDir } = workerData as PoolWorkerData;
const search = cacheDir === undefined ? buildItemIndex(kb) : openItemIndex(kb, { cacheDir });
const tutor = createEmbeddedTutor({ kb, search });
const port = parentPort!;

port.on('message', (request: PoolRequest) => {
  const deltas: string[] = [];
  tutor
    .answer({ text: request.text, state: request.state, history: () => [], onDelta: (text) => deltas.push(text), ...(request.study ? { study: request.study } : {}) })
    .then(
      (result): PoolReply => ({ id: request.id, deltas, result }),
      (error: unknown): PoolReply => ({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
    )
    .then((reply) => port.postMessage(reply));
});
const tid = currentThreadId();
port.postMessage({ ready: true, ...(tid === undefined ? {} : { tid }) } satisfies PoolReady);
