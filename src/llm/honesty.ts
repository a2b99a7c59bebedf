import { formatNumber } from '../core';
import type { Calculation, Citation } from '../tutor/answer';

const CITATION = /\[#(\d+)\]/g;

/** Citations of items the model was given, in order; marks of any other item are removed from the text. */
export function keepGivenCitations(text: string, given: ReadonlyMap<number, Citation>): { text: string; citations: Citation[] } {
  const cited: Citation[] = [];
  const cleaned = text.replace(CITATION, (mark, n: string) => {
    const citation = given.get(Number(n));
    if (!citation) return '';
    if (!cited.includes(citation)) cited.push(citation);
    return mark;
  });
  return { text: cleaned.replace(/ {2,}/g, ' ').replace(/ ([.,;:])/g, '$1'), citations: cited };
}

const NUMBER = /-?\d[\d,]*(?:\.\d+)?(?:e[+-]?\d+)?/gi;

/** Every number a calculation shows: its value, inputs, parameters and steps. */
function knownNumbers(calculations: Calculation[]): number[] {
  const found: number[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'number') found.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(calculations);
  return found;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));

/**
 * A loss value the model states that the calculator disagrees with is replaced by the calculator's,
 * with a note where the learner sees it. A stated number counts as a claimed value when it is within
 * a factor of two of a calculated value yet equal to no number the calculations show.
 */
export function correctNumbers(text: string, calculations: Calculation[]): string {
  const values = calculations.map((c) => c.value).filter((v): v is number => typeof v === 'number');
  if (values.length === 0) return text;
  const known = knownNumbers(calculations);
  return text.replace(NUMBER, (written) => {
    const stated = Number(written.replace(/,/g, ''));
    if (!Number.isFinite(stated) || known.some((k) => close(stated, k))) return written;
    const truth = values.find((v) => v !== 0 && stated / v > 0.5 && stated / v < 2);
    return truth === undefined ? written : `${formatNumber(truth)} (corrected by the calculator: the model said ${written})`;
  });
}
