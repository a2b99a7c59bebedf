/**
 * The wiring every front end needs: a folder of notes → knowledge base → search index → tutor.
 * `loss-tutor ask` and the server both open their tutor here.
 */
import { join } from 'node:path';
import { loadKnowledgeBase } from '../kb/knowledge-base';
import type { KnowledgeBase } from '../kb/item';
import type { ItemSearch } from '../search/hit';
import { buildItemIndex, openItemIndex } from '../search/item-index';
import type { TutorEngine } from '../tutor/tutor-engine';
import { loadLazily } from './lazy-module';

export interface OpenTutorOptions {
  kbDir: string;
  /** Where the search index is cached between runs; without it the index is built in memory. */
  cacheDir?: string;
}

export interface OpenedTutor {
  kb: KnowledgeBase;
  search: ItemSearch;
  tutor: TutorEngine;
}

/**
 * The index is opened by the first search and the embedded tutor made (its code loaded) by the
 * first turn: the server answers on its tutor threads, which hold their own, so its main thread
 * would otherwise hold a second index and tutor it may never use (a third of its memory with
 * 10,000 notes, and a second of its start-up).
 */
export async function openTutor(options: OpenTutorOptions): Promise<OpenedTutor> {
  const kb = await loadKnowledgeBase(options.kbDir, options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir });
  let index: ItemSearch | undefined;
  const search: ItemSearch = {
    search(query, searchOptions) {
      index ??= options.cacheDir === undefined ? buildItemIndex(kb) : openItemIndex(kb, { cacheDir: options.cacheDir });
      return index.search(query, searchOptions);
    },
  };
  let embedded: Promise<TutorEngine> | undefined;
  const tutor: TutorEngine = {
    async answer(turn) {
      embedded ??= loadLazily<typeof import('../tutor/embedded-tutor')>(join(__dirname, '../tutor/embedded-tutor')).then((m) => m.createEmbeddedTutor({ kb, search }));
      return (await embedded).answer(turn);
    },
  };
  return { kb, search, tutor };
}
