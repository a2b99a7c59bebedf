import type { LossCase } from '../core';
import { frontMatterKind, frontMatterSchema, splitFrontMatter, type FrontMatter } from './front-matter';
import type { KbProblem } from './item';
import type { NoteFile } from './note-files';
import { isNumberedList, parseNumberedList } from './numbered-list';
import { detectLanguage, firstSentence, numberFromFileName, quizFromText, titleFromFileName, type RawNote } from './raw-note';
import { cleanMarkup } from './plain-text';
import { parseBody } from './sections';
import { isTranscript, parseTranscript, transcriptSections } from './transcript';

export interface ParsedFile {
  notes: RawNote[];
  problems: KbProblem[];
}

const problem = (source: string, code: KbProblem['code'], message: string): KbProblem => ({ code, severity: 'error', source, message });

/** A Markdown or plain-text note (with or without front matter) as one item. */
function parseDocument(file: NoteFile, body: string, front: FrontMatter): RawNote {
  const parsed = parseBody(body);
  const allText = parsed.sections.map((section) => section.text).join('\n');
  const firstLine = cleanMarkup(body.trim().split(/\r?\n/)[0] ?? '').text.trim();
  const plainTitle = parsed.heading === undefined && front.title === undefined && firstLine.length > 0 && firstLine.length <= 100 && !/[.。]$/.test(firstLine);
  if (plainTitle) {
    // A plain note's first line is its title, not the start of its text.
    const first = parsed.sections[0];
    if (first && first.text.startsWith(firstLine)) first.text = first.text.slice(firstLine.length).trim();
    parsed.sections = parsed.sections.filter((section) => section.text !== '');
  }
  const definition = parsed.sections.find((section) => section.name === 'definition') ?? parsed.sections[0];
  const quizSection = parsed.sections.find((section) => section.name === 'quiz');
  const note: RawNote = {
    source: file.source,
    lang: front.lang ?? detectLanguage(`${front.title ?? ''} ${allText}`),
    title: front.title ?? parsed.heading ?? (plainTitle ? firstLine : titleFromFileName(file.source)),
    claim: front.claim ?? firstSentence(definition?.text ?? ''),
    aliases: front.aliases ?? [],
    tags: [...new Set([...(front.tags ?? []), ...parsed.tags])],
    related: front.related ?? [],
    links: parsed.links,
    quiz: front.quiz ?? (quizSection ? quizFromText(quizSection.text) : []),
    sections: parsed.sections,
  };
  const number = front.item ?? numberFromFileName(file.source);
  if (number !== undefined) note.number = number;
  if (front.loss !== undefined) note.loss = front.loss;
  if (front.example !== undefined) note.example = front.example as unknown as LossCase;
  return note;
}

function parseConversation(file: NoteFile): RawNote | undefined {
  const turns = parseTranscript(file.text);
  if (turns.length === 0) return undefined;
  // The learner's longest turn is the question the transcript is about; greetings are not.
  const question = turns.filter((turn) => turn.role === 'user').sort((a, b) => b.text.length - a.text.length)[0] ?? turns[0]!;
  const reply = turns.slice(turns.indexOf(question)).find((turn) => turn.role === 'assistant');
  const sections = transcriptSections(turns);
  const note: RawNote = {
    source: file.source,
    lang: detectLanguage(turns.map((turn) => turn.text).join(' ')),
    title: firstSentence(question.text).slice(0, 100),
    claim: firstSentence(reply?.text ?? question.text),
    aliases: [],
    tags: ['conversation'],
    related: [],
    links: [],
    quiz: [],
    sections,
  };
  const number = numberFromFileName(file.source);
  if (number !== undefined) note.number = number;
  return note;
}

/** One file → its notes, recognised by content rather than by extension. */
export function parseNoteFile(file: NoteFile): ParsedFile {
  const kind = frontMatterKind(file.text);
  if (kind) {
    let split: ReturnType<typeof splitFrontMatter>;
    try {
      split = splitFrontMatter(file.text, kind);
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      return { notes: [], problems: [problem(file.source, 'parse_error', `${file.source} was skipped: its ${kind.toUpperCase()} front matter does not parse (${reason}); fix the block between the ${kind === 'yaml' ? '---' : '+++'} lines.`)] };
    }
    const front = frontMatterSchema.safeParse(split.data);
    if (!front.success) {
      const fields = front.error.issues.map((issue) => `${issue.path.join('.')} (${issue.message})`).join(', ');
      return { notes: [], problems: [problem(file.source, 'parse_error', `${file.source} was skipped: front matter field ${fields} is not valid; see docs/knowledge-format.md for the fields.`)] };
    }
    const note = parseDocument(file, split.body, front.data);
    return note.sections.length > 0 || front.data.claim ? { notes: [note], problems: [] } : { notes: [], problems: [{ ...problem(file.source, 'empty_note', `${file.source} has no text: write a claim or a section, or remove it.`), severity: 'warning' }] };
  }
  if (isTranscript(file.text)) {
    const note = parseConversation(file);
    return note ? { notes: [note], problems: [] } : { notes: [], problems: [{ ...problem(file.source, 'empty_note', `${file.source} is a transcript with no readable turns.`), severity: 'warning' }] };
  }
  if (isNumberedList(file.text)) return { notes: parseNumberedList(file.source, file.text), problems: [] };
  if (file.text.trim() === '') return { notes: [], problems: [{ ...problem(file.source, 'empty_note', `${file.source} is empty: write a note in it or remove it.`), severity: 'warning' }] };
  return { notes: [parseDocument(file, file.text, {})], problems: [] };
}
