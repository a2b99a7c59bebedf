/** The bundled notes, their search index and the loss finder, shared by the stage tests. */
import { losses } from '../../../src/core/index';
import { bundledKnowledgeDir } from '../../../src/cli/io';
import type { KnowledgeBase } from '../../../src/kb/item';
import { loadKnowledgeBase } from '../../../src/kb/knowledge-base';
import type { ItemSearch } from '../../../src/search/hit';
import { buildItemIndex } from '../../../src/search/item-index';
import { ground, type GroundedTurn } from '../../../src/tutor/ground/grounded-turn';
import { createLossFinder } from '../../../src/tutor/loss-mention';
import { emptySessionState, type SessionState } from '../../../src/tutor/session-state';
import { understand } from '../../../src/tutor/understand/turn-reading';

export const finder = createLossFinder(losses);

export interface Bundled {
  kb: KnowledgeBase;
  search: ItemSearch;
}

export async function loadBundled(): Promise<Bundled> {
  const kb = await loadKnowledgeBase(bundledKnowledgeDir);
  return { kb, search: buildItemIndex(kb) };
}

export function groundText(bundled: Bundled, text: string, state: SessionState = emptySessionState()): GroundedTurn {
  return ground(understand(text, state, bundled.kb, finder), state, bundled);
}
