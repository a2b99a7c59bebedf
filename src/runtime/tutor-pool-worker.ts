/**
 * What each thread of a TutorPool runs: the embedded tutor over the knowledge base it is handed in
 * its first message, answering one turn per message after that. Its code loads before that message
 * arrives, while the main thread is still reading the notes. The index comes from the cache when
 * it is current, else it is built here and written back.
 */
import { parentPort } from 'node:worker_threads';
import { sharePassageText } from '../kb/passages';
import { buildItemIndex, openItemIndex } from '../search/item-index';
import { createEmbeddedTutor } from '../tutor/embedded-tutor';
import { collectLoadGarbage } from './load-garbage';
import { currentThreadId } from './thread-cpu';
import type { PoolReady, PoolReply, PoolRequest, PoolWorkerData } from './tutor-pool';

const port = parentPort!;

port.once('message', ({ kb, cacheDir }: PoolWorkerData) => {
  // The message gave every passage a copy of its section's characters.
  kb.items.forEach(sharePassageText);
  const search = cacheDir === undefined ? buildItemIndex(kb) : openItemIndex(kb, { cacheDir });
  const tutor = createEmbeddedTutor({ kb, search });
  // Before the first turn, which would otherwise wait for the collection V8 puts off.
  collectLoadGarbage();
  port.on('message', (request: PoolRequest) => {
    const deltas: string[] = [];
    const started = performance.now();
    tutor
      .answer({ text: request.text, state: request.state, history: () => [], onDelta: (text) => deltas.push(text), ...(request.study ? { study: request.study } : {}) })
      .then(
        (result): PoolReply => ({ id: request.id, ms: performance.now() - started, deltas, result }),
        (error: unknown): PoolReply => ({ id: request.id, ms: performance.now() - started, error: error instanceof Error ? error.message : String(error) }),
      )
      .then((reply) => port.postMessage(reply));
  });
  const tid = currentThreadId();
  port.postMessage({ ready: true, ...(tid === undefined ? {} : { tid }) } satisfies PoolReady);
});
