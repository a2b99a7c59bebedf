/**
 * Text copied from a web page loses the line break between a paragraph and the heading after it:
 * "…during training.How it works", the section's text on the next line. Such a heading is a short
 * capitalised phrase right after a sentence's full stop, with no space, ending its line.
 */
const GLUED = /^(.{40,}?[\p{Ll}\p{N})\]][.!?])(\p{Lu}[\p{L}\p{N}'’ -]{1,58})$/u;
const MAX_WORDS = 8;
/** Lines that are not prose: list entries, quotes, table rows, indented code. */
const NOT_PROSE = /^(?:\s*(?:[-*+>|•]|\d+[.)])\s|\s{4}|\t)/;
const FENCE = /^\s*(```|~~~)/;
const LAST_IS_WORD = /[\p{L}\p{N}]/u;

/**
 * Every glued heading put on a line of its own after a blank line, as `heading(phrase)` writes it
 * (plain text leaves it bare for its section-line rule; Markdown makes it a `##` heading). Code
 * fences, indented code and list entries are never touched.
 */
export function unglueHeadings(text: string, heading: (phrase: string) => string): string {
  const lines = text.split('\n');
  let inFence = false;
  return lines
    .map((line, i) => {
      if (FENCE.test(line)) inFence = !inFence;
      // Most lines end in punctuation; only one ending in a word can end in a glued heading.
      if (inFence || !LAST_IS_WORD.test(line.slice(-1)) || NOT_PROSE.test(line) || (lines[i + 1] ?? '').trim() === '') return line;
      const glued = GLUED.exec(line);
      if (!glued || glued[2]!.trim().split(/\s+/).length > MAX_WORDS) return line;
      return `${glued[1]}\n\n${heading(glued[2]!.trim())}`;
    })
    .join('\n');
}
