import { describe, expect, it } from 'vitest';
import { findItemNumbers } from '../../src/tutor/item-reference';

describe('findItemNumbers', () => {
  it.each([
    ['I am least confident about item #35: "..."', 35],
    ['what does #35 say', 35],
    ['explain item 35', 35],
    ['the 35th item', 35],
    ['fact 12 is odd', 12],
    ['第35條', 35],
    ['第 35 項是什麼', 35],
    ['第35個', 35],
  ])('finds the item number in %j', (text, number) => {
    expect(findItemNumbers(text).map((ref) => ref.number)).toEqual([number]);
  });

  it('ignores numbers that are not item references', () => {
    expect(findItemNumbers('targets [1, 2, 3] with delta 1 and 35 predictions')).toEqual([]);
  });

  it('lists several references in the order written, once each', () => {
    expect(findItemNumbers('compare item 6 with #7 and item 6 again').map((ref) => ref.number)).toEqual([6, 7]);
  });
});
