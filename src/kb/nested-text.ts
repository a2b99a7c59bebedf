/**
 * Punctuation that ends a sentence or a clause in prose does not end one inside a formula or
 * brackets: "(1 - p_t)^gamma", "max(0, 1 - y f(x))", "$p, q$", "(e.g. BCE vs F1)". Such marks, and
 * the full stop of an abbreviation, are swapped for private-use characters while a text is cut,
 * then swapped back.
 */
const MARKS = ',;:.!?-–—';
const hidden = (mark: string): string => String.fromCharCode(0xe000 + MARKS.indexOf(mark));
const HIDDEN_MARK = /[\ue000-\ue008]/g;
const MATH = /\$\$[\s\S]+?\$\$|\$[^\s$](?:[^$\n]*?[^\s$])?\$/g;
/** Abbreviations whose full stop ends no sentence: "e.g. BCE", "Müller et al. 2019". */
const ABBREVIATION = /\b(e\.g|i\.e|et al|cf|vs|approx|resp|incl|esp|fig|eq|sec|dr|prof)\.(?=\s)/gi;

const hideMarks = (text: string): string => text.replace(/[,;:.!?\-–—]/g, hidden);

export function hideNested(text: string): string {
  const unmathed = text.replace(MATH, hideMarks).replace(ABBREVIATION, (_m, word: string) => `${word}${hidden('.')}`);
  let depth = 0;
  let out = '';
  for (const char of unmathed) {
    if ('([{'.includes(char)) depth++;
    else if (')]}'.includes(char)) depth = Math.max(0, depth - 1);
    out += depth > 0 && MARKS.includes(char) ? hidden(char) : char;
  }
  return out;
}

export const showNested = (text: string): string => text.replace(HIDDEN_MARK, (mark) => MARKS[mark.charCodeAt(0) - 0xe000]!);

/** Words of a text, a bracketed group ("max(0, 1 - y f(x))") counted as one. */
export function wordsOf(text: string): string[] {
  const words: string[] = [];
  let depth = 0;
  for (const token of text.split(/\s+/).filter(Boolean)) {
    if (depth > 0) words[words.length - 1] += ` ${token}`;
    else words.push(token);
    for (const char of token) {
      if ('([{'.includes(char)) depth++;
      else if (')]}'.includes(char)) depth = Math.max(0, depth - 1);
    }
  }
  return words;
}
