import type { KbProblem } from '../item';
import type { NoteFile } from '../note-files';
import type { RawNote } from '../raw-note';

export interface ParsedFile {
  notes: RawNote[];
  problems: KbProblem[];
}

/**
 * One way learners keep notes. The registry (formats/index.ts) asks each format in its documented
 * order whether it `recognise`s a file, by path and content together; the first that does parses it.
 */
export interface NoteFormat {
  /** Shown by `check` beside every file: "markdown", "jupyter", ... */
  name: string;
  recognise(file: NoteFile): boolean;
  parse(file: NoteFile): ParsedFile;
}

export const extensionOf = (source: string): string => /\.([^./]+)$/.exec(source)?.[1]?.toLowerCase() ?? '';

export const problem = (source: string, code: KbProblem['code'], message: string, severity: KbProblem['severity'] = 'error'): KbProblem => ({ code, severity, source, message });

export const emptyFile = (source: string, what = 'is empty'): ParsedFile => ({
  notes: [],
  problems: [problem(source, 'empty_note', `${source} ${what}: write a note in it or remove it.`, 'warning')],
});
