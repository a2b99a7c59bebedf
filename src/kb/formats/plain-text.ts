import { parseDocument } from '../document';
import { extensionOf, type NoteFormat } from './note-format';
import { withFrontMatter } from './markdown';

const LIST_OR_NUMBER = /^\s*(?:[-*+•]|\d+[.)])\s/;

/**
 * A line people use as a section label in plain text: short, on its own after a blank line, text
 * right below it, no sentence punctuation at its end ("How it works", "Concrete example").
 */
function isSectionLine(lines: string[], i: number): boolean {
  const line = lines[i]!;
  const before = i === 0 ? '' : lines[i - 1]!;
  const after = lines[i + 1] ?? '';
  return (
    before.trim() === '' &&
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

/** Unmarked section lines become headings, the first line the title, so the Markdown reader sees them. */
export function markPlainSections(text: string): string {
  const lines = text.split('\n');
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
