import { stem } from './english-stem';
import { stopHan, stopWords } from './stop-words';

/**
 * Index and query terms for English and Chinese alike. Text is NFKC-normalised (full-width
 * letters and digits become ASCII) and lower-cased; Latin words are stemmed and hyphenated words
 * also kept joined ("cross-entropy" → cross, entropy, crossentropy); Han runs are split into words
 * by Intl.Segmenter, with character bigrams where it over-splits technical terms (交叉熵 → 交叉 / 熵,
 * so 叉熵 is added) and a bigram still matches them.
 */
const RUN = /\p{Script=Han}+|[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;
/**
 * The same runs for text whose letters and digits are all ASCII, which most notes are even when a
 * typographic apostrophe or a dash is in them: much cheaper than Unicode classes.
 */
const ASCII_RUN = /[a-z0-9]+(?:[-'’][a-z0-9]+)*/g;
const ASCII = /^[\x00-\x7f]*$/;
const NON_ASCII_WORD_CHAR = /(?![\x00-\x7f])[\p{L}\p{N}]/u;
const HAN_START = /^\p{Script=Han}/u;
// Han starts at U+2E80: a run opening below it is not Han, without running the Unicode class.
const isHan = (run: string) => run.charCodeAt(0) >= 0x2e80 && HAN_START.test(run);
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/**
 * A Han run as its words, plus character bigrams where the segmenter may have cut a term apart:
 * inside words of three or more characters, and across the edges of one-character words. A query
 * segmented differently from the note still shares those bigrams with it.
 */
function hanTerms(run: string, out: string[]): void {
  if (run.length === 1) {
    if (!stopHan.has(run)) out.push(run);
    return;
  }
  // Two characters give the run itself however they are segmented (one word, or the bigram of two).
  if (run.length === 2) {
    out.push(run);
    return;
  }
  const bigramFrom = new Uint8Array(run.length);
  // containing() walks the segments without the iterator protocol, a quarter faster than for...of.
  const segments = segmenter.segment(run);
  for (let index = 0; index < run.length; ) {
    const { segment, isWordLike } = segments.containing(index)!;
    if (segment.length === 1) {
      if (index > 0) bigramFrom[index - 1] = 1;
      bigramFrom[index] = 1;
    } else {
      if (isWordLike) out.push(segment);
      for (let i = index; segment.length > 2 && i < index + segment.length - 1; i++) bigramFrom[i] = 1;
    }
    index += segment.length;
  }
  for (let i = 0; i + 1 < run.length; i++) if (bigramFrom[i] === 1) out.push(run.slice(i, i + 2));
}

const JOINER = /[-'’]/;

// A text repeats its words many times over, so each word is looked up once: its stem, or '' for a
// stop word. The cache is bounded so that a stream of unseen words (generated or hostile text)
// cannot grow it without end.
const termByWord = new Map<string, string>();
const MAX_CACHED = 50_000;

function wordTerm(word: string): string {
  let term = termByWord.get(word);
  if (term === undefined) {
    if (termByWord.size >= MAX_CACHED) termByWord.clear();
    term = stopWords.has(word) ? '' : stem(word);
    termByWord.set(word, term);
  }
  return term;
}

function pushWord(word: string, keepStopWords: boolean, out: string[]): void {
  const term = wordTerm(word);
  if (term !== '') out.push(term);
  else if (keepStopWords) out.push(stem(word));
}

function latinTerms(word: string, keepStopWords: boolean, out: string[]): void {
  if (!JOINER.test(word)) return pushWord(word, keepStopWords, out);
  const parts = word.split(JOINER).filter(Boolean);
  for (const part of parts) pushWord(part, keepStopWords, out);
  if (parts.length > 1) out.push(parts.join(''));
}

/** The terms of a text, in order; stop words dropped unless they are all there is. */
export function terms(text: string): string[] {
  const ascii = ASCII.test(text);
  // NFKC only where it can change something; then the cheap expression wherever it finds the same runs.
  const lower = (ascii ? text : text.normalize('NFKC')).toLowerCase();
  const plain = ascii || !NON_ASCII_WORD_CHAR.test(lower);
  const runs = lower.match(plain ? ASCII_RUN : RUN) ?? [];
  const out: string[] = [];
  for (const run of runs) {
    if (!plain && isHan(run)) hanTerms(run, out);
    else latinTerms(run, false, out);
  }
  if (out.length === 0) for (const run of runs) latinTerms(run, true, out);
  return out;
}
