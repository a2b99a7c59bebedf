/**
 * Index build time, query latency (p50, p99) and heap for the bundled base and for generated bases of
 * 10,000 and 100,000 notes, beside raw MiniSearch (default options) on the same notes in the same run:
 * the same documents and fields, so that only the options (tokenizer, synonyms, typo matching) differ.
 * Goals: build within 1.5x and query p50 within 2x of raw MiniSearch.
 */
import { questions, rawMiniSearch } from '../eval/retrieval';
import { bundledKnowledgeDir } from '../src/cli/io';
import type { Item, KnowledgeBase } from '../src/kb/item';
import { loadKnowledgeBase } from '../src/kb/knowledge-base';
import { buildItemIndex } from '../src/search/item-index';
import { median, ms, percentile, printTable, ratio } from './measure';

const words = `loss gradient weight class sample error mean squared absolute entropy cross binary focal dice margin hinge
  huber delta smooth quantile poisson gaussian variance likelihood softmax logit probability label smoothing regularisation
  decay momentum batch epoch overfitting calibration temperature distillation contrastive triplet ranking segmentation
  detection imbalance outlier robust stable overflow clip scale learning rate optimiser convex surrogate accuracy metric`.split(/\s+/);
const han = ['損失', '函數', '梯度', '權重', '交叉熵', '均方誤差', '訓練', '模型', '類別', '機率'];

/**
 * Notes whose words follow a Zipf distribution over a 5,000-word vocabulary with the loss-function
 * terms mixed in, as real text does: a few words everywhere, most words in few notes. The queries
 * are 300 distinct 2–4-word phrases drawn the same way.
 */
function generatedBase(size: number): { kb: KnowledgeBase; queries: string[] } {
  let state = 7;
  const next = (n: number) => (state = (state * 1103515245 + 12345) & 0x7fffffff) % n;
  const syllables = ['ka', 'lo', 'mi', 'ren', 'sto', 'va', 'qui', 'dor', 'pel', 'tas', 'nu', 'gri'];
  const vocabulary = [...words, ...Array.from({ length: 5000 }, (_, i) => `${syllables[i % 12]}${syllables[Math.floor(i / 12) % 12]}${syllables[Math.floor(i / 144) % 12]}${i % 7}`)];
  const zipf = () => Math.min(vocabulary.length - 1, Math.floor(Math.exp((next(100_000) / 100_000) * Math.log(vocabulary.length))) - 1);
  const sentence = (length: number) => Array.from({ length }, () => vocabulary[zipf()]).join(' ');
  const items: Item[] = Array.from({ length: size }, (_, i) => {
    const chinese = i % 10 === 0;
    const body = chinese ? Array.from({ length: 40 }, () => han[next(han.length)]).join('') : sentence(120);
    return {
      number: i + 1, lang: chinese ? 'zh-Hant' : 'en', title: sentence(4), claim: sentence(14), aliases: [sentence(2)], tags: [words[next(words.length)]!],
      related: [], translations: {}, quiz: [], source: `note-${i}.md`, sections: [{ name: 'definition', heading: 'Definition', text: body }],
    };
  });
  const queries = [...new Set(Array.from({ length: 400 }, () => sentence(2 + next(3))))].slice(0, 300);
  return { kb: { dir: `/generated/${size}`, items, byNumber: new Map(items.map((item) => [item.number, item])), problems: [], fingerprint: String(size) }, queries };
}


function time<T>(work: () => T): { value: T; ms: number } {
  const start = process.hrtime.bigint();
  const value = work();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

/** Heap in MB after a full collection (npm run bench runs node with --expose-gc). */
function heapMb(): number {
  if (!global.gc) throw new Error('run the benchmark with node --expose-gc (npm run bench does)');
  global.gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/**
 * Builds an index `runs` times after `warmup` builds the JIT can learn from, and reports the median
 * build time and the heap that the last index holds.
 */
function built<T>(build: () => T, warmup: number, runs: number): { index: T; ms: number; heapMb: number } {
  for (let i = 0; i < warmup; i++) build();
  const times: number[] = [];
  for (let i = 0; i < runs - 1; i++) times.push(time(build).ms);
  const before = heapMb();
  const last = time(build);
  times.push(last.ms);
  return { index: last.value, ms: median(times), heapMb: heapMb() - before };
}

function latencies(search: (q: string) => unknown, queries: string[], rounds: number): number[] {
  for (const q of queries.slice(0, 50)) search(q);
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) for (const q of queries) times.push(time(() => search(q)).ms);
  return times;
}

export async function run(): Promise<void> {
  const bundled = await loadKnowledgeBase(bundledKnowledgeDir);
  // Each base is made when its turn comes, so a large one does not weigh on the heap of the others.
  const bases: [string, () => { kb: KnowledgeBase; queries: string[] }][] = [
    ['bundled (84 items + 17 zh)', () => ({ kb: bundled, queries: questions().map((q) => q.question) })],
    ['10,000 notes', () => generatedBase(10_000)],
    ['100,000 notes', () => generatedBase(100_000)],
  ];
  const rows: (string | number)[][] = [];
  for (const [name, make] of bases) {
    const { kb, queries } = make();
    const large = kb.items.length > 50_000;
    const [warmup, runs] = kb.items.length < 1000 ? [5, 15] : large ? [0, 2] : [1, 3];
    const rounds = large ? 1 : 5;
    const raw = built(() => rawMiniSearch(kb), warmup, runs);
    const rawTimes = latencies((q) => raw.index.search(q), queries, rounds);
    raw.index.removeAll();
    const ours = built(() => buildItemIndex(kb), warmup, runs);
    const ourTimes = latencies((q) => ours.index.search(q, { limit: 10 }), queries, rounds);
    rows.push([
      name,
      ms(ours.ms), ms(raw.ms), ratio(ours.ms / raw.ms),
      ms(median(ourTimes)), ms(percentile(ourTimes, 99)), ms(median(rawTimes)), ms(percentile(rawTimes, 99)), ratio(median(ourTimes) / median(rawTimes)),
      `${ours.heapMb.toFixed(1)} / ${raw.heapMb.toFixed(1)}`,
    ]);
  }
  process.stdout.write('build: median ms of 15 builds (bundled), 3 (10,000 notes), 2 (100,000), after warm-up builds; queries: ms over distinct queries (the 129 learner questions; 300 generated phrases). Raw MiniSearch indexes the same documents and fields with default options. Goals: build ≤ 1.5x raw, query p50 ≤ 2x\n\n');
  printTable(['base', 'build', 'raw build', 'ratio', 'query p50', 'p99', 'raw p50', 'raw p99', 'p50 ratio', 'heap MB (ours / raw)'], rows);
}
