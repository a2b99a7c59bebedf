import type { NoteFile } from '../note-files';
import { anki, table } from './flashcards';
import { html } from './html';
import { jupyter } from './jupyter';
import { logseq } from './logseq';
import { hugo, markdown, obsidian } from './markdown';
import { notion } from './notion';
import { numberedList } from './numbered-list';
import { pdf } from './pdf';
import { extensionOf, problem, type NoteFormat, type ParsedFile } from './note-format';
import { plainText } from './plain-text';
import { tooling } from './skipped';
import { transcript } from './transcript';

/**
 * Every format, in the order they are asked (docs/knowledge-format.md): tooling folders first, then
 * the formats a file's extension decides (notebooks, PDFs, flashcards, tables, HTML), then the Markdown
 * family from the most particular (transcripts, Logseq, Notion, Hugo, Obsidian, a bare numbered list)
 * to the most general (plain text, Markdown).
 */
export const noteFormats: readonly NoteFormat[] = [tooling, jupyter, pdf, anki, table, html, transcript, logseq, notion, hugo, obsidian, numberedList, plainText, markdown];

export interface ParsedNoteFile extends ParsedFile {
  /** The format that read it, or "unknown" when none did. */
  format: string;
}

/** One file → its notes, read by the first format that recognises it; no format, a warning. */
export function parseNoteFile(file: NoteFile): ParsedNoteFile {
  const format = noteFormats.find((candidate) => candidate.recognise(file));
  if (!format) {
    const kind = extensionOf(file.source) || 'without an extension';
    return {
      format: 'unknown',
      notes: [],
      problems: [problem(file.source, 'skipped', `${file.source} was skipped: .${kind} is not a note format (see docs/knowledge-format.md); move it out of the folder to silence this.`, 'warning')],
    };
  }
  return { format: format.name, ...format.parse(file) };
}
