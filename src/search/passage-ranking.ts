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

const passageTerms = new WeakMap<Passage, Set<string>>();

function termsOf(passage: Passage): Set<string> {
  let found = passageTerms.get(passage);
  if (!found) {
    found = new Set(terms(passage.text));
    passageTerms.set(passage, found);
  }
  return found;
}

export function rankPassages(item: Item, text: ItemText, question: string): RankedPassage[] {
  const naming = new Set(terms(`${item.title} ${text.title}`));
  const asked = [...new Set(terms(question))].filter((term) => !naming.has(term));
  const passages = text.passages.filter((p) => p.sectionName !== 'quiz' && p.sectionName !== 'related');
  const holding = (term: string): number => passages.filter((p) => termsOf(p).has(term)).length;
  const weights = new Map(asked.map((term) => [term, 1 / Math.max(1, holding(term))]));
  return passages
    .map((passage) => ({ passage, score: asked.reduce((sum, term) => sum + (termsOf(passage).has(term) ? weights.get(term)! : 0), 0) }))
    .filter((ranked) => ranked.score > 0)
    .sort((a, b) => b.score - a.score);
}
