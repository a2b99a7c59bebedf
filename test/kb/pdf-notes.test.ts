import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Item, KnowledgeBase } from '../../src/kb/item';
import { loadKnowledgeBase } from '../../src/kb/knowledge-base';
import { runCli } from '../support/cli';
import { LEFTOVER_MARKUP } from './format-contract';

const folder = join(__dirname, '../fixtures/notes/pdf');
const deck = 'Week 5 - Robust regression losses.pdf';
const handout = 'quantile-loss-handout.pdf';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKnowledgeBase(folder);
});

const of = (file: string): Item[] => kb.items.filter((item) => item.source.startsWith(`${file}#`));
const titled = (title: string): Item => {
  const item = kb.items.find((i) => i.title === title);
  if (!item) throw new Error(`no item titled ${title}; titles: ${kb.items.map((i) => i.title).join(' | ')}`);
  return item;
};
const allText = (item: Item) => item.passages.map((p) => p.text).join('\n');

describe('PDF lecture slides', () => {
  it('are one item per slide with text, titled by the slide title, the page in the source', () => {
    expect(of(deck).map((item) => [item.title, item.source])).toEqual([
      ['Why squared error is fragile', `${deck}#page=2`],
      ['Huber loss', `${deck}#page=3`],
      ['Mean absolute error', `${deck}#page=5`],
      ['Log-cosh loss', `${deck}#page=6`],
      ['Comparing the three', `${deck}#page=7`],
    ]);
  });

  it('join a "(cont.)" slide to the slide it continues, each passage keeping its own page', () => {
    const huber = titled('Huber loss');
    expect(huber.passages.filter((p) => p.page === 3).map((p) => p.text)).toContain('- The gradient is capped at delta, which is what makes it robust.');
    expect(huber.passages.filter((p) => p.page === 4).map((p) => p.text)).toContain('- With standardised targets, delta = 1.0 is the usual starting point.');
    expect(kb.items.some((item) => /cont/i.test(item.title))).toBe(false);
  });

  it('keep bullets and numbered points as list entries, claims without their markers', () => {
    const compare = titled('Comparing the three');
    expect(compare.passages.map((p) => p.kind)).toEqual(['list-entry', 'list-entry', 'list-entry']);
    expect(compare.passages[1]!.text).toBe('2. A few gross outliers: Huber, with delta set from the noise level.');
    expect(compare.claim).toBe('Clean data with Gaussian noise: MSE is still the efficient choice.');
    // A bullet that wraps onto a second line on the slide is one entry.
    expect(titled('Log-cosh loss').passages.map((p) => p.text)).toContain('- For very large residuals cosh overflows in float32; compute it as |r| + log(1 + exp(-2|r|)) - log 2.');
  });

  it('drop the running footer and the page numbers, and make no item of the cover or the closing slide', () => {
    for (const item of kb.items) expect(allText(item)).not.toMatch(/ML 301 - Week 5|\d+ \/ \d+|Office hours|R\. Okafor/);
    expect(kb.items.some((item) => item.title === 'Questions?' || item.title.startsWith('Week 5'))).toBe(false);
  });
});

describe('a PDF handout', () => {
  it('is one item per top-level heading, numbered by the heading, its introduction an item of its own', () => {
    expect(of(handout).map((item) => [item.number, item.title])).toEqual([
      [1, 'The pinball loss'],
      [2, 'Prediction intervals'],
      [3, 'Relation to other losses'],
      [expect.any(Number), 'Handout: quantile loss and prediction intervals'],
    ]);
  });

  it('keeps sub-headings as sections and says on which page each passage is', () => {
    const pinball = titled('The pinball loss');
    expect(pinball.passages.map((p) => p.section)).toEqual(['Definition', '1.1 Why it gives a quantile', '1.2 A worked case']);
    // "… so the loss is 0.9 *" wraps onto a line that starts "2. Had …": one paragraph, not a list.
    expect(pinball.passages[2]).toMatchObject({ kind: 'paragraph', page: 1 });
    expect(pinball.passages[2]!.text).toContain('so the loss is 0.9 * 2. Had the prediction been 12');
    const relation = titled('Relation to other losses');
    expect(relation.passages.map((p) => p.page)).toEqual([1, 2]);
    expect(relation.passages[1]!.text).toMatch(/^Expectile regression uses squared residuals/);
  });

  it('makes titles and claims of human text', () => {
    for (const item of kb.items) {
      expect(item.title).not.toMatch(LEFTOVER_MARKUP);
      expect(item.claim).not.toMatch(/^(?:- |\d+\.)/);
      expect(item.claim.trim()).not.toBe('');
    }
  });
});

describe('check on a folder of PDFs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-check-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the pdf format and its items, and only warns about a damaged or a scanned PDF', async () => {
    copyFileSync(join(folder, deck), join(dir, deck));
    writeFileSync(join(dir, 'damaged.pdf'), readFileSync(join(folder, handout)).subarray(0, 200));
    const scan = await PDFDocument.create();
    scan.addPage([595, 842]).drawRectangle({ x: 50, y: 50, width: 400, height: 600, color: rgb(0.8, 0.8, 0.8) });
    writeFileSync(join(dir, 'scanned-notes.pdf'), await scan.save());
    const { code, stdout } = await runCli(['check', '--kb', dir, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { files: { source: string; format: string; items: number[] }[]; problems: { code: string; severity: string; source: string }[] };
    expect(report.files.find((f) => f.source === deck)).toMatchObject({ format: 'pdf', items: [1, 2, 3, 4, 5] });
    expect(report.problems.filter((p) => p.source === 'damaged.pdf').map((p) => [p.code, p.severity])).toEqual([['unreadable', 'warning']]);
    expect(report.problems.filter((p) => p.source === 'scanned-notes.pdf').map((p) => [p.code, p.severity])).toEqual([['empty_note', 'warning']]);
  });
});
