import { expect, it } from 'vitest';
import type { NoteFormat } from '../../src/kb/formats/note-format';
import type { NoteFile } from '../../src/kb/note-files';

const file = (source: string, text: string): NoteFile => ({ source, text, bytes: Buffer.from(text) });

/** Markup a learner must never see in a title or a claim. */
export const LEFTOVER_MARKUP = /\{\{c\d+::|\[\[|\]\]|!\[|<\/?[a-z]+[ >]|&[a-z]+;|^#+\s|::\s|\[![a-z]+\]|\u001b\[/i;

/**
 * The contract every note format keeps (hono's runTest pattern): it recognises its sample, makes
 * notes whose titles and claims are human text from it, names the file as their source, and never
 * throws, whatever the file holds.
 */
export function runFormatContract(format: NoteFormat, sample: { source: string; text: string }): void {
  it(`${format.name}: recognises its sample`, () => {
    expect(format.recognise(file(sample.source, sample.text))).toBe(true);
  });

  it(`${format.name}: makes notes with human titles and claims, sourced from the file`, () => {
    const { notes } = format.parse(file(sample.source, sample.text));
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) {
      expect(note.title.trim()).not.toBe('');
      expect(note.title).not.toMatch(LEFTOVER_MARKUP);
      expect(note.claim).not.toMatch(LEFTOVER_MARKUP);
      expect(note.source.startsWith(sample.source)).toBe(true);
      expect(note.sections.length).toBeGreaterThan(0);
    }
  });

  it(`${format.name}: never throws on an empty, truncated or garbled file`, () => {
    for (const text of ['', '\n\n', sample.text.slice(0, Math.floor(sample.text.length / 2)), '{"cells": 3', '\u0001\u0002 ### [[', '<<<>>>|||,,,\t\t']) {
      const parsed = format.parse(file(sample.source, text));
      expect(Array.isArray(parsed.notes)).toBe(true);
      for (const problem of parsed.problems) expect(problem.message).toContain(sample.source);
    }
  });
}
