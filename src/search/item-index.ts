import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import MiniSearch, { type Options, type SearchOptions as MiniSearchOptions } from 'minisearch';
import type { KnowledgeBase } from '../kb/item';
import type { ItemSearch, SearchHit, SearchOptions } from './hit';
import { fromIndexKey, toIndexKey } from './index-key';
import { indexedFields, itemDocuments, type ItemDocument } from './item-document';
import { namedItems } from './item-reference';
import { replaceSynonyms, synonymTerms } from './synonyms';
import { TermTree } from './term-tree';
import { terms } from './tokenizer';

/** Bumped whenever the tokenizer or the fields change, so that old caches are rebuilt. */
const INDEX_VERSION = 7;

const indexOptions: Options<ItemDocument> = {
  fields: [...indexedFields],
  storeFields: ['item', 'lang'],
  tokenize: (text) => {
    const found = terms(text);
    // The synonyms are read from the terms as written, before they are spelled as index keys.
    const groups = synonymTerms(found);
    for (let i = 0; i < found.length; i++) found[i] = toIndexKey(found[i]!);
    for (const group of groups) found.push(group);
    return found;
  },
  // Terms arrive already normalised and stemmed from `terms`.
  processTerm: (term) => term,
  // Queries reach MiniSearch as trees of terms already produced by `terms`.
  searchOptions: { tokenize: (term) => [term], processTerm: (term) => term },
};

/**
 * MiniSearch over a term tree that fetches repeated terms by hash (its `_index` is there for
 * subclasses), and that can say whether a term is in the index.
 */
class ItemMiniSearch extends MiniSearch<ItemDocument> {
  constructor(options: Options<ItemDocument>) {
    super(options);
    // The same tree from MiniSearch's own SearchableMap module, which its types declare apart.
    this._index = new TermTree() as unknown as typeof this._index;
  }

  hasTerm(term: string): boolean {
    return this._index.has(term);
  }
}

/** Whether a query term is a word of the notes (then it is matched exactly, never mended). */
type IsKnown = (term: string) => boolean;

/**
 * Boosts and matching chosen on the retrieval evaluation (test/fixtures/retrieval). Prefix and fuzzy
 * matching, which walk a large part of the term tree, run only for words the index does not know:
 * a known word is matched exactly, which is faster and keeps exact hits on top.
 */
function searchOptions(isKnown: IsKnown): MiniSearchOptions {
  // Only words are mended: a number is never a typo, and Han terms are already bigrams.
  const mendable = (term: string) => term.length >= 4 && /^[a-z]/.test(term) && !isKnown(term);
  return {
    boost: { title: 4, aliases: 3, claim: 2, tags: 1.5, body: 1 },
    prefix: mendable,
    fuzzy: (term) => (mendable(term) ? 0.3 : false),
    weights: { fuzzy: 0.3, prefix: 0.5 },
    combineWith: 'OR',
  };
}

/**
 * The numbers of a question are the learner's data (targets, predictions, parameters) for the
 * calculator, not words about the topic, and a digit or two is in most notes: searching them costs
 * much and finds nothing. They are searched only when there is nothing else.
 */
function wordsToSearch(queryTerms: string[]): string[] {
  const words = queryTerms.filter((term) => !/^\d+$/.test(term));
  return words.length > 0 ? words : queryTerms;
}

/**
 * A term said twice is searched once, weighted twice (the score it would have had), and a question
 * is searched by at most its first MAX_QUERY_TERMS distinct terms: a question of two thousand
 * numbers cost a second of one thread, while no question a learner writes has a tenth as many.
 */
const MAX_QUERY_TERMS = 64;

function countedTerms(queryKeys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of queryKeys) {
    if (counts.size >= MAX_QUERY_TERMS && !counts.has(key)) continue;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

class MiniSearchItemIndex implements ItemSearch {
  private readonly options: MiniSearchOptions;

  constructor(
    private readonly index: MiniSearch<ItemDocument>,
    private readonly kb: KnowledgeBase,
    isKnown: IsKnown,
  ) {
    this.options = searchOptions(isKnown);
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = options.limit ?? 10;
    const queryTerms = wordsToSearch(terms(query));
    const byItem = new Map<number, SearchHit>();
    if (queryTerms.length > 0) {
      const counts = countedTerms(replaceSynonyms(queryTerms).map(toIndexKey));
      const weighted = { ...this.options, boostTerm: (term: string) => counts.get(term) ?? 1 };
      // Results arrive best first; once twice the wanted number of items is seen (room for the
      // language preference to reorder), the rest cannot reach the top and are skipped.
      for (const result of this.index.search({ combineWith: 'OR', queries: [...counts.keys()] }, weighted)) {
        const item = result['item'] as number;
        const lang = result['lang'] as string;
        const preferred = options.lang !== undefined && lang.startsWith(options.lang.slice(0, 2)) ? 1.2 : 1;
        const score = result.score * preferred;
        const known = byItem.get(item);
        if (!known || known.score < score) byItem.set(item, { item, score, lang, terms: result.terms.map(fromIndexKey) });
        if (byItem.size >= 2 * limit) break;
      }
    }
    const hits = [...byItem.values()].sort((a, b) => b.score - a.score || a.item - b.item);
    return [...this.namedHits(query, hits), ...hits].filter((hit, i, all) => all.findIndex((h) => h.item === hit.item) === i).slice(0, limit);
  }

  /** Items the query names ("item 35") rank first, above anything the words match. */
  private namedHits(query: string, hits: SearchHit[]): SearchHit[] {
    const top = hits[0]?.score ?? 1;
    return namedItems(query)
      .filter((number) => this.kb.byNumber.has(number))
      .map((number, i) => ({ item: number, score: top * 2 - i, lang: this.kb.byNumber.get(number)!.lang, terms: [`#${number}`] }));
  }
}

function newIndex(kb: KnowledgeBase): ItemMiniSearch {
  const index = new ItemMiniSearch(indexOptions);
  index.addAll(itemDocuments(kb));
  return index;
}

/** The search over an index built here, which knows its own terms. */
const searchOverBuilt = (index: ItemMiniSearch, kb: KnowledgeBase) => new MiniSearchItemIndex(index, kb, (term) => index.hasTerm(term));

export function buildItemIndex(kb: KnowledgeBase): ItemSearch {
  return searchOverBuilt(newIndex(kb), kb);
}

/** $LOSS_TUTOR_CACHE_DIR, else $XDG_CACHE_HOME/loss-tutor, else ~/.cache/loss-tutor. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env['LOSS_TUTOR_CACHE_DIR'] ?? join(env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'loss-tutor');
}

interface CachedIndex {
  version: number;
  fingerprint: string;
  index: unknown;
}

/**
 * The index for a knowledge base, loaded from the cache when the base's fingerprint is unchanged,
 * otherwise built and written back (atomically, by rename). A corrupt cache is simply rebuilt.
 */
export function openItemIndex(kb: KnowledgeBase, options: { cacheDir?: string } = {}): ItemSearch & { fromCache: boolean } {
  const dir = options.cacheDir ?? defaultCacheDir();
  const file = join(dir, `index-${createHash('sha256').update(kb.dir).digest('hex').slice(0, 16)}.json`);
  try {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as CachedIndex;
    if (cached.version === INDEX_VERSION && cached.fingerprint === kb.fingerprint) {
      const serialised = cached.index as Parameters<typeof MiniSearch.loadJS>[0];
      // loadJS makes a plain MiniSearch; the serialised index lists its terms first in each entry.
      const vocabulary = new Set(serialised.index.map(([term]) => term));
      const index = MiniSearch.loadJS<ItemDocument>(serialised, indexOptions);
      return Object.assign(new MiniSearchItemIndex(index, kb, (term) => vocabulary.has(term)), { fromCache: true });
    }
  } catch {
    // No cache yet, or an unreadable one: build afresh below.
  }
  const index = newIndex(kb);
  try {
    mkdirSync(dir, { recursive: true });
    // Per thread, not only per process: the tutor's worker threads may write the cache too.
    const temporary = `${file}.${process.pid}.${threadId}.tmp`;
    writeFileSync(temporary, JSON.stringify({ version: INDEX_VERSION, fingerprint: kb.fingerprint, index: index.toJSON() } satisfies CachedIndex));
    renameSync(temporary, file);
  } catch {
    // A read-only cache folder costs a rebuild next time, nothing more.
  }
  return Object.assign(searchOverBuilt(index, kb), { fromCache: false });
}
