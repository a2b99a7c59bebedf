/**
 * Index build time, query latency (p50, p99) and heap for the bundled base and for generated bases of
 * 10,000 and 100,000 notes, beside raw MiniSearch (default options) on the same notes in the same run.
 * Goals: build within 1.5x and query p50 within 2x of raw MiniSearch.
 */
import MiniSearch from 'minisearch';
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
 * terms mixed in, as real text does: a few words everywhere, most words in few notes.
 */
function generatedBase(size: number): KnowledgeBase {
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
  return { dir: `/generated/${size}`, items, byNumber: new Map(items.map((item) => [item.number, item])), problems: [], fingerprint: String(size) };
}

const queries = ['focal loss gamma', 'weighted cross entropy for imbalanced classes', 'huber delta outliers', 'label smoothing calibration', 'gradient clipping overflow', '交叉熵 損失', 'how does momentum change learning rate', 'hubber los', 'triplet margin ranking', 'softmax temperature distillation'];

function time<T>(work: () => T): { value: T; ms: number } {
  const start = process.hrtime.bigint();
  const value = work();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

function heapMb(): number {
  global.gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function measure(kb: KnowledgeBase, rounds: number) {
  const rawBuild = time(() => {
    const index = new MiniSearch<{ id: number; title: string; claim: string; body: string }>({ fields: ['title', 'claim', 'body'] });
    index.addAll(kb.items.map((item) => ({ id: item.number, title: item.title, claim: item.claim, body: item.sections.map((s) => s.text).join('\n') })));
    return index;
  });
  const ourBuild = time(() => buildItemIndex(kb));
  const latencies = (search: (q: string) => unknown) => {
    const times: number[] = [];
    for (let r = 0; r < rounds; r++) for (const q of queries) times.push(time(() => search(q)).ms);
    return times;
  };
  const raw = latencies((q) => rawBuild.value.search(q));
  const ours = latencies((q) => ourBuild.value.search(q, { limit: 10 }));
  return { rawBuild: rawBuild.ms, ourBuild: ourBuild.ms, raw, ours };
}

export async function run(): Promise<void> {
  const bases: [string, KnowledgeBase][] = [['bundled (84 items + 17 zh)', await loadKnowledgeBase(bundledKnowledgeDir)], ['10,000 notes', generatedBase(10_000)], ['100,000 notes', generatedBase(100_000)]];
  const rows: (string | number)[][] = [];
  for (const [name, kb] of bases) {
    const heapBefore = heapMb();
    const m = measure(kb, kb.items.length > 50_000 ? 5 : 30);
    const heapAfter = heapMb();
    rows.push([
      name,
      ms(m.ourBuild), ms(m.rawBuild), ratio(m.ourBuild / m.rawBuild),
      ms(median(m.ours)), ms(percentile(m.ours, 99)), ms(median(m.raw)), ms(percentile(m.raw, 99)), ratio(median(m.ours) / median(m.raw)),
      (heapAfter - heapBefore).toFixed(0),
    ]);
  }
  process.stdout.write('build and query times in ms; goals: build ≤ 1.5x raw MiniSearch, query p50 ≤ 2x\n\n');
  printTable(['base', 'build', 'raw build', 'ratio', 'query p50', 'p99', 'raw p50', 'raw p99', 'p50 ratio', 'heap +MB'], rows);
}
