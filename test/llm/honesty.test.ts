import { describe, expect, it } from 'vitest';
import { checkNumbers, keepGivenCitations } from '../../src/llm/honesty';

const sources = { calculations: [], question: 'what is the mse of 1,2,3 vs 1,2,4?', notes: ['Huber switches at delta = 1.35 by default; errors of 10 cost 100.'], lang: 'en' };

describe('the numbers in a model’s text', () => {
  it('reads a list without spaces as its numbers, and a grouped number as one', () => {
    expect(checkNumbers('Your lists 1,2,3 and 1,2,4 differ by 1.', sources)).toBe('Your lists 1,2,3 and 1,2,4 differ by 1.');
    expect(checkNumbers('The lists 1,2,7 differ.', sources)).toBe('The lists 1,2,7 (not from the calculator or the notes) differ.');
    expect(checkNumbers('An error of 10 costs 100; 100,000,000 is bigger.', sources)).toBe('An error of 10 costs 100; 100,000,000 (not from the calculator or the notes) is bigger.');
  });

  it('passes a number the notes say, rounded as written, and marks one they do not', () => {
    expect(checkNumbers('Huber uses delta 1.4 here and 7.5 there.', sources)).toBe('Huber uses delta 1.4 here and 7.5 (not from the calculator or the notes) there.');
  });

  it('leaves list numbering and item marks alone', () => {
    expect(checkNumbers('## 7. Why\n3) because [#77]', sources)).toBe('## 7. Why\n3) because [#77]');
  });
});

describe('the citations in a model’s text', () => {
  it('keeps the items it was given, in every form, as [#N]', () => {
    const given = new Map([[6, { item: 6, title: 'MSE', source: 'en/006.md' }]]);
    expect(keepGivenCitations('See [#6, #9] and item 6.', given)).toEqual({ text: 'See [#6] and [#6].', citations: [{ item: 6, title: 'MSE', source: 'en/006.md' }] });
  });
});
