import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/kb/knowledge-base';
import type { Item, KnowledgeBase } from '../../src/kb/item';

/** A learner's fresh folder from the 2026-12-02 trial (test/fixtures/kb-learner-trial2/.README.md). */
const dir = join(__dirname, '../fixtures/kb-learner-trial2');
const facts = readFileSync(join(dir, 'loss-facts-40.md'), 'utf8')
  .split('\n')
  .map((line) => /^(\d+)\. (.*)$/.exec(line))
  .filter((match): match is RegExpExecArray => match !== null)
  .map((match) => ({ number: Number(match[1]), text: match[2]! }));

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKnowledgeBase(dir);
});
const from = (source: string): Item[] => kb.items.filter((item) => item.source.split('#')[0] === source);
const text = (item: Item | undefined) => item?.sections.map((s) => s.text).join('\n\n') ?? '';

describe('a learner folder with a list of 40 facts beside a lecture with numbered sections', () => {
  it('every fact keeps the number the learner wrote on it', () => {
    expect(facts).toHaveLength(40);
    for (const fact of facts) {
      const item = kb.byNumber.get(fact.number);
      expect(item?.source, `item #${fact.number}`).toBe('loss-facts-40.md');
      expect(fact.text.startsWith(item!.claim.replace(/…$/, '')), `item #${fact.number}: ${item!.claim}`).toBe(true);
    }
  });

  it('the lecture\'s numbered sections are items after every written number, in their own order, and check says so', () => {
    const lecture = from('lectures/lecture07-classification.md');
    expect(lecture.map((item) => item.title)).toEqual(['Cross-entropy', 'Binary cross-entropy', 'Hinge loss', 'Label smoothing', 'KL divergence', 'Weighted cross-entropy']);
    expect(lecture.map((item) => item.number)).toEqual([41, 42, 43, 44, 45, 46]);
    expect(kb.problems.filter((p) => p.code === 'duplicate_number')).toEqual([]);
    const warning = kb.problems.find((p) => p.source === 'lectures/lecture07-classification.md');
    expect(warning).toMatchObject({ severity: 'warning', code: 'renumbered_sections' });
    expect(warning?.message).toContain('loss-facts-40.md');
    expect(warning?.message).toContain('#41-46');
  });
});

describe('titles and claims are cut where a sentence or clause ends, never inside a formula or at an abbreviation', () => {
  it('a title keeps a formula whole: a minus sign or a dash inside brackets is not a clause break', () => {
    expect(kb.byNumber.get(12)?.title).toBe('Focal loss adds a factor (1 - p_t)^gamma that down-weights…');
    expect(kb.byNumber.get(15)?.title).toBe('Hinge loss is max(0, 1 - y f(x)) with labels -1 and +1');
    expect(kb.byNumber.get(27)?.title).toBe('IoU (Jaccard) loss is 1 - |A∩B|/|A∪B|');
    expect(kb.byNumber.get(33)?.title).toBe('Cosine embedding loss uses 1 - cos for…');
    for (const item of kb.items) expect(item.title, `#${item.number}`).not.toMatch(/\([^)]*$|[-–—]$/);
  });

  it('a claim runs past "e.g." to the end of its sentence', () => {
    expect(kb.byNumber.get(39)?.claim).toBe('The loss you optimise need not be the metric you report (e.g. BCE vs F1).');
    expect(from('lectures/lecture07-classification.md').at(-1)?.claim).toBe("Multiply each class's term by a weight $w_k$, e.g. inverse frequency.");
  });
});

describe('flashcards, vault notes and a notebook read as the learner wrote them', () => {
  it('a card reads front → back, titled by its front', () => {
    const cards = from('cards/loss-flashcards.csv');
    expect(cards).toHaveLength(10);
    const delta = cards.find((card) => card.title === 'Huber loss default delta in PyTorch?');
    expect(delta?.claim).toBe('Huber loss default delta in PyTorch? → 1.0');
    expect(cards.find((card) => card.title === 'Is KL divergence symmetric?')?.claim).toBe('Is KL divergence symmetric? → No');
    for (const card of cards) expect(card.claim, card.title).toMatch(/^\S.*\? → \S/);
  });

  it('a claim from a bulleted note is its first entry, without the dash', () => {
    expect(from('vault/Focal loss.md')[0]?.claim).toBe('the $(1-p_t)^\\gamma$ factor down-weights easy examples (p_t close to 1)');
    expect(from('vault/daily/Daily 2026-11-28.md')[0]?.claim).toBe('lecture 7 today, classification losses.');
    for (const item of kb.items) expect(item.claim, `#${item.number}`).not.toMatch(/^[-*•] |\s- \S.*\s- /);
  });

  it('a "tags:" line and a line of bare links ("see also [[Daily 2026-11-28]]") are metadata, not text', () => {
    const huber = from('vault/Huber loss.md')[0]!;
    expect(huber.tags).toEqual(expect.arrayContaining(['loss', 'regression']));
    for (const source of ['vault/Huber loss.md', 'vault/Focal loss.md', 'vault/MSE.md', 'vault/MAE.md']) {
      const all = text(from(source)[0]);
      expect(all, source).not.toMatch(/^tags:|see also|Daily 2026-11-28|^related:|^links /im);
    }
    expect(huber.related).toEqual(expect.arrayContaining([from('vault/MSE.md')[0]!.number, from('vault/daily/Daily 2026-11-28.md')[0]!.number]));
    expect(text(huber)).toContain('quadratic when the error is small');
  });

  it('a notebook keeps the printed value of its last expression, and its opening text is not headed "Definition"', () => {
    const notebook = from('nb/hw3-mse-vs-huber.ipynb')[0]!;
    expect(text(notebook)).toContain('0.8333333333333334');
    expect(text(notebook)).toContain('mse 3.0');
    expect(notebook.sections.map((s) => s.heading)).not.toContain('Definition');
  });
});
