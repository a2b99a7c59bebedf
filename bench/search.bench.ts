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

interface Built<T> {
  index: T;
  ms: number;
  heapMb: number;
}

/**
 * Builds both indexes `runs` times, in turn and each going first every other round, after `warmup`
 * rounds the JIT can learn from: what one build leaves behind (garbage, a busier moment of the
 * machine) weighs on both alike. Reports each one's median build time and the heap its last index holds.
 */
function builtInTurn<R, O>(raw: () => R, ours: () => O, warmup: number, runs: number): { raw: Built<R>; ours: Built<O> } {
  for (let i = 0; i < warmup; i++) raw(), ours();
  const rawTimes: number[] = [];
  const ourTimes: number[] = [];
  for (let i = 0; i < runs - 1; i++) {
    if (i % 2 === 0) rawTimes.push(time(raw).ms), ourTimes.push(time(ours).ms);
    else ourTimes.push(time(ours).ms), rawTimes.push(time(raw).ms);
  }
  const last = <T>(build: () => T, times: number[]): Built<T> => {
    const before = heapMb();
    const { value, ms } = time(build);
    times.push(ms);
    return { index: value, ms: median(times), heapMb: heapMb() - before };
  };
  return { raw: last(raw, rawTimes), ours: last(ours, ourTimes) };
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
    const [warmup, runs] = kb.items.length < 1000 ? [5, 31] : large ? [0, 2] : [1, 5];
    const rounds = large ? 1 : 5;
    const { raw, ours } = builtInTurn(() => rawMiniSearch(kb), () => buildItemIndex(kb), warmup, runs);
    const rawTimes = latencies((q) => raw.index.search(q), queries, rounds);
    raw.index.removeAll();
    const ourTimes = latencies((q) => ours.index.search(q, { limit: 10 }), queries, rounds);
    rows.push([
      name,
      ms(ours.ms), ms(raw.ms), ratio(ours.ms / raw.ms),
      ms(median(ourTimes)), ms(percentile(ourTimes, 99)), ms(median(rawTimes)), ms(percentile(rawTimes, 99)), ratio(median(ourTimes) / median(rawTimes)),
      `${ours.heapMb.toFixed(1)} / ${raw.heapMb.toFixed(1)}`,
    ]);
  }
  process.stdout.write('build: median ms of 31 builds (bundled), 5 (10,000 notes), 2 (100,000), raw and ours built in turn after warm-up builds; queries: ms over distinct queries (the 129 learner questions; 300 generated phrases). Raw MiniSearch indexes the same documents and fields with default options. Goals: build ≤ 1.5x raw, query p50 ≤ 2x\n\n');
  printTable(['base', 'build', 'raw build', 'ratio', 'query p50', 'p99', 'raw p50', 'raw p99', 'p50 ratio', 'heap MB (ours / raw)'], rows);
}
