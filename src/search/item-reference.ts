/**
 * The one grammar of an item named by its number, shared by search (the named item ranks first)
 * and the tutor (it answers about that item, and reads no calculation numbers inside the phrase).
 *
 * Read as references: "#35", "＃３５", "item 35", "items 35 and 36", "item 6 vs 7", "item 35's",
 * "note 35", "entry 35", "fact 35", "point 35" (a numbered list's entry), "no. 35", "number 35", "the 35th item", "the 35th one",
 * "第35條", "第 35 項", "第35、36條", and ranges "#35-#37", "items 35–37", "items 35 to 37",
 * "第35至37條" (every item of a range up to ten long, else only its two ends).
 *
 * Not references: a count before its noun ("top 5 items", "5 notes"), a bare number ("in 2024"),
 * a rank ("#1 reason", "the #2 cause"), "#" after a letter ("C# 10", "F#7"), decimals ("item 3.5"),
 * and "the first one" … "the 5th one", which point into the last list shown (the tutor reads them).
 */

export interface ItemNumberPhrase {
  /** Where the phrase starts and ends in the text as written (UTF-16 offsets, end exclusive). */
  start: number;
  end: number;
  /** The phrase as written: "items 35 and 36". */
  text: string;
  /** The items it names, in the order written. */
  numbers: number[];
}

const LONGEST_RANGE = 10;

const num = String.raw`\d{1,6}(?!\d|\.\d)`;
const n = `(${num})`;
const more = String.raw`(?:\s*(?:,|&|\band\b|\bor\b|\bvs\.?|\bversus\b)\s*(?:(?:items?|notes?|#)\s*)?#?\s*${num})*`;
const range = String.raw`\s*(?:-|–|—|~|\bto\b|\bthrough\b)\s*(?:(?:items?|notes?)\s*)?#?\s*${num}`;
const rank = String.raw`(?!\s+(?:reasons?|causes?|mistakes?|rules?|tips?|choices?|picks?|priority|priorities|things?|ways?|problems?|issues?|most|best|worst|biggest|top|main|fan|spot|place|rank)\b)`;
const hanSuffix = '[條条項项個个則则點点]';

const grammar: RegExp[] = [
  new RegExp(String.raw`\b(?:items?|notes?|entry|entries|facts?|points?|no\.|no(?=\d)|(?:item |note )?number)\s*#?\s*${n}(?:${range}|${more})`, 'gi'),
  new RegExp(String.raw`(?<![\p{L}\p{N}_#])#\s?${n}(?:${range}|${more})${rank}`, 'giu'),
  new RegExp(String.raw`\b(?:the\s+)?(?![1-5](?:st|nd|rd|th)\s+one\b)${n}(?:st|nd|rd|th)\s+(?:item|note|entry|fact|point|one)\b`, 'gi'),
  new RegExp(String.raw`第\s*${n}(?:\s*(?:-|–|~|至|到)\s*${num}|(?:\s*[、,和與与及或]\s*(?:第\s*)?${num})*)\s*${hanSuffix}`, 'g'),
];

/** The text in NFKC ("＃３５" → "#35", "№" → "No"), with where each of its characters came from. */
function normalise(text: string): { normalised: string; from: number[]; to: number[] } {
  let normalised = '';
  const from: number[] = [];
  const to: number[] = [];
  // A base and its combining marks normalise together; each piece maps back to its whole span.
  for (const piece of text.matchAll(/\P{M}\p{M}*|\p{M}+/gsu)) {
    const start = piece.index ?? 0;
    const written = piece[0].normalize('NFKC');
    for (let i = 0; i < written.length; i += 1) {
      from.push(start);
      to.push(start + piece[0].length);
    }
    normalised += written;
  }
  return { normalised, from, to };
}

/** Every number of a phrase, a range spelled out when it is short. */
function numbersOf(phrase: string): number[] {
  const written = [...phrase.matchAll(/\d{1,6}/g)].map((m) => Number(m[0]));
  const isRange = /\d\s*(?:-|–|—|~|\bto\b|\bthrough\b|至|到)\s*(?:(?:items?|notes?)\s*)?#?\s*\d/i.test(phrase);
  const [first, last] = written;
  if (!isRange || first === undefined || last === undefined || last <= first) return written;
  if (last - first + 1 > LONGEST_RANGE) return [first, last];
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** Every phrase that names items by number, in order, none overlapping another. */
export function itemNumberPhrases(text: string): ItemNumberPhrase[] {
  const { normalised, from, to } = normalise(text);
  const found: { start: number; end: number; numbers: number[] }[] = [];
  for (const pattern of grammar) {
    for (const match of normalised.matchAll(pattern)) {
      const start = match.index ?? 0;
      found.push({ start, end: start + match[0].length, numbers: numbersOf(match[0]) });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: typeof found = [];
  for (const phrase of found) if (!kept.some((k) => phrase.start < k.end)) kept.push(phrase);
  return kept.map(({ start, end, numbers }) => {
    const [origin, limit] = [from[start] ?? text.length, to[end - 1] ?? text.length];
    return { start: origin, end: limit, text: text.slice(origin, limit), numbers };
  });
}

/** Every item number named in the text, in order of appearance, without repeats. */
export function namedItems(text: string): number[] {
  return [...new Set(itemNumberPhrases(text).flatMap((phrase) => phrase.numbers))];
}

/** The spans explicit item references occupy, so number extraction can skip them. */
export function itemReferenceSpans(text: string): [number, number][] {
  return itemNumberPhrases(text).map((phrase) => [phrase.start, phrase.end]);
}
