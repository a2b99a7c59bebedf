import { parseDocument } from '../document';
import { unglueHeadings } from '../glued-heading';
import { extensionOf, type NoteFormat } from './note-format';
import { withFrontMatter } from './markdown';

const LIST_OR_NUMBER = /^\s*(?:[-*+•]|\d+[.)])\s/;

/** A paragraph kept on one line, as text pasted from the web is: longer than any hard-wrapped line. */
const UNWRAPPED_PARAGRAPH = 100;

/**
 * A line people use as a section label in plain text: short, on its own after a blank line (or
 * after a paragraph kept on one line), text right below it or a sentence after one blank line, no
 * sentence punctuation at its end ("How it works", "Concrete example", "TECHNICAL DEFINITION").
 */
function isSectionLine(lines: string[], i: number): boolean {
  const line = lines[i]!;
  const before = i === 0 ? '' : lines[i - 1]!;
  const paragraphBefore = before.trim().length > UNWRAPPED_PARAGRAPH && /[.!?。！？]$/.test(before.trim());
  const next = lines[i + 1] ?? '';
  const sentenceAfterBlank = next.trim() === '' && /[.!?。！？]$/.test((lines[i + 2] ?? '').trim());
  const after = sentenceAfterBlank ? lines[i + 2]! : next;
  return (
    (before.trim() === '' || paragraphBefore) &&
    after.trim() !== '' &&
    !/^\s/.test(line) &&
    !/^\s{4}|\t/.test(after) &&
    line.length <= 60 &&
    line.trim().split(/\s+/).length <= 8 &&
    /^\p{Lu}/u.test(line) &&
    !/[.!?,;:。！？]$/.test(line.trim()) &&
    !LIST_OR_NUMBER.test(line)
  );
}

/** A first line written as a code comment: "// MODEL NOTES", "-- notes --", a C block comment. */
const COMMENT_LINE = /^\s*(?:\/\/+|\/\*+|<!--|--+|;{2,})\s*(.*?)\s*(?:\*+\/|-->|--+)?\s*$/;

/** The first line without the comment marker learners put around a file's title. */
const uncommented = (line: string): string => COMMENT_LINE.exec(line)?.[1] || line;

/**
 * Unmarked section lines become headings, the first line the title, so the Markdown reader sees
 * them; a heading glued to the sentence before it is put on its own line first.
 */
export function markPlainSections(text: string): string {
  const [first = '', ...rest] = unglueHeadings(text, (phrase) => phrase).split('\n');
  const lines = [uncommented(first), ...rest];
  return lines.map((line, i) => (isSectionLine(lines, i) ? `${i === 0 ? '#' : '##'} ${line.trim()}` : line)).join('\n');
}

const plainExtensions = new Set(['txt', 'text', '']);
export const isPlainTextFile = (source: string): boolean => plainExtensions.has(extensionOf(source));

/**
 * In a plain-text note `*` is a multiplication sign ("0.5*e^2", "delta*(|e| - 0.5*delta)"), not
 * Markdown emphasis: each is escaped for the Markdown reader, except a bullet opening a line.
 */
export function literalAsterisks(text: string): string {
  return text.replace(/\*/g, (star, at: number) => (/(?:^|\n)[ \t]*$/.test(text.slice(Math.max(0, at - 40), at)) && /\s/.test(text[at + 1] ?? '') ? star : '\\*'));
}

/** Plain text files without Markdown headings. */
export const plainText: NoteFormat = {
  name: 'plain-text',
  recognise: (file) => isPlainTextFile(file.source) && !/^#{1,6}\s/m.test(file.text),
  parse: (file) => withFrontMatter(file, (body, front) => parseDocument(file.source, markPlainSections(literalAsterisks(body)), front)),
};
