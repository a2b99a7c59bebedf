import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import MiniSearch, { type Options, type SearchOptions as MiniSearchOptions } from 'minisearch';
import type { Item, ItemText, KnowledgeBase } from '../kb/item';
import type { ItemSearch, SearchHit, SearchOptions } from './hit';
import { namedItems } from './item-reference';
import { expandSynonyms, type QueryPart } from './synonyms';
import { terms } from './tokenizer';

/** Bumped whenever the tokenizer or the fields change, so that old caches are rebuilt. */
const INDEX_VERSION = 3;

interface ItemDocument {
  id: string;
  item: number;
  lang: string;
  title: string;
  aliases: string;
  claim: string;
  tags: string;
  body: string;
}

const indexOptions: Options<ItemDocument> = {
  fields: ['title', 'aliases', 'claim', 'tags', 'body'],
  storeFields: ['item', 'lang'],
  tokenize: terms,
  // Terms arrive already normalised and stemmed from `terms`.
  processTerm: (term) => term,
  // Queries reach MiniSearch as trees of terms already produced by `terms`.
  searchOptions: { tokenize: (term) => [term], processTerm: (term) => term },
};

/** A synonym the learner did not write counts for less than a word they did. */
const SYNONYM_WEIGHT = 0.15;

/** Boosts and matching chosen on the retrieval evaluation (test/fixtures/retrieval). */
const searchDefaults: MiniSearchOptions = {
  boost: { title: 4, aliases: 3, claim: 2, tags: 1.5, body: 1 },
  prefix: (term) => term.length >= 4 && !/\p{Script=Han}/u.test(term),
  fuzzy: (term) => (term.length >= 4 && !/\p{Script=Han}/u.test(term) ? 0.3 : false),
  weights: { fuzzy: 0.3, prefix: 0.5 },
  combineWith: 'OR',
};

function documentOf(item: Item, text: ItemText): ItemDocument {
  return {
    id: `${item.number}:${text.lang}`,
    item: item.number,
    lang: text.lang,
    title: text.title,
    aliases: [...item.aliases, ...(item.loss ? [item.loss] : [])].join(' ; '),
    claim: text.claim,
    tags: item.tags.join(' '),
    body: text.sections.map((section) => section.text).join('\n'),
  };
}

const documentsOf = (kb: KnowledgeBase): ItemDocument[] =>
  kb.items.flatMap((item) => [documentOf(item, item), ...Object.values(item.translations).map((text) => documentOf(item, text))]);

class MiniSearchItemIndex implements ItemSearch {
  constructor(
    private readonly index: MiniSearch<ItemDocument>,
    private readonly kb: KnowledgeBase,
  ) {}

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = options.limit ?? 10;
    const queryTerms = terms(query);
    const byItem = new Map<number, SearchHit>();
    if (queryTerms.length > 0) {
      const { parts, added } = expandSynonyms(queryTerms);
      const tree: QueryPart = { combineWith: 'OR', queries: parts };
      const boostTerm = (term: string): number => (added.has(term) ? SYNONYM_WEIGHT : 1);
      for (const result of this.index.search(tree as Parameters<MiniSearch['search']>[0], { ...searchDefaults, boostTerm })) {
        const item = result['item'] as number;
        const lang = result['lang'] as string;
        const preferred = options.lang !== undefined && lang.startsWith(options.lang.slice(0, 2)) ? 1.2 : 1;
        const score = result.score * preferred;
        const known = byItem.get(item);
        if (!known || known.score < score) byItem.set(item, { item, score, lang, terms: result.terms });
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

function newIndex(kb: KnowledgeBase): MiniSearch<ItemDocument> {
  const index = new MiniSearch<ItemDocument>(indexOptions);
  index.addAll(documentsOf(kb));
  return index;
}

export function buildItemIndex(kb: KnowledgeBase): ItemSearch {
  return new MiniSearchItemIndex(newIndex(kb), kb);
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
      const index = MiniSearch.loadJS<ItemDocument>(cached.index as Parameters<typeof MiniSearch.loadJS>[0], indexOptions);
      return Object.assign(new MiniSearchItemIndex(index, kb), { fromCache: true });
    }
  } catch {
    // No cache yet, or an unreadable one: build afresh below.
  }
  const index = newIndex(kb);
  try {
    mkdirSync(dir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ version: INDEX_VERSION, fingerprint: kb.fingerprint, index: index.toJSON() } satisfies CachedIndex));
    renameSync(temporary, file);
  } catch {
    // A read-only cache folder costs a rebuild next time, nothing more.
  }
  return Object.assign(new MiniSearchItemIndex(index, kb), { fromCache: false });
}
