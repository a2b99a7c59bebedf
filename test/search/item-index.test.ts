import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundledKnowledgeDir } from '../../src/cli/io';
import type { KnowledgeBase } from '../../src/kb/item';
import { loadKnowledgeBase } from '../../src/kb/knowledge-base';
import { stem } from '../../src/search/english-stem';
import { fromIndexKey, toIndexKey } from '../../src/search/index-key';
import { buildItemIndex, openItemIndex } from '../../src/search/item-index';
import { namedItems } from '../../src/search/item-reference';
import { synonymTerms } from '../../src/search/synonyms';
import { terms } from '../../src/search/tokenizer';

describe('terms', () => {
  it('lower-cases, stems and drops question words', () => {
    expect(terms('How do the Weighted losses change training?')).toEqual(['weight', 'loss', 'change', 'train']);
  });

  it('keeps hyphenated words both split and joined', () => {
    expect(terms('cross-entropy')).toEqual(['cross', 'entropy', 'crossentropy']);
  });

  it('normalises full-width letters', () => {
    expect(terms('ＭＳＥ　ｌｏｓｓ')).toEqual(['mse', 'loss']);
  });

  it('splits Chinese into words and character bigrams', () => {
    const chinese = terms('交叉熵損失');
    expect(chinese).toEqual(expect.arrayContaining(['交叉', '叉熵', '損失']));
  });

  it('adds bigrams only where the segmenter leaves one-character words, not between whole words', () => {
    const words = terms('品質數量');
    expect(words).toEqual(expect.arrayContaining(['品質', '數量']));
    expect(words).not.toContain('質數');
  });

  it('reads a typographic apostrophe and symbols as their ASCII twins, and letters beyond ASCII as letters', () => {
    expect(terms('the model’s loss → cross-entropy')).toEqual(terms("the model's loss - cross-entropy"));
    expect(terms('the ε-insensitive loss')).toEqual(expect.arrayContaining(['ε', 'loss']));
  });

  it('reads mixed Chinese and English', () => {
    expect(terms('什麼是 MSE 損失')).toEqual(expect.arrayContaining(['mse', '損失']));
  });
});

describe('index keys', () => {
  it('spell Han terms in hexadecimal and give them back, leaving Latin terms alone', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0x4e00, max: 0x9fff }).map((code) => String.fromCodePoint(code)), { minLength: 1, maxLength: 6 }), (chars) => {
        const term = chars.join('');
        const key = toIndexKey(term);
        expect(key).toMatch(/^§[0-9a-f]+$/);
        expect(fromIndexKey(key)).toBe(term);
      }),
    );
    expect(toIndexKey('𠀀字')).not.toBe(toIndexKey('字'));
    expect(fromIndexKey(toIndexKey('𠀀字'))).toBe('𠀀字');
    for (const term of ['mse', 'crossentropy', 'l2', '2024']) expect(toIndexKey(term)).toBe(term);
  });
});

describe('stem', () => {
  it('strips plurals and -ing/-ed conservatively', () => {
    expect(['losses', 'gradients', 'probabilities', 'weighted', 'training', 'classes', 'focus', 'loss'].map(stem)).toEqual([
      'loss', 'gradient', 'probability', 'weight', 'train', 'class', 'focus', 'loss',
    ]);
  });
});

describe('synonyms', () => {
  it('give every name of a group the same term, taking the longest name', () => {
    const group = synonymTerms(terms('log loss for spam'));
    expect(group).toHaveLength(1);
    // The group's first name, BCE, is one word: that word is the term, and a note saying it adds nothing.
    expect(group).toEqual(terms('BCE'));
    expect(synonymTerms(terms('BCE for spam'))).toEqual([]);
    // A first name of several words gets a term that no note's words can spell.
    const crossEntropy = synonymTerms(terms('softmax loss'))[0]!;
    expect(terms(crossEntropy)).not.toEqual([crossEntropy]);
    expect(synonymTerms(terms('Binary cross-entropy'))).toEqual(group);
    expect(synonymTerms(terms('logistic loss, then cross entropy'))).toEqual([group[0], synonymTerms(terms('softmax loss'))[0]]);
    expect(synonymTerms(terms('spam filters'))).toEqual([]);
  });

  it('let a query find a note that uses only another name', async () => {
    const notes = mkdtempSync(join(tmpdir(), 'loss-tutor-synonyms-'));
    writeFileSync(join(notes, 'facts.txt'), '1. Binary cross-entropy punishes confident mistakes.\n2. Gradient clipping keeps training stable.\n3. Dice loss scores overlap.\n');
    const index = buildItemIndex(await loadKnowledgeBase(notes));
    expect(index.search('what is log loss')[0]?.item).toBe(1);
    expect(index.search('derivative clipping')[0]?.item).toBe(2);
  });
});

describe('named items', () => {
  it('finds every way a learner names an item', () => {
    expect(namedItems('item #35, then item 12, the 7th item, 第40條 and 第 3 項')).toEqual([35, 12, 7, 40, 3]);
  });
});

describe('the item index', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await loadKnowledgeBase(bundledKnowledgeDir);
  });
  const top = (query: string) => buildItemIndex(kb).search(query, { limit: 3 }).map((hit) => hit.item);

  it('finds an item by a synonym it does not name in its title', () => {
    expect(top('quadratic loss')[0]).toBe(6);
    expect(top('logistic loss')[0]).toBe(17);
  });

  it('mends typos without burying exact hits', () => {
    expect(top('hubber loss')[0]).toBe(9);
    expect(top('huber loss')[0]).toBe(9);
  });

  it('answers Chinese questions with the Chinese text that matched', () => {
    const [hit] = buildItemIndex(kb).search('均方誤差是什麼', { limit: 1 });
    expect(hit).toMatchObject({ item: 6, lang: 'zh-Hant' });
  });

  it('reads past the learner’s numbers, which are data for the calculator', () => {
    expect(top('compute huber loss for targets [1, 2, 3] and predictions [1.5, 2, 6]')).toEqual(top('compute huber loss for targets and predictions'));
    expect(top('100')).not.toEqual([]);
  });

  it('scores a term said twice as twice, searching it once, and reads at most 64 distinct terms', () => {
    const index = buildItemIndex(kb);
    const once = index.search('1', { limit: 5 });
    const many = index.search('1,'.repeat(2000), { limit: 5 });
    expect(many.map((hit) => hit.item)).toEqual(once.map((hit) => hit.item));
    many.forEach((hit, i) => expect(hit.score / once[i]!.score).toBeCloseTo(2000, 6));
    const filler = Array.from({ length: 64 }, (_, i) => `zzfiller${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`).join(' ');
    expect(top(`${filler} huber`)).toEqual([]);
    expect(top(`huber ${filler}`)[0]).toBe(9);
  });

  it('puts an item the query names first', () => {
    expect(top('what does item 35 say about focal loss')[0]).toBe(35);
  });

  it('ignores a named item that does not exist', () => {
    expect(top('item 999 focal loss')[0]).toBe(27);
  });
});

describe('the index cache', () => {
  it('is reused while the knowledge base is unchanged, and rebuilt when it changes or is corrupt', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'loss-tutor-cache-'));
    const notes = mkdtempSync(join(tmpdir(), 'loss-tutor-notes-'));
    writeFileSync(join(notes, 'facts.txt'), '1. Huber loss is robust to outliers.\n2. Focal loss down-weights easy examples.\n3. Dice loss scores overlap.\n');
    const first = openItemIndex(await loadKnowledgeBase(notes), { cacheDir });
    expect(first.fromCache).toBe(false);
    const second = openItemIndex(await loadKnowledgeBase(notes), { cacheDir });
    expect(second.fromCache).toBe(true);
    expect(second.search('focal')[0]?.item).toBe(2);

    writeFileSync(join(notes, 'facts.txt'), '1. Huber loss is robust to outliers.\n2. Tversky loss weights false negatives.\n3. Dice loss scores overlap.\n');
    const changed = openItemIndex(await loadKnowledgeBase(notes), { cacheDir });
    expect(changed.fromCache).toBe(false);
    expect(changed.search('tversky')[0]?.item).toBe(2);

    const [cacheFile] = readdirSync(cacheDir);
    writeFileSync(join(cacheDir, cacheFile!), '{ not json');
    const rebuilt = openItemIndex(await loadKnowledgeBase(notes), { cacheDir });
    expect(rebuilt.fromCache).toBe(false);
    expect(openItemIndex(await loadKnowledgeBase(notes), { cacheDir }).fromCache).toBe(true);
  });
});
