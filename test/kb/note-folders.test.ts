import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/kb/knowledge-base';
import type { Item, KnowledgeBase } from '../../src/kb/item';
import { LEFTOVER_MARKUP } from './format-contract';

const notes = join(__dirname, '../fixtures/notes');
const folders = ['markdown', 'plain', 'pasted', 'obsidian', 'logseq', 'notion', 'jupyter', 'flashcards', 'html'] as const;
const twinRoot = mkdtempSync(join(tmpdir(), 'notes-twin-'));

/** The folder as a Windows editor saves it: every text file with a UTF-8 BOM and CRLF line ends. */
function crlfBomTwin(folder: string): string {
  const dir = join(twinRoot, folder);
  cpSync(join(notes, folder), dir, { recursive: true });
  const walk = (path: string): void => {
    for (const name of readdirSync(path)) {
      const full = join(path, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (!full.endsWith('.png')) writeFileSync(full, `\uFEFF${readFileSync(full, 'utf8').replace(/\n/g, '\r\n')}`);
    }
  };
  walk(dir);
  return dir;
}

const kbs = new Map<string, KnowledgeBase>();
const twins = new Map<string, KnowledgeBase>();
beforeAll(async () => {
  for (const folder of folders) {
    kbs.set(folder, await loadKnowledgeBase(join(notes, folder)));
    twins.set(folder, await loadKnowledgeBase(crlfBomTwin(folder)));
  }
});
afterAll(() => rmSync(twinRoot, { recursive: true, force: true }));

const kb = (folder: string) => kbs.get(folder)!;
const titled = (folder: string, title: string): Item | undefined => kb(folder).items.find((item) => item.title === title);
const text = (item: Item | undefined) => item?.sections.map((s) => s.text).join('\n\n') ?? '';

describe('realistic note folders', () => {
  it.each(folders)('%s: its CRLF+BOM twin loads the same items', (folder) => {
    const view = (base: KnowledgeBase) => base.items.map(({ number, title, claim, sections, passages, quiz, tags }) => ({ number, title, claim, sections, passages, quiz, tags }));
    expect(view(twins.get(folder)!)).toEqual(view(kb(folder)));
  });

  it.each(folders)('%s: no title or claim keeps markup, a date or a property line', (folder) => {
    for (const item of kb(folder).items) {
      expect(item.title).not.toMatch(LEFTOVER_MARKUP);
      expect(item.title).not.toMatch(/^\d{4}[-_]\d{2}[-_]\d{2}$/);
      expect(item.claim).not.toMatch(LEFTOVER_MARKUP);
      expect(item.claim.trim()).not.toBe('');
    }
  });

  it('markdown: a title over a numbered list is one item per entry, numbered as written, sub-bullets and wrapped lines kept', () => {
    const facts = kb('markdown').items.filter((item) => item.source === 'loss-facts.md');
    expect(facts.map((item) => item.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(kb('markdown').byNumber.get(7)?.claim).toBe('Hinge loss is zero once the correct score beats the margin of 1, so confident correct answers stop contributing.');
    expect(text(kb('markdown').byNumber.get(3))).toContain('- its gradient has the same size everywhere');
    expect(text(kb('markdown').byNumber.get(6))).toContain('(the other classes matter only through the softmax)');
    expect(kb('markdown').byNumber.get(11)?.title).toBe('Regularisation terms (L1, L2) are added to the data loss');
  });

  it('markdown: numbered ## topics are items; numbers the facts list holds make them follow it, with a warning naming both paths', () => {
    const topics = kb('markdown').items.filter((item) => item.source === 'week3-lecture.md');
    expect(topics.map((item) => item.title)).toEqual(['Squared error and why it punishes outliers', 'Huber loss: the compromise', 'Softmax cross-entropy', 'Which one to pick?']);
    expect(topics.map((item) => item.number)).toEqual([13, 14, 15, 16]);
    const clash = kb('markdown').problems.find((p) => p.code === 'renumbered_sections');
    expect(clash?.severity).toBe('warning');
    expect(clash?.message).toContain('week3-lecture.md');
    expect(clash?.message).toContain('loss-facts.md');
  });

  it('markdown: code is kept verbatim as a code passage, links keep their URL, LaTeX is kept, a dated file is not numbered by its date', () => {
    const softmax = titled('markdown', 'Softmax cross-entropy');
    const code = softmax?.passages.find((p) => p.kind === 'code');
    expect(code?.text).toContain('logits = np.array([[2.0, 1.0, 0.1]])\n# softmax first, then the log of the true class');
    expect(text(titled('markdown', 'Huber loss: the compromise'))).toContain('the PyTorch docs (https://pytorch.org/docs/stable/generated/torch.nn.HuberLoss.html)');
    expect(text(titled('markdown', 'Squared error and why it punishes outliers'))).toContain('$\\frac{1}{n}\\sum_i (y_i - \\hat{y}_i)^2$');
    expect(titled('markdown', 'Huber loss: the compromise')?.passages.some((p) => p.kind === 'table')).toBe(true);
    expect(titled('markdown', 'Thursday study session')?.number).toBeLessThan(100);
  });

  it('pasted from the web: a heading glued to the sentence before it ("…during training.How it works") is a section', () => {
    const huber = titled('pasted', 'What Huber loss does in regression');
    expect(huber?.sections.map((s) => s.heading)).toEqual(['Definition', 'How it works', 'Concrete example', 'When to use it']);
    expect(huber?.sections[0]!.text).toMatch(/during training\.$/);
    expect(huber?.claim).toBe('Huber loss is a regression loss that acts like squared error for small mistakes and like absolute error for big ones.');
    const focal = titled('pasted', 'Focal loss (copied from the course page)');
    expect(focal?.sections.map((s) => [s.name, s.heading])).toEqual([
      ['definition', 'Definition'],
      ['how', 'How it works'],
      ['pitfalls', 'Pitfalls'],
    ]);
    expect(focal?.sections[1]!.text).toMatch(/^The factor is \(1 - p_t\) raised to the power gamma\..*keeps most of it\.$/);
  });

  it('plain text: a first line written as a code comment ("// MODEL OPTIMIZATION NOTES") is the title without its marker', () => {
    const notes = kb('pasted').items.filter((item) => item.source === 'model optimization notes.txt');
    expect(notes.map((item) => item.title)).toEqual(['MODEL OPTIMIZATION NOTES']);
    expect(notes[0]!.sections.map((s) => s.heading)).toEqual(['Learning rate warm-up', 'Why the loss spikes']);
    expect(notes[0]!.passages.some((p) => p.text.includes('//'))).toBe(false);
    expect(kb('pasted').problems.filter((p) => p.code === 'suspect_title')).toEqual([]);
  });

  it('plain text: unmarked section lines are sections, indented code is kept with its brackets and # comment', () => {
    const item = kb('plain').items[0];
    expect(item?.sections.map((s) => s.heading)).toEqual(['Cross-entropy in one line', 'How it works', 'Concrete example', 'Pitfalls']);
    expect(item?.passages.find((p) => p.kind === 'code')?.text).toContain('# numpy version, keep the brackets!\nprobs = [[0.7, 0.2, 0.1]]');
  });

  it('obsidian: callouts labelled, embeds not text, wikilinks with folders and headings resolved, templates and attachments not items', () => {
    const focal = titled('obsidian', 'Focal loss');
    expect(text(focal)).toContain('Question: Why not just reweight classes?');
    expect(text(focal)).not.toMatch(/!400|focal-curve|\[!question\]/);
    expect(text(focal)).toContain('Builds on cross-entropy.');
    expect(focal?.aliases).toEqual(['focal', 'FL']);
    expect(focal?.tags).toEqual(expect.arrayContaining(['loss/classification', 'imbalance', 'exam']));
    expect(focal?.related).toContain(titled('obsidian', 'Cross entropy')?.number);
    expect(focal?.passages.find((p) => p.kind === 'code')?.text).toContain('return -((1 - p) ** gamma) * math.log(p)');
    expect(kb('obsidian').items.map((i) => i.title).sort()).toEqual(['Cross entropy', 'Focal loss', 'Label smoothing']);
    expect(kb('obsidian').problems.filter((p) => p.code === 'broken_link')).toEqual([]);
  });

  it('logseq: titles from page names with namespaces, properties as metadata, block refs resolved across pages, logseq/ not an item', () => {
    const huber = titled('logseq', 'Loss functions/Huber');
    expect(huber?.tags).toEqual(['loss', 'regression']);
    expect(huber?.aliases).toEqual(['smooth L1']);
    expect(text(huber)).not.toMatch(/id::|tags::/);
    expect(text(huber)).toMatch(/^- the switch point is called delta$/m);
    // A reference to a block on another page reads as that block's text, never as its uuid.
    expect(text(titled('logseq', 'KL divergence'))).toContain('connection: cross-entropy = entropy + KL, see Huber loss behaves like squared error near zero and like absolute error far away');
    expect(text(titled('logseq', 'KL divergence'))).not.toContain('((');
    expect(kb('logseq').problems.filter((p) => p.code === 'broken_link')).toEqual([]);
    expect(kb('logseq').items.some((i) => i.source.startsWith('logseq/'))).toBe(false);
    expect(kb('logseq').items.find((i) => i.source.startsWith('journals/'))?.title).toBe('Journal: Reviewed KL divergence for the quiz');
  });

  it('notion: ids stripped, property lines as metadata, %20 links resolved, a database CSV one item per row', () => {
    const hinge = titled('notion', 'Hinge loss');
    expect(hinge?.tags).toEqual(['classification', 'SVM']);
    expect(text(hinge)).not.toMatch(/Created:|Status:|[0-9a-f]{32}/);
    expect(hinge?.related).toContain(titled('notion', 'Logistic loss')?.number);
    expect(kb('notion').items.filter((i) => i.source.includes('.csv#row=')).map((i) => i.title)).toEqual(['Mean squared error', 'Mean absolute error', 'Binary cross-entropy']);
  });

  it('jupyter: markdown cells as text, code as code, images and tracebacks dropped, checkpoints skipped', () => {
    expect(kb('jupyter').items.map((i) => i.title)).toEqual(['Softmax cross-entropy from scratch']);
    const all = text(kb('jupyter').items[0]);
    expect(all).toContain('```python\nimport numpy as np\nlogits = np.array([[2.0, 1.0, 0.1]])');
    expect(all).toContain('[[0.659 0.242 0.099]]');
    expect(all).not.toMatch(/iVBOR|NameError|\u001b|image\/png|"cell_type"/);
  });

  it('flashcards: one item per card, cloze markup gone, HTML fields as text, the answer a quiz question', () => {
    const cards = kb('flashcards').items;
    expect(cards).toHaveLength(7);
    expect(cards[2]).toMatchObject({ title: 'Hinge loss is zero once the margin reaches 1', quiz: [{ question: '[...] is zero once the margin reaches [...].', answer: 'Hinge loss; 1' }] });
    expect(cards[1]?.claim).toBe('Why is MAE more robust to outliers than MSE? → It grows linearly with the error, not quadratically.');
    expect(cards[3]?.quiz[0]?.answer).toBe('-ln(0.8) ≈ 0.223');
    expect(cards[5]?.quiz[0]).toEqual({ question: 'Which loss is quadratic near zero and linear far away?', answer: 'Huber loss' });
  });

  it('html: the main content only, entities decoded, tables kept as tables, pre as code, _files/ not items', () => {
    expect(kb('html').items).toHaveLength(1);
    const page = kb('html').items[0]!;
    expect(page.title).toBe('Label smoothing explained');
    const all = text(page);
    expect(all).not.toMatch(/cookie|Accept all|Archive|Popular posts|RSS|dataLayer|&mdash;|&epsilon;|Posted on/);
    expect(all).toContain('1 − ε');
    expect(page.passages.find((p) => p.kind === 'table')?.text).toContain('| cat | 1 | 0.925 |');
    expect(page.passages.find((p) => p.kind === 'code')?.text).toContain('targets = [[1, 0, 0, 0]]  # one-hot, the loss smooths it');
    expect(all).toContain('Müller et al. (https://arxiv.org/abs/1906.02629)');
  });
});
