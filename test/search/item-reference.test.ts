import { beforeAll, describe, expect, it } from 'vitest';
import { bundledKnowledgeDir } from '../../src/cli/io';
import { loadKnowledgeBase } from '../../src/kb/knowledge-base';
import type { ItemSearch } from '../../src/search/hit';
import { buildItemIndex } from '../../src/search/item-index';
import { itemNumberPhrases, itemReferenceSpans, namedItems } from '../../src/search/item-reference';
import { namingPhrasings, notNaming } from '../support/item-reference-phrasings';

describe('the item-number grammar', () => {
  it.each(namingPhrasings)('reads %j as naming %j', (text, numbers) => {
    expect(namedItems(text)).toEqual(numbers);
  });

  it.each(notNaming)('reads no item in %j', (text) => {
    expect(itemNumberPhrases(text)).toEqual([]);
  });

  it('gives spans in the text as written, full-width and combining marks included', () => {
    const text = 'cafe\u0301 ＃３５ and ｉｔｅｍ　３６';
    const spans = itemReferenceSpans(text);
    expect(spans.map(([start, end]) => text.slice(start, end))).toEqual(['＃３５ and ｉｔｅｍ　３６']);
    expect(itemNumberPhrases('№35, please')[0]).toMatchObject({ start: 0, end: 3, text: '№35', numbers: [35] });
  });

  it('keeps phrases apart and repeats no number', () => {
    const phrases = itemNumberPhrases('compare item 6 with #7, then item 6 again');
    expect(phrases.map((p) => p.text)).toEqual(['item 6', '#7', 'item 6']);
    expect(namedItems('compare item 6 with #7, then item 6 again')).toEqual([6, 7]);
  });

  it('spells out a short range and names only the ends of a long one', () => {
    expect(namedItems('items 1-50')).toEqual([1, 50]);
    expect(namedItems('items 3-12')).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('reads up to six digits and no decimal', () => {
    expect(namedItems('item 123456')).toEqual([123456]);
    expect(namedItems('item 1234567')).toEqual([]);
    expect(namedItems('item 3.5')).toEqual([]);
  });
});

describe('search over the grammar', () => {
  let search: ItemSearch;
  beforeAll(async () => {
    search = buildItemIndex(await loadKnowledgeBase(bundledKnowledgeDir));
  });

  it.each(namingPhrasings)('ranks what %j names first: %j', (text, numbers) => {
    expect(search.search(text, { limit: 5 }).slice(0, numbers.length).map((hit) => hit.item)).toEqual(numbers);
  });

  it.each(notNaming)('ranks no item as named in %j', (text) => {
    expect(search.search(text, { limit: 5 }).filter((hit) => hit.terms.some((term) => term.startsWith('#')))).toEqual([]);
  });
});
