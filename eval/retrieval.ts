/**
 * The retrieval evaluation: learner questions with the items that answer them, scored as
 * recall@1, recall@3 and MRR, for our index and for MiniSearch with default options over the same
 * notes. The test suite and `npm run eval` both run it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import type { KnowledgeBase } from '../src/kb/item';
import { indexedFields, itemDocuments, type ItemDocument } from '../src/search/item-document';
import { buildItemIndex } from '../src/search/item-index';

export interface Question {
  question: string;
  items: number[];
  kind: string;
}

export interface Scores {
  recallAt1: number;
  recallAt3: number;
  mrr: number;
  misses: { question: string; expected: number[]; got: number[] }[];
}

/**
 * The two question sets: `questions`, on which the boosts and matching were chosen, and `held-out`,
 * written afterwards and never used to choose anything, which tells how well those choices carry over.
 */
export type QuestionSet = 'questions' | 'held-out';

export const questions = (set: QuestionSet = 'questions'): Question[] =>
  (JSON.parse(readFileSync(join(__dirname, `../test/fixtures/retrieval/${set}.json`), 'utf8')) as { questions: Question[] }).questions;

export function score(rank: (query: string) => number[], set: Question[]): Scores {
  let at1 = 0;
  let at3 = 0;
  let reciprocal = 0;
  const misses: Scores['misses'] = [];
  for (const { question, items } of set) {
    const got = rank(question).slice(0, 10);
    const position = got.findIndex((item) => items.includes(item));
    if (position === 0) at1 += 1;
    if (position >= 0 && position < 3) at3 += 1;
    if (position >= 0) reciprocal += 1 / (position + 1);
    if (position !== 0) misses.push({ question, expected: items, got: got.slice(0, 3) });
  }
  return { recallAt1: at1 / set.length, recallAt3: at3 / set.length, mrr: reciprocal / set.length, misses };
}

export function ourRanking(kb: KnowledgeBase): (query: string) => number[] {
  const index = buildItemIndex(kb);
  return (query) => index.search(query, { limit: 10 }).map((hit) => hit.item);
}

/**
 * MiniSearch as it comes: its default tokenizer, term processing and search options, over the same
 * documents and fields as our index (every item in every language), so that only the options differ.
 */
export function rawMiniSearch(kb: KnowledgeBase): MiniSearch<ItemDocument> {
  const index = new MiniSearch<ItemDocument>({ fields: [...indexedFields], storeFields: ['item'] });
  index.addAll(itemDocuments(kb));
  return index;
}

export function rawMiniSearchRanking(kb: KnowledgeBase): (query: string) => number[] {
  const index = rawMiniSearch(kb);
  return (query) => [...new Set(index.search(query).map((result) => result['item'] as number))];
}
