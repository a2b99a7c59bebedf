import { describe, expect, it } from 'vitest';
import type { Item } from '../../src/kb/item';
import { viewItem } from '../../src/tutor/note-sections';

const note = (lang: string, translations: Item['translations'] = {}): Item => ({
  number: 4, lang, title: 'Loss Function', claim: '損失函數衡量預測與真實值的差距。', sections: [], passages: [], quiz: [],
  source: '004.md', aliases: [], tags: [], related: [], translations,
});

describe('viewItem', () => {
  it('takes a note written in Chinese as in the learner’s language, in either script, without a translation', () => {
    for (const lang of ['zh-Hant', 'zh-Hans'] as const) {
      expect(viewItem(note('zh'), lang).inLearnersLanguage).toBe(true);
      expect(viewItem(note('zh-Hant'), lang).inLearnersLanguage).toBe(true);
    }
  });
  it('says an English note without a translation is not in a Chinese learner’s language', () => {
    expect(viewItem(note('en'), 'zh-Hant').inLearnersLanguage).toBe(false);
  });
  it('shows the translation when the note has one', () => {
    const translated = { ...note('zh-Hant'), title: '損失函數' };
    const view = viewItem(note('en', { 'zh-Hant': translated }), 'zh-Hans');
    expect(view).toMatchObject({ inLearnersLanguage: true, text: { title: '損失函數' } });
  });
});
