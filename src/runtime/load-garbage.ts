/**
 * Opening the knowledge base and the index leaves the parsed cache files (their JSON text and the
 * objects read from it) as garbage that outlived the young generation, in old-space pages V8 keeps
 * committed until a full collection that may not come while the server idles: with 10,000 notes
 * about 70 MB in a tutor thread and 30 MB on the main thread. One full collection once they are
 * open gives those pages back (docs/design.md, memory).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

/** A full, compacting collection, at a point where the pause costs nobody a turn. */
export function collectLoadGarbage(): void {
  // `gc` exists only with --expose-gc, which a library cannot ask its host for; set now, it shows
  // in contexts made afterwards, and one made here hands its `gc` back.
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
}
