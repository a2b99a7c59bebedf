/**
 * The knowledge bases the search benchmark indexes: the bundled one, and generated ones of 10,000
 * and 100,000 notes, each with the queries asked of it and how many builds and query rounds it takes.
 */
import { questions } from '../eval/retrieval';
import { bundledKnowledgeDir } from '../src/cli/io';
import { cutPassages } from '../src/kb/passages';
import type { Item, KnowledgeBase } from '../src/kb/item';
import { loadKnowledgeBase } from '../src/kb/knowledge-base';

export interface SearchBase {
  name: string;
  make: () => Promise<{ kb: KnowledgeBase; queries: string[] }>;
  /** Fresh processes per library: a process's JIT decides how fast MiniSearch runs in it for good. */
  processes: number;
  warmup: number;
  builds: number;
  queryRounds: number;
}

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
    const sections = [{ name: 'definition', heading: 'Definition', text: body }];
    return {
      number: i + 1, lang: chinese ? 'zh-Hant' : 'en', title: sentence(4), claim: sentence(14), aliases: [sentence(2)], tags: [words[next(words.length)]!],
      related: [], translations: {}, quiz: [], source: `note-${i}.md`, sections, passages: cutPassages(i + 1, sections),
    };
  });
  const queries = [...new Set(Array.from({ length: 400 }, () => sentence(2 + next(3))))].slice(0, 300);
  return { kb: { dir: `/generated/${size}`, items, byNumber: new Map(items.map((item) => [item.number, item])), problems: [], fingerprint: String(size) }, queries };
}

export const searchBases: SearchBase[] = [
  {
    name: 'bundled (84 items + 17 zh)',
    make: async () => ({ kb: await loadKnowledgeBase(bundledKnowledgeDir), queries: questions().map((q) => q.question) }),
    processes: 8, warmup: 5, builds: 31, queryRounds: 5,
  },
  { name: '10,000 notes', make: async () => generatedBase(10_000), processes: 2, warmup: 1, builds: 5, queryRounds: 3 },
  { name: '100,000 notes', make: async () => generatedBase(100_000), processes: 1, warmup: 0, builds: 2, queryRounds: 1 },
];
