import { describe, expect, it } from 'vitest';
import { formatNumber, formatValue, numbersInText } from '../../src/tutor/number-format';

describe('the tutor\'s number format', () => {
  it('writes integers whole and other numbers to ten significant digits, as the calculator does', () => {
    expect(formatNumber(100000000)).toBe('100000000');
    expect(formatNumber(6666.666666666666)).toBe('6666.666667');
    expect(formatNumber(-0.29479999999999995)).toBe('-0.2948');
    expect(formatNumber(-0)).toBe('0');
  });

  it('formats nested lists', () => {
    expect(formatValue([[1, 0.5], [2, 1 / 3]])).toBe('[[1, 0.5], [2, 0.3333333333]]');
  });

  it('finds in text the numbers it wrote', () => {
    const text = `L = ${formatNumber(1 / 3)} and ${formatNumber(-2.5)}; gradient ${formatNumber(1e-9)}; L_quality`;
    expect(numbersInText(text)).toEqual(['0.3333333333', '-2.5', '1e-9']);
  });
});
