import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Item, KnowledgeBase, Passage } from '../../src/kb/item';
import { loadKnowledgeBase } from '../../src/kb/knowledge-base';

/** A long article pasted whole into one note (test/fixtures/notes/long/.README.md). */
const dir = join(__dirname, '../fixtures/notes/long');

let kb: KnowledgeBase;
let guide: Item;
beforeAll(async () => {
  kb = await loadKnowledgeBase(dir);
  guide = kb.items[0]!;
});

const holding = (phrase: string): Passage[] => guide.passages.filter((p) => p.text.includes(phrase));

describe('a long web-pasted note', () => {
  it('is one item titled by its heading', () => {
    expect(kb.items).toHaveLength(1);
    expect(guide.title).toBe('Loss Functions in Machine Learning: A Complete Guide');
  });

  it('is cut into one passage per paragraph, list entry, table and code block', () => {
    // byline, 2 intro paragraphs, the contents line and its 5 entries, 13 paragraphs of the headings-less
    // stretch, 3 under "Choosing a loss", 2 under "Loss functions in code", 4 mistakes and the sign-off.
    expect(guide.passages).toHaveLength(33);
    expect(guide.passages.map((p) => p.kind).filter((k) => k !== 'paragraph' && k !== 'list-entry')).toEqual(['table', 'code']);
  });

  it('starts a passage at every paragraph a line break alone separates in the pasted text', () => {
    for (const opening of ['In this guide we go through', 'Mean squared error (MSE) averages']) {
      const [passage, ...more] = holding(opening);
      expect(more).toEqual([]);
      expect(passage?.text.startsWith(opening), `${opening} opens its passage`).toBe(true);
    }
  });

  it('keeps every loss of the headings-less stretch in a passage of its own', () => {
    const openings = ['Mean absolute error (MAE)', 'Huber loss is', 'Log-cosh loss', 'Cross-entropy loss is', 'Binary cross-entropy is', 'Label smoothing replaces', 'Hinge loss comes', 'KL divergence measures'];
    const passages = openings.map((opening) => holding(opening));
    for (const [n, found] of passages.entries()) expect(found.map((p) => p.text.slice(0, 30)), openings[n]).toHaveLength(1);
    expect(new Set(passages.map((found) => found[0]!.id)).size).toBe(openings.length);
  });

  it('gives each passage the path of headings it sits under', () => {
    expect(holding('Your business metric')[0]?.headingPath).toEqual(['Choosing a loss', 'When the metric is not the loss']);
    expect(holding('| Problem | Usual loss')[0]?.headingPath).toEqual(['Choosing a loss']);
    expect(guide.passages.find((p) => p.kind === 'code')?.headingPath).toEqual(['Loss functions in code']);
    expect(holding('Hinge loss comes')[0]?.headingPath).toEqual([]);
  });
});
