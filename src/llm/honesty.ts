/**
 * What keeps the model's text honest before a learner sees it: every citation form resolved to an
 * item the model was given, and every number traced to the calculator, the learner's question or the
 * cited notes; a claimed loss value the calculator disagrees with is corrected, and any other number
 * from nowhere is marked as unchecked where it stands.
 */
import { formatNumber, losses } from '../core';
import type { Calculation, Citation } from '../tutor/answer';

// "[#6]", "[#6, #7]", "[6]", "#80", "item #77", "item 77", "items 6 and 7", "items #6, #7 and #9".
const CITATION = /\[\s*#?\d+(?:\s*(?:,|;|and|&)\s*#?\d+)*\s*\]|\b[Ii]tems?\s+#?\d+(?:\s*(?:,|and|&)\s*#?\d+)*|#\d+/g;

/** Every citation mark, in whatever form, as `[#N]` for an item the model was given; marks of other items go. */
export function keepGivenCitations(text: string, given: ReadonlyMap<number, Citation>): { text: string; citations: Citation[] } {
  const cited: Citation[] = [];
  const cleaned = text.replace(CITATION, (mark) => {
    const numbers = [...mark.matchAll(/\d+/g)].map((m) => Number(m[0]));
    const kept = numbers.map((n) => given.get(n)).filter((c): c is Citation => c !== undefined);
    for (const citation of kept) if (!cited.includes(citation)) cited.push(citation);
    return kept.map((c) => `[#${c.item}]`).join(' ');
  });
  return { text: cleaned.replace(/ {2,}/g, ' ').replace(/ ([.,;:])/g, '$1').replace(/\(\s*\)/g, '').trim(), citations: cited };
}

/** Where the numbers a learner may see come from. */
export interface NumberSources {
  calculations: readonly Calculation[];
  question: string;
  /** The text of the notes the model was given. */
  notes: readonly string[];
  lang: string;
}

// A number as written: digits grouped by thousands (100,000,000) or not, a decimal part, an exponent;
// "1,2,3" is three numbers.
const NUMBER = /(?<![\w.#])-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e[+-]?\d+)?(?![\w])/gi;

const numbersIn = (text: string): number[] => [...text.matchAll(NUMBER)].map((m) => Number(m[0].replace(/,/g, ''))).filter(Number.isFinite);

/** Every number a calculation shows: its value, inputs, parameters and steps. */
function calculatedNumbers(calculations: readonly Calculation[]): number[] {
  const found: number[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'number') found.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(calculations);
  return found;
}

/** The written number stands for `exact` when it is `exact` rounded to the decimals written. */
function writtenFor(written: string, stated: number, exact: number): boolean {
  const decimals = /\.(\d+)/.exec(written.replace(/e.*$/i, ''))?.[1]?.length ?? 0;
  const scale = /e([+-]?\d+)/i.exec(written)?.[1];
  const unit = 10 ** ((scale ? Number(scale) : 0) - decimals);
  return Math.abs(stated - exact) <= unit / 2 + 1e-9 * Math.max(1, Math.abs(exact));
}

/** A number is said to be a loss's value: "the MSE is 2", "loss = 0.51", "损失为 0.51". */
const CLAIM_LEAD = /(?:\b(?:is|equals|gives|comes to|works out to|of)|=|≈|:|为|是|等于|约为)\s*(?:about|approximately|roughly|exactly|around|~|≈)?\s*$/i;
const VALUE_WORD = /\b(?:loss|value|result|error)\b|损失|结果/i;

function claimedCalculation(sentence: string, calculations: readonly Calculation[]): Calculation | undefined {
  if (!CLAIM_LEAD.test(sentence)) return undefined;
  const lower = sentence.toLowerCase();
  const named = calculations.find((c) => {
    const loss = losses.find((l) => l.id === c.loss);
    return [c.loss, loss?.name, ...(loss?.aliases ?? [])].some((name) => name && new RegExp(`\\b${name.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(lower));
  });
  if (named) return named;
  // "the loss is …" names no loss: it is a claim when the calculations agree on one value (the same case run twice).
  const values = new Set(calculations.map((c) => JSON.stringify(c.value)));
  return VALUE_WORD.test(sentence) && values.size === 1 ? calculations[0] : undefined;
}

/** The current sentence up to `offset`: a decimal point is not the end of a sentence. */
function sentenceBefore(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const ends = [...before.matchAll(/[.!?。！？](?=\s)|\n/g)];
  const last = ends[ends.length - 1];
  return last === undefined ? before : before.slice(last.index + 1);
}

const scalarValues = (calculation: Calculation): number[] => [calculation.value, ...(calculation.terms ?? []).flatMap((t) => [t.value, t.weighted])].flat().filter((v): v is number => typeof v === 'number');

const UNCHECKED: Record<string, string> = { en: 'not from the calculator or the notes', zh: '未经计算器或笔记核实' };

/**
 * Numbers the learner would see, each traced: a claimed value of a calculated loss must be that
 * value (rounded as written), else the calculator's value replaces it with a note; any other number
 * must appear in a calculation, the question or the notes, else it is marked. 0, 1 and 2 are the
 * constants of every formula (1 − p, a square) and pass. Item marks and list numbering are not numbers.
 */
export function checkNumbers(text: string, sources: NumberSources): string {
  const known = [...calculatedNumbers(sources.calculations), ...numbersIn(sources.question), ...sources.notes.flatMap(numbersIn), 0, 1, 2];
  const unchecked = UNCHECKED[sources.lang.startsWith('zh') ? 'zh' : 'en'];
  return text.replace(/^(\s*(?:#+\s*)?\d+[.)]\s)|\[#\d+\]|(?<![\w.#])-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e[+-]?\d+)?(?![\w])/gim, (written, numbering: string | undefined, offset: number) => {
    if (numbering !== undefined || written.startsWith('[#')) return written;
    const stated = Number(written.replace(/,/g, ''));
    if (!Number.isFinite(stated)) return written;
    const claimed = claimedCalculation(sentenceBefore(text, offset), sources.calculations);
    if (claimed) {
      const values = scalarValues(claimed);
      if (values.some((v) => writtenFor(written, stated, v))) return written;
      const truth = values[0];
      if (truth !== undefined) return `${formatNumber(truth)} (corrected by the calculator: the model said ${written})`;
    }
    if (known.some((k) => writtenFor(written, stated, k))) return written;
    return `${written} (${unchecked})`;
  });
}
