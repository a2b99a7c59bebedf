import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openTutor, type OpenedTutor } from '../../src/runtime/open-tutor';
import { findItemReferences } from '../../src/tutor/item-reference';
import { emptySessionState } from '../../src/tutor/session-state';
import { extractNumbers } from '../../src/tutor/understand/number-extraction';
import { itemReferenceSpans } from '../../src/search/item-reference';
import { namingPhrasings, notNaming } from '../support/item-reference-phrasings';

let bundled: OpenedTutor;
beforeAll(async () => {
  bundled = await openTutor({ kbDir: join(__dirname, '..', '..', 'knowledge') });
});

const numbered = (text: string) =>
  findItemReferences(text, bundled.kb).flatMap((ref) => (ref.kind === 'number' ? [ref.number] : []));

describe("the tutor's item references", () => {
  it.each(namingPhrasings)('reads %j as naming %j, as search does', (text, numbers) => {
    expect(numbered(text)).toEqual(numbers);
  });

  it.each(notNaming)('reads no item number in %j', (text) => {
    expect(numbered(text)).toEqual([]);
  });

  it.each(namingPhrasings)('answers %j about the first item it names', async (text, [first]) => {
    const { answer } = await bundled.tutor.answer({ text, state: emptySessionState(), history: () => [] });
    expect(answer.clarify).toBe(false);
    expect(answer.citations[0]?.item).toBe(first);
  });

  it('does not ask which item "in 2024" or "the #1 reason" means', async () => {
    for (const text of ['what changed in 2024 for focal loss', 'what is the #1 reason to use MAE']) {
      const { answer } = await bundled.tutor.answer({ text, state: emptySessionState(), history: () => [] });
      expect(answer.clarification?.code, text).not.toBe('item_out_of_range');
    }
  });

  it('still reads position and pronoun references beside the numbers', () => {
    expect(findItemReferences('is the 2nd one better than it', bundled.kb).map((ref) => ref.kind)).toEqual(['position', 'pronoun']);
  });

  it('leaves the numbers of an item reference out of a calculation', () => {
    const text = 'for ＃３５ and items 6–8, targets [1, 2] and predictions [1, 3]';
    const numbers = extractNumbers(text, itemReferenceSpans(text));
    expect(numbers.lists.map((list) => list.values)).toEqual([[1, 2], [1, 3]]);
  });

  it('ignores numbers that are not item references', () => {
    expect(numbered('targets [1, 2, 3] with delta 1 and 35 predictions')).toEqual([]);
  });
});
