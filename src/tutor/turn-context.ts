import type { KnowledgeBase } from '../kb/item';
import type { ItemSearch } from '../search/hit';
import type { AnswerComposer } from './answer-composer';
import type { Lang, Phrases } from './language';
import type { LossFinder } from './loss-mention';

/** What every step of answering one turn works with. */
export interface TurnContext {
  kb: KnowledgeBase;
  search: ItemSearch;
  finder: LossFinder;
  lang: Lang;
  p: Phrases;
  out: AnswerComposer;
}
