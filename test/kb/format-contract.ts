import { expect, it } from 'vitest';
import type { NoteFormat } from '../../src/kb/formats/note-format';
import type { NoteFile } from '../../src/kb/note-files';
import type { PdfPage } from '../../src/kb/pdf-text';

/** A format's sample: a file's path and text, and for a PDF the pages extracted when it was read. */
export interface FormatSample {
  source: string;
  text: string;
  pages?: PdfPage[];
}

const file = (source: string, text: string, pages?: PdfPage[]): NoteFile => ({ source, text, bytes: Buffer.from(text), ...(pages && { pages }) });

/** The sample's pages cut short, emptied, or holding nothing but stray glyphs. */
const garbledPages = (pages: PdfPage[]): PdfPage[][] => [
  [],
  pages.slice(0, Math.ceil(pages.length / 2)),
  pages.map((page) => ({ ...page, lines: [] })),
  pages.map((page) => ({ ...page, lines: page.lines.map((line) => ({ ...line, text: '\u0001 [[ •' })) })),
];

/** Markup a learner must never see in a title or a claim. */
export const LEFTOVER_MARKUP = /\{\{c\d+::|\[\[|\]\]|!\[|<\/?[a-z]+[ >]|&[a-z]+;|^#+\s|::\s|\[![a-z]+\]|\u001b\[/i;

/**
 * The contract every note format keeps (hono's runTest pattern): it recognises its sample, makes
 * notes whose titles and claims are human text from it, names the file as their source, and never
 * throws, whatever the file holds.
 */
export function runFormatContract(format: NoteFormat, sampled: FormatSample | Promise<FormatSample>): void {
  it(`${format.name}: recognises its sample`, async () => {
    const sample = await sampled;
    expect(format.recognise(file(sample.source, sample.text, sample.pages))).toBe(true);
  });

  it(`${format.name}: makes notes with human titles and claims, sourced from the file`, async () => {
    const sample = await sampled;
    const { notes } = format.parse(file(sample.source, sample.text, sample.pages));
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) {
      expect(note.title.trim()).not.toBe('');
      expect(note.title).not.toMatch(LEFTOVER_MARKUP);
      expect(note.claim).not.toMatch(LEFTOVER_MARKUP);
      expect(note.source.startsWith(sample.source)).toBe(true);
      expect(note.sections.length).toBeGreaterThan(0);
    }
  });

  it(`${format.name}: never throws on an empty, truncated or garbled file`, async () => {
    const sample = await sampled;
    for (const text of ['', '\n\n', sample.text.slice(0, Math.floor(sample.text.length / 2)), '{"cells": 3', '\u0001\u0002 ### [[', '<<<>>>|||,,,\t\t']) {
      const parsed = format.parse(file(sample.source, text));
      expect(Array.isArray(parsed.notes)).toBe(true);
      for (const problem of parsed.problems) expect(problem.message).toContain(sample.source);
    }
    for (const pages of sample.pages ? garbledPages(sample.pages) : []) {
      const parsed = format.parse(file(sample.source, '', pages));
      expect(Array.isArray(parsed.notes)).toBe(true);
      for (const problem of parsed.problems) expect(problem.message).toContain(sample.source);
    }
  });
}
