import { loadKnowledgeBase } from '../src/kb/knowledge-base';
import { printTable } from '../bench/measure';
import { bundledKnowledgeDir } from '../src/cli/io';
import { ourRanking, questions, rawMiniSearchRanking, score } from './retrieval';

export async function run(): Promise<void> {
  const kb = await loadKnowledgeBase(bundledKnowledgeDir);
  const set = questions();
  const kinds = [...new Set(set.map((q) => q.kind))];
  const ours = ourRanking(kb);
  const raw = rawMiniSearchRanking(kb);
  const format = (value: number) => value.toFixed(3);
  const rows = [['all', set.length] as const, ...kinds.map((kind) => [kind, set.filter((q) => q.kind === kind).length] as const)].map(([kind, count]) => {
    const subset = kind === 'all' ? set : set.filter((q) => q.kind === kind);
    const a = score(ours, subset);
    const b = score(raw, subset);
    return [kind, count, format(a.recallAt1), format(a.recallAt3), format(a.mrr), format(b.recallAt1), format(b.recallAt3), format(b.mrr)];
  });
  process.stdout.write(`${set.length} learner questions over the bundled base (${kb.items.length} items); goals: recall@1 ≥ 0.90, recall@3 ≥ 0.97\n\n`);
  printTable(['questions', 'n', 'recall@1', 'recall@3', 'MRR', 'raw r@1', 'raw r@3', 'raw MRR'], rows);
  const misses = score(ours, set).misses;
  if (misses.length > 0) {
    process.stdout.write(`\nnot first (${misses.length}):\n`);
    for (const miss of misses) process.stdout.write(`  "${miss.question}": expected ${miss.expected.join('/')}, got ${miss.got.join(', ')}\n`);
  }
}
