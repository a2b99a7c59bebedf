import { loadKnowledgeBase } from '../src/kb/knowledge-base';
import { printTable } from '../bench/measure';
import { bundledKnowledgeDir } from '../src/cli/io';
import { ourRanking, questions, rawMiniSearchRanking, score, type Question, type QuestionSet } from './retrieval';

export async function run(): Promise<void> {
  const kb = await loadKnowledgeBase(bundledKnowledgeDir);
  const ours = ourRanking(kb);
  const raw = rawMiniSearchRanking(kb);
  const sets: [QuestionSet, string][] = [
    ['questions', 'learner questions (the set the search options were chosen on); goals: recall@1 ≥ 0.90, recall@3 ≥ 0.97'],
    ['held-out', 'held-out learner questions (written afterwards, never used to choose anything)'],
  ];
  for (const [name, about] of sets) {
    const set = questions(name);
    process.stdout.write(`\n${set.length} ${about}\n\n`);
    printTable(['questions', 'n', 'recall@1', 'recall@3', 'MRR', 'raw r@1', 'raw r@3', 'raw MRR'], rows(set, ours, raw));
    const misses = score(ours, set).misses;
    // A held-out question read is a question tuned on: only the tuning set's misses are shown.
    if (misses.length > 0 && name !== 'held-out') process.stdout.write(`\nnot first (${misses.length}):\n${misses.map((m) => `  "${m.question}": expected ${m.expected.join('/')}, got ${m.got.join(', ')}\n`).join('')}`);
    else if (misses.length > 0) process.stdout.write(`\nnot first: ${misses.length} (texts not shown)\n`);
  }
}

type Ranking = (query: string) => number[];

/** One row for the whole set and one per kind of question, ours beside raw MiniSearch. */
function rows(set: Question[], ours: Ranking, raw: Ranking): (string | number)[][] {
  const format = (value: number) => value.toFixed(3);
  const kinds = [...new Set(set.map((q) => q.kind))];
  return [['all', set] as const, ...kinds.map((kind) => [kind, set.filter((q) => q.kind === kind)] as const)].map(([kind, subset]) => {
    const a = score(ours, subset);
    const b = score(raw, subset);
    return [kind, subset.length, format(a.recallAt1), format(a.recallAt3), format(a.mrr), format(b.recallAt1), format(b.recallAt3), format(b.mrr)];
  });
}
