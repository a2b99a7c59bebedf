/**
 * Loading and indexing a learner's vault: 10,000 generated Obsidian-style Markdown notes (front
 * matter, headings, wikilinks, tags, a list, a code block, LaTeX) read by the format registry and
 * indexed by our search, beside raw MiniSearch with default options over the same files' text read
 * from the same disk, in the same run, taking turns. Goal: within 2x of raw MiniSearch, with the
 * heap each leaves held. (A 500-page PDF is not measured: PDF is not read yet.)
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { loadKnowledgeBase } from '../src/kb/knowledge-base';
import { buildItemIndex } from '../src/search/item-index';
import { median, ms, printTable, ratio } from './measure';

const NOTES = 10_000;
const RUNS = 3;
const words = 'loss gradient margin softmax entropy label smoothing focal hinge huber outlier batch weight logit probability target prediction error mean squared absolute class sample training validation overfit regularise delta epsilon gamma'.split(' ');

function vault(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vault-'));
  let state = 7;
  const pick = () => words[(state = (state * 1103515245 + 12345) >>> 0) % words.length]!;
  const sentence = (n: number) => `${Array.from({ length: n }, pick).join(' ')}.`;
  for (let i = 1; i <= NOTES; i++) {
    const folder = join(dir, `topic-${i % 20}`);
    mkdirSync(folder, { recursive: true });
    const text = [
      '---',
      `aliases: [${pick()} ${i}]`,
      `tags: [${pick()}, ${pick()}]`,
      '---',
      `# Note ${i} on ${pick()} ${pick()}`,
      '',
      `${sentence(14)} See [[Note ${(i % NOTES) + 1} on x|the next note]] and #${pick()}.`,
      '',
      '## How it works',
      `- ${sentence(8)}`,
      `- ${sentence(9)}`,
      '',
      `$$L = \\sum_i ${pick()}_i$$`,
      '',
      '```python',
      `loss = ${pick()}([[1.0, 2.0]])`,
      '```',
      '',
      '## Pitfalls',
      sentence(20),
    ].join('\n');
    writeFileSync(join(folder, `note ${i}.md`), text);
  }
  return dir;
}

async function rawMiniSearch(dir: string): Promise<MiniSearch> {
  const index = new MiniSearch({ fields: ['text'] });
  const folders = await readdir(dir);
  let id = 0;
  for (const folder of folders) {
    const files = await readdir(join(dir, folder));
    const texts = await Promise.all(files.map((file) => readFile(join(dir, folder, file), 'utf8')));
    index.addAll(texts.map((text) => ({ id: id++, text })));
  }
  return index;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; heapMb: number }> {
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const start = process.hrtime.bigint();
  const held = await work();
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  global.gc?.();
  const heapMb = (process.memoryUsage().heapUsed - before) / 2 ** 20;
  void held;
  return { ms: elapsed, heapMb };
}

export async function run(): Promise<void> {
  const dir = vault();
  try {
    const ours: { ms: number; heapMb: number }[] = [];
    const raw: { ms: number; heapMb: number }[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      const o = await timed(async () => buildItemIndex(await loadKnowledgeBase(dir)));
      const r = await timed(() => rawMiniSearch(dir));
      // The first round warms the JIT and the disk cache for both.
      if (i > 0) {
        ours.push(o);
        raw.push(r);
      }
    }
    const oursMs = median(ours.map((o) => o.ms));
    const rawMs = median(raw.map((r) => r.ms));
    printTable(
      ['10,000-note vault', 'median ms', 'heap held MB', 'vs raw'],
      [
        ['registry + our index', ms(oursMs), median(ours.map((o) => o.heapMb)).toFixed(1), ratio(oursMs / rawMs)],
        ['raw MiniSearch over the files', ms(rawMs), median(raw.map((r) => r.heapMb)).toFixed(1), ratio(1)],
      ],
    );
    process.stdout.write(`goal: within 2x of raw MiniSearch (${RUNS} runs after one warm-up, taking turns; noisy on a shared machine)\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
