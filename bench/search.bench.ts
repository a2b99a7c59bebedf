/**
 * Index build time, query latency (p50, p99) and heap for the bundled base and for generated bases of
 * 10,000 and 100,000 notes, beside raw MiniSearch (default options) on the same notes in the same run.
 * Goals: build within 1.5x and query p50 within 2x of raw MiniSearch.
 */
import MiniSearch from 'minisearch';
import { questions } from '../eval/retrieval';
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

/** Builds an index, timing the build and measuring the heap it holds once built. */
function built<T>(build: () => T): { index: T; ms: number; heapMb: number } {
  const before = heapMb();
  const { value, ms } = time(build);
  return { index: value, ms, heapMb: heapMb() - before };
}

function latencies(search: (q: string) => unknown, queries: string[], rounds: number): number[] {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) for (const q of queries) times.push(time(() => search(q)).ms);
  return times;
}

function rawIndex(kb: KnowledgeBase) {
  const index = new MiniSearch<{ id: number; title: string; claim: string; body: string }>({ fields: ['title', 'claim', 'body'] });
  index.addAll(kb.items.map((item) => ({ id: item.number, title: item.title, claim: item.claim, body: item.sections.map((s) => s.text).join('\n') })));
  return index;
}

export async function run(): Promise<void> {
  const bundled = await loadKnowledgeBase(bundledKnowledgeDir);
  const bases: [string, KnowledgeBase, string[]][] = [
    ['bundled (84 items + 17 zh)', bundled, questions().map((q) => q.question)],
    ['10,000 notes', ...(Object.values(generatedBase(10_000)) as [KnowledgeBase, string[]])],
    ['100,000 notes', ...(Object.values(generatedBase(100_000)) as [KnowledgeBase, string[]])],
  ];
  const rows: (string | number)[][] = [];
  for (const [name, kb, queries] of bases) {
    const rounds = kb.items.length > 50_000 ? 1 : 5;
    const raw = built(() => rawIndex(kb));
    const rawTimes = latencies((q) => raw.index.search(q), queries, rounds);
    raw.index.removeAll();
    const ours = built(() => buildItemIndex(kb));
    const ourTimes = latencies((q) => ours.index.search(q, { limit: 10 }), queries, rounds);
    rows.push([
      name,
      ms(ours.ms), ms(raw.ms), ratio(ours.ms / raw.ms),
      ms(median(ourTimes)), ms(percentile(ourTimes, 99)), ms(median(rawTimes)), ms(percentile(rawTimes, 99)), ratio(median(ourTimes) / median(rawTimes)),
      `${ours.heapMb.toFixed(1)} / ${raw.heapMb.toFixed(1)}`,
    ]);
  }
  process.stdout.write('build and query times in ms over distinct queries (the 129 learner questions; 300 generated phrases); goals: build ≤ 1.5x raw MiniSearch, query p50 ≤ 2x\n\n');
  printTable(['base', 'build', 'raw build', 'ratio', 'query p50', 'p99', 'raw p50', 'raw p99', 'p50 ratio', 'heap MB (ours / raw)'], rows);
}
