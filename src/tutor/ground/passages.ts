/**
 * Grounding a question in passages: of an item's passages, the one that answers this question
 * best, with the intent as a prior (a "how to choose" wants advice and pitfalls, a "why" wants
 * how it works and its effect on training).
 */
import type { Item, Passage, SectionName } from '../../kb/item';
import { rankPassages } from '../../search/passage-ranking';
import type { Intent } from '../intent';
import type { Lang } from '../language';
import { viewItem } from '../note-sections';

const priorSections: Partial<Record<Intent, SectionName[]>> = {
  when: ['when', 'pitfalls'],
  pitfalls: ['pitfalls'],
  training: ['training', 'how'],
  how: ['how', 'intuition'],
  formula: ['formula'],
};

/** The prior is a tie-breaker and a small push, never enough alone: a passage must share a term of the question. */
const PRIOR = 0.5;

export function answeringPassage(item: Item, lang: Lang, question: string, intents: readonly Intent[]): Passage | undefined {
  const preferred = new Set(intents.flatMap((intent) => priorSections[intent] ?? []));
  const ranked = rankPassages(item, viewItem(item, lang).text, question)
    .map((r) => ({ ...r, score: r.score + (preferred.has(r.passage.sectionName) ? PRIOR : 0) }))
    .sort((a, b) => b.score - a.score);
  return ranked[0]?.passage;
}
