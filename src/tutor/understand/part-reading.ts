/**
 * One question of a turn, read on its own: what it asks (intents), what it gives (numbers, loss
 * names), the items it refers to, and whether it names a subject of its own. A message with two
 * questions has two readings, each with its own item references ("What is item 6? And item 7?").
 */
import type { KnowledgeBase } from '../../kb/item';
import { detectIntents, type Intent } from '../intent';
import { itemReferenceSpans } from '../../search/item-reference';
import { findItemReferences, type ItemReference } from '../item-reference';
import type { Lang } from '../language';
import type { LossFinder, LossMention } from '../loss-mention';
import type { SessionState } from '../session-state';
import { changesLastCase, readFreshCase, type CalculationRequest } from './calculation-request';
import { extractNumbers, type ExtractedNumbers } from './number-extraction';

export interface PartReading {
  question: string;
  intents: Intent[];
  numbers: ExtractedNumbers;
  mentions: LossMention[];
  /** The references this part makes, strongest first; resolved against the conversation in ground. */
  references: ItemReference[];
  /** The part names a subject beyond question words and pronouns ("which loss suits imbalanced data?"). */
  ownSubject: boolean;
  /** The part changes only parameters of the last calculation ("now with delta 2"). */
  rerun: boolean;
  /**
   * A complete case the calculation reader finds in a part that does not otherwise ask for a
   * calculation ("I predicted 3.5 but the true value was 3, what is my loss?").
   */
  freshCase?: CalculationRequest;
}

const questionWords = new Set(
  ('what which when where why how does do did is are was were the a an and or of for to in on with about me my i you it its this that one ' +
    'tell more explain show give please can could would should use used using work works working happen happens mean means ' +
    'pitfalls pitfall training train affect effect compare comparison difference choose example worked formula definition')
    .split(' '),
);
const functionHan = /[什麼是如何怎樣為的了嗎呢它這那個有會和與及請解釋說明介紹一下？。，、！]/gu;

/** Whether a question names a subject of its own, beyond question words and pronouns. */
export function hasOwnSubject(question: string): boolean {
  const latin = (question.toLowerCase().match(/[a-z]{2,}/g) ?? []).filter((word) => !questionWords.has(word));
  const han = question.replace(functionHan, '').match(/\p{Script=Han}/gu) ?? [];
  return latin.length > 0 || han.length > 2;
}

/** Whether the part asks for a calculation in a way the older extraction already reads (or for none at all). */
function readsCalculationElsewhere(part: PartReading, state: SessionState): boolean {
  const [main] = part.intents;
  return main === 'quiz' || main === 'example' || main === 'computation' || part.rerun || state.pending?.calc !== undefined;
}

export interface PartContext {
  lang: Lang;
  state: SessionState;
  /** Whether to look for a case given in words (the turn is a question to answer part by part). */
  readsCases: boolean;
}

export function readPart(question: string, kb: KnowledgeBase, finder: LossFinder, { lang, state, readsCases }: PartContext): PartReading {
  const numbers = extractNumbers(question, itemReferenceSpans(question));
  const intents = detectIntents(question, numbers.lists.length > 0);
  const mentions = finder.find(question);
  const ownSubject = hasOwnSubject(question);
  const rerun = changesLastCase({ question, numbers, intents, ownSubject }, state);
  const part: PartReading = { question, intents, numbers, mentions, references: findItemReferences(question, kb), ownSubject, rerun };
  const freshCase = !readsCases || readsCalculationElsewhere(part, state) ? undefined : readFreshCase(question, lang, mentions);
  if (freshCase) part.freshCase = freshCase;
  return part;
}
