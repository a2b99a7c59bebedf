/**
 * The wiring every front end needs: a folder of notes → knowledge base → search index → tutor.
 * `loss-tutor ask` and the server both open their tutor here.
 */
import { loadKnowledgeBase } from '../kb/knowledge-base';
import type { KnowledgeBase } from '../kb/item';
import type { ItemSearch } from '../search/hit';
import { buildItemIndex, openItemIndex } from '../search/item-index';
import { createEmbeddedTutor } from '../tutor/embedded-tutor';
import type { TutorEngine } from '../tutor/tutor-engine';

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

export async function openTutor(options: OpenTutorOptions): Promise<OpenedTutor> {
  const kb = await loadKnowledgeBase(options.kbDir, options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir });
  const search = options.cacheDir === undefined ? buildItemIndex(kb) : openItemIndex(kb, { cacheDir: options.cacheDir });
  return { kb, search, tutor: createEmbeddedTutor({ kb, search }) };
}
