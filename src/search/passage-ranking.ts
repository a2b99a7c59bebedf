/**
 * Passage-level search inside items already retrieved: which passages of an item share the most
 * of a question's terms, beyond the words that name the item itself (every passage of the focal
 * loss note is about focal loss; the one that says "gamma" answers "how do I choose gamma?").
 */
import type { Item, ItemText, Passage } from '../kb/item';
import { terms } from './tokenizer';

export interface RankedPassage {
  passage: Passage;
  /** The question's own terms the passage holds, weighted by how rare each is among the item's passages. */
  score: number;
}

interface PassageTerms {
  /** How often each term occurs. */
  counts: Map<string, number>;
  /** Where each of the passage's opening terms first occurs, where a paragraph names what it is about. */
  opening: Map<string, number>;
}

/**
 * A paragraph that opens with a term ("Cross-entropy loss is …") is about it, more than one that
 * names it later ("Binary cross-entropy is …") or in passing: the bonus is 1 for its first word and
 * halves, thirds, ... after.
 */
const OPENING_TERMS = 4;
const openingBonus = (position: number | undefined): number => (position === undefined ? 0 : 1 / (1 + position));
/** How fast repeats of a term stop counting (BM25's k1): a paragraph that keeps returning to a term is about it. */
const SATURATION = 1.2;

const passageTerms = new WeakMap<Passage, PassageTerms>();

function termsOf(passage: Passage): PassageTerms {
  let found = passageTerms.get(passage);
  if (!found) {
    const all = terms(passage.text);
    const counts = new Map<string, number>();
    for (const term of all) counts.set(term, (counts.get(term) ?? 0) + 1);
    const opening = new Map<string, number>();
    for (const [position, term] of all.slice(0, OPENING_TERMS).entries()) if (!opening.has(term)) opening.set(term, position);
    found = { counts, opening };
    passageTerms.set(passage, found);
  }
  return found;
}

/**
 * A term's weight among n passages of which `holding` hold it: 1 for a term one passage holds,
 * less the more hold it (an inverse document frequency scaled to the item's size).
 */
const rarity = (holding: number, n: number): number => Math.log(1 + n / Math.max(1, holding)) / Math.log(1 + n);

/** Whether the passage opens with one of these terms: it is about that, not mentioning it in passing. */
export const opensWithAny = (passage: Passage, asked: ReadonlySet<string>): boolean => [...termsOf(passage).opening.keys()].some((term) => asked.has(term));

function scoreOf(passage: Passage, asked: readonly string[], weights: ReadonlyMap<string, number>): number {
  const { counts, opening } = termsOf(passage);
  let score = 0;
  for (const term of asked) {
    const count = counts.get(term) ?? 0;
    if (count === 0) continue;
    const repeated = (count * (SATURATION + 1)) / (count + SATURATION);
    score += weights.get(term)! * (repeated + openingBonus(opening.get(term)));
  }
  return score;
}

/** Passages that hold a term of the question, best first; of equal ones the earlier (a note defines before it builds on). */
export function rankPassages(item: Item, text: ItemText, question: string): RankedPassage[] {
  const naming = new Set(terms(`${item.title} ${text.title}`));
  const asked = [...new Set(terms(question))].filter((term) => !naming.has(term));
  const passages = text.passages.filter((p) => p.sectionName !== 'quiz' && p.sectionName !== 'related');
  const holding = (term: string): number => passages.filter((p) => termsOf(p).counts.has(term)).length;
  const weights = new Map(asked.map((term) => [term, rarity(holding(term), passages.length)]));
  return passages
    .map((passage) => ({ passage, score: scoreOf(passage, asked, weights) }))
    .filter((ranked) => ranked.score > 0)
    .sort((a, b) => b.score - a.score);
}
