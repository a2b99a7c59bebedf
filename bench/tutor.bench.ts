/**
 * The embedded tutor on its own (no server, no store): turns per second over a mix of questions
 * (explanations, multi-part, computations, clarifications, Chinese), with p50 and p99 per turn.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openTutor } from '../src/runtime/open-tutor';
import { emptySessionState } from '../src/tutor/session-state';

const questions = [
  'I am least confident about item #35. 1. Can you explain weighted loss functions? 2. How do the weights impact training?',
  'What is MSE? How does it compare with MAE?',
  'What is the MSE if the actual prices are 200000, 250000 and 300000 and the predicted are 210000, 240000 and 310000?',
  'huber loss with delta 1 for targets [2.703, -2.135, 2.692] and predictions [1.966, -0.545, 0.298]',
  'focal loss with gamma 2 for targets [1, 0, 1, 1] and logits [0.5, -1, 2, -0.3]',
  'compute the mse',
  '什麼是交叉熵？它什麼時候適用？',
  'Which loss should I use for imbalanced data?',
  'show me a worked example of item 35',
  'Explain item 99',
];

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export async function run(): Promise<void> {
  const { tutor, kb } = await openTutor({ kbDir: join(__dirname, '..', 'knowledge') });
  for (const text of questions) await tutor.answer({ text, state: emptySessionState(), history: () => [] });
  const rounds = 50;
  const times: number[] = [];
  const started = performance.now();
  for (let round = 0; round < rounds; round += 1) {
    for (const text of questions) {
      const t0 = performance.now();
      await tutor.answer({ text, state: emptySessionState(), history: () => [] });
      times.push(performance.now() - t0);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  process.stdout.write(
    [
      `knowledge base: ${kb.items.length} items; ${times.length} turns over ${questions.length} questions`,
      '',
      '| measure | value | goal |',
      '|---|---|---|',
      `| turns per second | ${(times.length / seconds).toFixed(0)} | ≥ 200 |`,
      `| p50 per turn | ${percentile(times, 50).toFixed(2)} ms | |`,
      `| p99 per turn | ${percentile(times, 99).toFixed(2)} ms | ≤ 50 ms |`,
      '',
    ].join('\n'),
  );
}
