/**
 * The embedded tutor on its own (no server, no store): turns per second over a mix of questions
 * (explanations, multi-part, computations, clarifications, Chinese), with p50 and p99 per turn,
 * beside the tutor before the staged pipeline in the same run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/** The tutor before the staged pipeline, the baseline every later tutor is measured beside. */
const baselineRef = process.env['TUTOR_BENCH_BASELINE'] ?? '5e283cb';

/**
 * The baseline's source, taken from git into a folder of its own (with this checkout's packages),
 * so both tutors run in one process, in alternating rounds, on the same machine load.
 */
function baselineSource(): string | undefined {
  const root = join(__dirname, '..');
  try {
    const dir = mkdtempSync(join(tmpdir(), 'loss-tutor-baseline-'));
    execFileSync('sh', ['-c', `git -C "${root}" archive "${baselineRef}" src | tar -x -C "${dir}"`]);
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    return dir;
  } catch {
    return undefined;
  }
}

type Engine = { answer: (turn: { text: string; state: never; history: () => [] }) => Promise<unknown> };

/** Where the baseline opens its tutor: the wiring moved from src/tutor to src/runtime. */
const wiringIn = (dir: string): string => (existsSync(join(dir, 'src/runtime/open-tutor.ts')) ? 'src/runtime/open-tutor' : 'src/tutor/open-tutor');

async function openAt(dir: string, kbDir: string): Promise<Engine> {
  const { openTutor: open } = require(join(dir, wiringIn(dir))) as { openTutor: (options: { kbDir: string }) => Promise<{ tutor: Engine }> };
  return (await open({ kbDir })).tutor;
}

function summary(name: string, times: number[], seconds: number): string {
  const sorted = [...times].sort((a, b) => a - b);
  return `| ${name} | ${(times.length / seconds).toFixed(0)} | ${percentile(sorted, 50).toFixed(2)} ms | ${percentile(sorted, 99).toFixed(2)} ms |`;
}

export async function run(): Promise<void> {
  const kbDir = join(__dirname, '..', 'knowledge');
  const { tutor, kb } = await openTutor({ kbDir });
  const baselineDir = baselineSource();
  const engines: [string, Engine][] = [[`staged pipeline (this checkout)`, tutor as unknown as Engine]];
  if (baselineDir) engines.push([`before (${baselineRef})`, await openAt(baselineDir, kbDir)]);
  const state = () => emptySessionState() as never;
  for (const [, engine] of engines) for (let i = 0; i < 5; i += 1) for (const text of questions) await engine.answer({ text, state: state(), history: () => [] });
  const rounds = 50;
  const times = engines.map(() => [] as number[]);
  const spent = engines.map(() => 0);
  for (let round = 0; round < rounds; round += 1) {
    for (const [index, [, engine]] of engines.entries()) {
      const roundStart = performance.now();
      for (const text of questions) {
        const t0 = performance.now();
        await engine.answer({ text, state: state(), history: () => [] });
        times[index]!.push(performance.now() - t0);
      }
      spent[index]! += performance.now() - roundStart;
    }
  }
  if (baselineDir) rmSync(baselineDir, { recursive: true, force: true });
  const rows = engines.map(([name], index) => summary(name, times[index]!, spent[index]! / 1000));
  const ratioLine = engines.length === 2 ? [`p50 ratio, after / before: ${(percentile([...times[0]!].sort((a, b) => a - b), 50) / percentile([...times[1]!].sort((a, b) => a - b), 50)).toFixed(2)}x (goal ≤ 2x)`, ''] : [`(the baseline ${baselineRef} could not be taken from git)`, ''];
  process.stdout.write(
    [
      `knowledge base: ${kb.items.length} items; ${rounds} rounds of ${questions.length} questions per tutor, the tutors taking turns`,
      '',
      '| tutor | turns per second | p50 per turn | p99 per turn |',
      '|---|---|---|---|',
      ...rows,
      '',
      ...ratioLine,
    ].join('\n'),
  );
}
