import { beforeAll, describe, expect, it } from 'vitest';
import type { ItemSearch } from '../../../src/search/hit';
import { ground } from '../../../src/tutor/ground/grounded-turn';
import { emptySessionState } from '../../../src/tutor/session-state';
import { understand } from '../../../src/tutor/understand/turn-reading';
import { finder, groundText, loadBundled, type Bundled } from './stage-fixtures';

let bundled: Bundled;
beforeAll(async () => {
  bundled = await loadBundled();
});

/** The real index, counting the searches made through it. */
function countingSearch(search: ItemSearch): { search: ItemSearch; count: () => number } {
  let count = 0;
  return {
    search: { ...search, search: (query, options) => { count += 1; return search.search(query, options); } },
    count: () => count,
  };
}

describe('ground: TurnReading + index → GroundedTurn', () => {
  it('grounds "how should I choose gamma?" about focal loss in the passage that says so, cut to its answering sentences', () => {
    const turn = groundText(bundled, 'How should I choose gamma for it?', { ...emptySessionState(), topic: 27 });
    const [part] = turn.parts;
    expect(part?.item?.number).toBe(27);
    const passage = part?.evidence[0]?.passage;
    expect(passage?.sentences.join(' ')).toMatch(/gamma/i);
    for (const sentence of passage?.sentences ?? []) expect(passage?.passage.text).toContain(sentence);
  });

  it('grounds each part in its own item: the second part\'s "it" is the first part\'s item', () => {
    const turn = groundText(bundled, 'What is MSE? What are the pitfalls of it?');
    const [first, second] = turn.parts;
    expect(first?.item?.loss).toBe('mse');
    expect(second?.item?.number).toBe(first?.item?.number);
  });

  it('gives both sides of a comparison their evidence', () => {
    const [part] = groundText(bundled, 'diff between item 6 and item 7').parts;
    expect(part?.item?.number).toBe(6);
    expect(part?.others.map((item) => item.number)).toEqual([7]);
    expect(part?.evidence.map((e) => e.item.number)).toEqual([6, 7]);
  });

  it('leaves evidence out of a part that asks for a calculation', () => {
    const [part] = groundText(bundled, 'compute mse for targets [1, 2, 3] and predictions [1, 2, 4]').parts;
    expect(part?.evidence).toEqual([]);
  });

  it('does not search for small talk, quiz turns or an item that does not exist', () => {
    for (const text of ['thanks!', 'quiz me on focal loss', 'explain item 999']) {
      const counting = countingSearch(bundled.search);
      const reading = understand(text, emptySessionState(), bundled.kb, finder);
      const turn = ground(reading, emptySessionState(), { kb: bundled.kb, search: counting.search });
      expect(turn.parts).toEqual([]);
      expect(counting.count()).toBe(0);
    }
  });

  it('finds the quiz subject a request names by loss', () => {
    const turn = groundText(bundled, 'quiz me on focal loss');
    expect(turn.quizSubject?.loss).toBe('focal');
  });

  it('grounds a quiz reply in the open question, each idea of its answer in the passage that says it, without searching', () => {
    const open = { ...emptySessionState(), quiz: { item: 35, question: 0 } };
    const counting = countingSearch(bundled.search);
    const reading = understand('it grows', open, bundled.kb, finder);
    const turn = ground(reading, open, { kb: bundled.kb, search: counting.search });
    expect(counting.count()).toBe(0);
    expect(turn.openQuiz?.item.number).toBe(35);
    const [grows, gradient] = turn.openQuiz?.ideas ?? [];
    expect(grows?.idea.text).toBe('Its share grows');
    expect(gradient?.passage?.passage.id).toMatch(/^35\./);
    expect(gradient?.passage?.sentences.join(' ')).toMatch(/gradient/);
    for (const sentence of gradient?.passage?.sentences ?? []) expect(gradient?.passage?.passage.text).toContain(sentence);
  });

  it("falls back on the note's claim when no passage says an idea", () => {
    const open = { ...emptySessionState(), quiz: { item: 27, question: 0 } };
    const [idea] = groundText(bundled, 'bananas', open).openQuiz?.ideas ?? [];
    expect(idea).toMatchObject({ inClaim: true });
    expect(idea?.passage).toBeUndefined();
  });

  it('grounds no quiz for a reply when no question is open', () => {
    expect(groundText(bundled, 'it grows').openQuiz).toBeUndefined();
  });
});
