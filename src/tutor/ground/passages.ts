/**
 * Grounding a question in passages: of an item's passages, the one that answers this question
 * best, with the intent as a prior (a "how to choose" wants advice and pitfalls, a "why" wants
 * how it works and its effect on training), and of that passage the sentences that answer it.
 */
import type { Item, Passage, SectionName } from '../../kb/item';
import { opensWithAny, rankPassages } from '../../search/passage-ranking';
import { terms } from '../../search/tokenizer';
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

/** Sentence ends in English and Chinese; a decimal point or "e.g." does not end one. */
const sentenceEnd = /(?<=[.!?;])\s+(?=[A-Z(*"“`$\\])|(?<=[。！？；])/u;

/**
 * The sentences of a passage that answer the question: those holding its own terms (beyond the
 * item's name). The whole passage when it is one sentence, not prose, asked what it is, when it opens with a term of
 * the question (it is about what is asked: "Hinge loss comes from …"), or when no sentence (or
 * every sentence) holds one.
 */
export function answeringSentences(item: Item, lang: Lang, passage: Passage, question: string, intents: readonly Intent[]): string[] {
  // "What is …" wants the whole explanation, not the one sentence that names the thing.
  if ((passage.kind !== 'paragraph' && passage.kind !== 'list-entry') || intents.includes('definition')) return [passage.text];
  const sentences = passage.text.split(sentenceEnd).map((s) => s.trim()).filter((s) => s.length > 0);
  if (sentences.length < 2) return [passage.text];
  const text = viewItem(item, lang).text;
  const naming = new Set(terms(`${item.title} ${text.title}`));
  const asked = new Set(terms(question).filter((term) => !naming.has(term)));
  if (opensWithAny(passage, asked)) return [passage.text];
  const answering = sentences.filter((sentence) => terms(sentence).some((term) => asked.has(term)));
  return answering.length === 0 || answering.length === sentences.length ? [passage.text] : answering;
}
