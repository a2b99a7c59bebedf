/**
 * How a term is spelled inside the MiniSearch index. MiniSearch keeps its terms in a radix tree
 * whose nodes find a child by scanning all of their children; that is cheap for Latin words (a few
 * dozen first letters) but not for Chinese, where the root would hold one child per distinct Han
 * character, thousands of them, scanned on every insert and lookup. A Han term is therefore spelled
 * as a marker and the hexadecimal code points of its characters, so no node has more than sixteen
 * Han children. Latin terms are kept as they are; the marker keeps the two spellings apart.
 */
const HAN = /\p{Script=Han}/u;
const MARKER = '§';
const WIDTH = 5;

// The same few thousand Han words and bigrams recur through the notes: each is spelled once.
const keys = new Map<string, string>();
const MAX_CACHED = 50_000;

export function toIndexKey(term: string): string {
  // Han starts at U+2E80: a term opening below it is Latin, without running the Unicode class.
  if (term.charCodeAt(0) < 0x2e80) return term;
  let key = keys.get(term);
  if (key === undefined) {
    key = HAN.test(term) ? spell(term) : term;
    if (keys.size >= MAX_CACHED) keys.clear();
    keys.set(term, key);
  }
  return key;
}

function spell(term: string): string {
  let key = MARKER;
  for (const char of term) key += char.codePointAt(0)!.toString(16).padStart(WIDTH, '0');
  return key;
}

export function fromIndexKey(key: string): string {
  if (!key.startsWith(MARKER)) return key;
  let term = '';
  for (let i = MARKER.length; i < key.length; i += WIDTH) term += String.fromCodePoint(parseInt(key.slice(i, i + WIDTH), 16));
  return term;
}
