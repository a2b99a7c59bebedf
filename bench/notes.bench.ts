/**
 * Loading and indexing a learner's vault: 10,000 generated Obsidian-style Markdown notes (front
 * matter, headings, wikilinks, tags, a list, a code block, LaTeX) read by the format registry and
 * indexed by our search, beside raw MiniSearch with default options over the same files' text read
 * from the same disk, in the same run, taking turns. Then a generated 500-page slide PDF, loaded and
 * indexed, beside pdf.js extracting its text and raw MiniSearch indexing it a page a document.
 * Goal: within 2x of raw MiniSearch, with the heap each leaves held.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { loadKnowledgeBase } from '../src/kb/knowledge-base';
import { extractPdfText } from '../src/kb/pdf-text';
import { buildItemIndex } from '../src/search/item-index';
import { SLIDES, writePdf, type Block } from '../test/kb/pdf-writer';
import { median, ms, printTable, ratio } from './measure';

const NOTES = 10_000;
const PDF_PAGES = 500;
const RUNS = 3;
const words = 'loss gradient margin softmax entropy label smoothing focal hinge huber outlier batch weight logit probability target prediction error mean squared absolute class sample training validation overfit regularise delta epsilon gamma'.split(' ');

/** Words drawn from a fixed seed, so every run indexes the same text. */
function wordSource(): { pick: () => string; sentence: (n: number) => string } {
  let state = 7;
  const pick = () => words[(state = (state * 1103515245 + 12345) >>> 0) % words.length]!;
  return { pick, sentence: (n: number) => `${Array.from({ length: n }, pick).join(' ')}.` };
}

function vault(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vault-'));
  const { pick, sentence } = wordSource();
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

/** A lecture deck of PDF_PAGES slides: a title, a sentence and three bullets each, footer and page numbers. */
async function slidePdf(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-'));
  const { pick, sentence } = wordSource();
  const pages: Block[][] = Array.from({ length: PDF_PAGES }, (_, i) => [
    { title: `${pick()} ${pick()} ${i + 1}` },
    { text: sentence(16) },
    { bullet: sentence(9) },
    { bullet: sentence(11) },
    { bullet: sentence(7) },
  ]);
  writeFileSync(join(dir, 'lecture.pdf'), await writePdf({ ...SLIDES, footer: 'ML 301 - generated lecture' }, pages));
  return dir;
}

async function rawMiniSearchOverPdf(dir: string): Promise<MiniSearch> {
  const extracted = await extractPdfText(await readFile(join(dir, 'lecture.pdf')));
  if (!extracted.ok) throw new Error(extracted.reason);
  const index = new MiniSearch({ fields: ['text'] });
  index.addAll(extracted.pages.map((page) => ({ id: page.number, text: page.lines.map((line) => line.text).join('\n') })));
  return index;
}

type Timing = { ms: number; cpuMs: number; heapMb: number };

/** Wall time, CPU time of every thread of the process (steadier on a shared machine) and heap held. */
async function timed<T>(work: () => Promise<T>): Promise<Timing> {
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const held = await work();
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  global.gc?.();
  const heapMb = (process.memoryUsage().heapUsed - before) / 2 ** 20;
  void held;
  return { ms: elapsed, cpuMs: (used.user + used.system) / 1000, heapMb };
}

/** Ours and raw, taking turns, RUNS times after one warm-up round (JIT and disk cache for both). */
async function compare(ours: () => Promise<unknown>, raw: () => Promise<unknown>): Promise<{ ours: Timing[]; raw: Timing[] }> {
  const runs = { ours: [] as Timing[], raw: [] as Timing[] };
  for (let i = 0; i < RUNS + 1; i++) {
    const o = await timed(ours);
    const r = await timed(raw);
    if (i > 0) {
      runs.ours.push(o);
      runs.raw.push(r);
    }
  }
  return runs;
}

const spread = (timings: Timing[]): string => {
  const values = timings.map((t) => t.ms);
  return `${ms(Math.min(...values))} / ${ms(median(values))} / ${ms(Math.max(...values))}`;
};

function report(what: string, ourName: string, rawName: string, runs: { ours: Timing[]; raw: Timing[] }): void {
  const middle = (timings: Timing[], of: (t: Timing) => number) => median(timings.map(of));
  const row = (name: string, timings: Timing[]) => [
    name,
    spread(timings),
    ratio(middle(timings, (t) => t.ms) / middle(runs.raw, (t) => t.ms)),
    ms(middle(timings, (t) => t.cpuMs)),
    ratio(middle(timings, (t) => t.cpuMs) / middle(runs.raw, (t) => t.cpuMs)),
    middle(timings, (t) => t.heapMb).toFixed(1),
  ];
  printTable([what, 'min / median / max ms', 'vs raw', 'median CPU ms', 'CPU vs raw', 'heap held MB'], [row(ourName, runs.ours), row(rawName, runs.raw)]);
  process.stdout.write('\n');
}

export async function run(): Promise<void> {
  const dir = vault();
  const pdfDir = await slidePdf();
  try {
    report('10,000-note vault', 'registry + our index', 'raw MiniSearch over the files', await compare(async () => buildItemIndex(await loadKnowledgeBase(dir)), () => rawMiniSearch(dir)));
    report(
      `${PDF_PAGES}-page slide PDF`,
      'pdf.js + pdf format + our index',
      'pdf.js + raw MiniSearch per page',
      await compare(async () => buildItemIndex(await loadKnowledgeBase(pdfDir)), () => rawMiniSearchOverPdf(pdfDir)),
    );
    process.stdout.write(`goal: within 2x of raw MiniSearch (${RUNS} runs after one warm-up, taking turns; noisy on a shared machine)\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(pdfDir, { recursive: true, force: true });
  }
}
