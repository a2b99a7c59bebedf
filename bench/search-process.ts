/**
 * One library's share of the search benchmark, in a process of its own:
 * `search-process.ts <base> raw|ours` builds the base's index after warm-up builds, asks it the
 * base's queries, and prints the timings as one JSON line for search.bench.ts.
 */
import { rawMiniSearch } from '../eval/retrieval';
import type { KnowledgeBase } from '../src/kb/item';
import { buildItemIndex } from '../src/search/item-index';
import { timeMs } from './measure';
import { searchBases } from './search-bases';

export interface ProcessTimings {
  buildMs: number[];
  heapMb: number;
  queryMs: number[];
}

/** Heap in MB after a full collection (npm run bench runs node with --expose-gc). */
function heapMb(): number {
  if (!global.gc) throw new Error('run the benchmark with node --expose-gc (npm run bench does)');
  global.gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

type Search = (query: string) => unknown;

export type Library = 'raw' | 'ours';

/** Each library builds its index and gives back a search over it. */
const libraries: Record<Library, (kb: KnowledgeBase) => Search> = {
  raw: (kb) => {
    const index = rawMiniSearch(kb);
    return (query) => index.search(query);
  },
  ours: (kb) => {
    const index = buildItemIndex(kb);
    return (query) => index.search(query, { limit: 10 });
  },
};

async function measure(baseName: string, libraryName: string): Promise<ProcessTimings> {
  const base = searchBases.find((b) => b.name === baseName);
  const library = Object.hasOwn(libraries, libraryName) ? libraries[libraryName as Library] : undefined;
  if (!base || !library) throw new Error(`usage: search-process.ts <${searchBases.map((b) => b.name).join(' | ')}> <${Object.keys(libraries).join(' | ')}>`);
  const { kb, queries } = await base.make();
  for (let i = 0; i < base.warmup; i++) library(kb);
  const buildMs = Array.from({ length: base.builds - 1 }, () => timeMs(() => library(kb)));
  const before = heapMb();
  let search: Search = () => undefined;
  buildMs.push(timeMs(() => (search = library(kb))));
  const held = heapMb() - before;
  for (const query of queries.slice(0, 50)) search(query);
  const queryMs: number[] = [];
  for (let round = 0; round < base.queryRounds; round++) for (const query of queries) queryMs.push(timeMs(() => search(query)));
  return { buildMs, heapMb: held, queryMs };
}

measure(process.argv[2] ?? '', process.argv[3] ?? '').then(
  (timings) => process.stdout.write(`${JSON.stringify(timings)}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
