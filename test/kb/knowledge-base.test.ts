import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/kb/knowledge-base';
import type { Item, KnowledgeBase } from '../../src/kb/item';

const fixtures = join(__dirname, '../fixtures/notes');
const section = (item: Item | undefined, name: string) => item?.sections.find((s) => s.name === name)?.text;

describe('loading a folder of notes in every format', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await loadKnowledgeBase(join(fixtures, 'formats'));
  });
  const find = (title: string) => kb.items.find((item) => item.title === title);

  describe('Markdown with YAML front matter', () => {
    it('keeps the explicit number, title, claim, aliases, tags, loss, example and quiz', () => {
      const item = kb.byNumber.get(12);
      expect(item).toMatchObject({
        title: 'Margin of safety',
        claim: 'A margin asks the right score to lead by a fixed gap before the loss reaches zero.',
        tags: ['margins', 'classification'],
        loss: 'hinge',
        example: { loss: 'hinge', inputs: { yTrue: [1, -1, 1], yPred: [0.4, -2, 1.3] } },
        source: '012-margin-of-safety.md',
      });
      expect(item?.quiz[0]?.keywords).toEqual([['nothing', 'zero', '0']]);
      expect(item?.aliases).toEqual(['margin', 'safety margin', '邊際']);
    });

    it('maps headings to sections and removes markup but keeps LaTeX', () => {
      const item = kb.byNumber.get(12);
      expect(item?.sections.map((s) => s.name)).toEqual(['definition', 'formula', 'pitfalls']);
      expect(section(item, 'definition')).toBe('A margin is the gap the correct score must keep. The hinge loss is max(0, 1 - y·s).');
      expect(section(item, 'formula')).toBe('$$\\ell = \\max(0, 1 - y\\,s_i)$$');
      expect(section(item, 'pitfalls')).toBe('Scores on the wrong side cost linearly; see the notes (https://example.org/notes).');
    });

    it('attaches a note with the same number in another language as its translation', () => {
      const item = kb.byNumber.get(12);
      expect(item?.lang).toBe('en');
      expect(item?.translations['zh-Hant']).toMatchObject({ title: '安全邊際', claim: '邊際要求正確分數領先一段固定距離，損失才會降到零。' });
      expect(item?.translations['zh-Hant']?.sections.map((s) => s.name)).toEqual(['definition', 'pitfalls']);
      });
  });

  it('reads TOML front matter and keeps the text of Hugo shortcodes without their tags', () => {
    const item = kb.byNumber.get(13);
    expect(item?.title).toBe('Squared error in TOML');
    expect(item?.tags).toEqual(['regression']);
    expect(section(item, 'definition')).toContain('Squared error grows with the square of the miss.');
    expect(item?.sections.map((s) => s.text).join(' ')).not.toMatch(/\{\{|\}\}|ask_chatgpt/);
  });

  it('reads a numbered list as one item per entry, numbered as written', () => {
    expect(kb.byNumber.get(3)).toMatchObject({ claim: 'Gradient descent moves parameters against the gradient of the cost.', source: 'course-facts.txt' });
    expect([1, 2, 3, 4].map((n) => kb.byNumber.get(n)?.source)).toEqual(Array(4).fill('course-facts.txt'));
  });

  it('reads an Obsidian note: links resolved to titles, highlights unwrapped, tags collected, a repeated paragraph kept once', () => {
    const item = find('Gradient clipping');
    const text = section(item, 'definition') ?? '';
    expect(text).toContain('Related to Margin of safety and a missing note.');
    expect(text).not.toMatch(/\[\[|==|#stability/);
    expect(text.match(/caps the size/g)).toHaveLength(1);
    expect(item?.tags).toEqual(['optimisation', 'stability']);
    expect(item?.related).toContain(12);
  });

  it('reads a chat transcript: special tokens gone, turns kept apart, the prompt template dropped', () => {
    const item = find('Why does a focal loss down-weight easy examples when classes are imbalanced?');
    expect(item?.claim).toBe('Because the factor (1 - p)^gamma shrinks the loss of examples the model already gets right.');
    expect(item?.sections.map((s) => s.heading)).toEqual(['User 1', 'User 2', 'Assistant 1']);
    expect(JSON.stringify(item)).not.toMatch(/<\||\{knowledge\}|PREDICTION OUTPUT/);
  });

  it('takes a plain text file’s first line as its title', () => {
    const item = find('Why averages hide outliers');
    expect(item?.claim).toBe('An average of squared errors lets a single large miss dominate the total.');
  });

  it('numbers notes without a number after the highest explicit one, in path order', () => {
    expect(kb.items.filter((item) => item.number > 13).map((item) => item.source)).toEqual([
      'chat-transcript.txt',
      'obsidian/Gradient clipping.md',
      'plain-article.txt',
    ]);
    expect(kb.items.map((item) => item.number)).toEqual([1, 2, 3, 4, 12, 13, 14, 15, 16]);
  });

  it('reports a link that leads nowhere, once', () => {
    expect(kb.problems).toEqual([expect.objectContaining({ code: 'broken_link', severity: 'warning', source: 'obsidian/Gradient clipping.md' })]);
  });

  it('gives equal folders equal fingerprints', async () => {
    const again = await loadKnowledgeBase(join(fixtures, 'formats'));
    expect(again.fingerprint).toBe(kb.fingerprint);
    expect(kb.fingerprint).not.toBe((await loadKnowledgeBase(join(fixtures, 'broken'))).fingerprint);
  });
});

describe('a folder with broken files', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await loadKnowledgeBase(join(fixtures, 'broken'));
  });
  const problem = (source: string) => kb.problems.find((p) => p.source === source);

  it('still loads what it can read', () => {
    expect(kb.byNumber.get(1)?.title).toBe('A fine note');
  });

  it('reports front matter that does not parse, with the path and the reason', () => {
    expect(problem('002-bad-yaml.md')).toMatchObject({ code: 'parse_error', severity: 'error' });
    expect(problem('002-bad-yaml.md')?.message).toMatch(/^002-bad-yaml\.md was skipped: its YAML front matter does not parse/);
  });

  it('reports a front matter field of the wrong type, naming the field', () => {
    expect(problem('003-bad-field.md')?.message).toMatch(/front matter field item .* is not valid/);
  });

  it('reports binary and non-UTF-8 files as unreadable', () => {
    expect(problem('004-binary.bin')?.message).toContain('binary file');
    expect(problem('005-latin1.txt')?.message).toContain('not valid UTF-8');
  });

  it('reports two notes with one number and numbers the second after the rest', () => {
    expect(problem('006-duplicate.md')).toMatchObject({ code: 'duplicate_number', item: 1 });
    expect(kb.items.find((item) => item.source === '006-duplicate.md')?.number).toBe(2);
  });
});

describe('a title that is still a code comment', () => {
  it('is reported as a suspect title', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'comment-title-'));
    writeFileSync(join(dir, 'scratch.md'), '# // scratch notes, tidy later\n\nGradient clipping caps the norm of the gradient before the optimiser step.\n');
    const kb = await loadKnowledgeBase(dir);
    rmSync(dir, { recursive: true });
    expect(kb.problems.find((p) => p.code === 'suspect_title')?.message).toContain('scratch.md made an item titled "// scratch notes, tidy later"');
  });
});

describe('Obsidian embeds', () => {
  it('warns about an embedded file that is nowhere in the vault, not about one that is, nor about an embedded note', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'embeds-'));
    mkdirSync(join(dir, 'attachments'));
    writeFileSync(join(dir, 'attachments', 'loss-curve.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    writeFileSync(join(dir, 'Cross entropy.md'), 'Cross-entropy is the negative log of the probability given to the true class.\n');
    writeFileSync(
      join(dir, 'Class imbalance.md'),
      '# Class imbalance\n\nWith 99 negatives to 1 positive, accuracy says nothing; look at the curve.\n\n![[loss-curve.png|300]]\n\n![[confusion-matrix.png]]\n\n![[Cross entropy]]\n',
    );
    const kb = await loadKnowledgeBase(dir);
    rmSync(dir, { recursive: true });
    expect(kb.problems.filter((p) => p.code === 'broken_link').map((p) => p.message)).toEqual([
      'Class imbalance.md embeds ![[confusion-matrix.png]], which is no file here: put the file in the folder or fix the embed.',
    ]);
  });
});

describe('Logseq block references', () => {
  it('drop a reference to a block no page has, with a warning naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'block-refs-'));
    mkdirSync(join(dir, 'pages'));
    writeFileSync(join(dir, 'pages', 'Focal loss.md'), '- Focal loss down-weights easy examples, see ((0a1b2c3d-0000-4000-8000-000000000000))\n- gamma = 2 is the usual start\n');
    const kb = await loadKnowledgeBase(dir);
    rmSync(dir, { recursive: true });
    expect(kb.items[0]!.sections.map((s) => s.text).join('\n')).not.toContain('((');
    expect(kb.problems.map((p) => p.message)).toEqual(['pages/Focal loss.md refers to the block ((0a1b2c3d-0000-4000-8000-000000000000)), which no page here has: fix the reference or remove it.']);
  });
});

describe('a folder that is not there', () => {
  it('says so and what to pass instead', async () => {
    await expect(loadKnowledgeBase(join(fixtures, 'no-such-folder'))).rejects.toThrow(/does not exist: pass --kb with a folder of notes/);
  });
});
