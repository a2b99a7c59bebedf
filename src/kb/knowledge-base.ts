import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadLazily } from '../runtime/lazy-module';
import type { FileReport, Item, ItemText, KbProblem, KnowledgeBase, LoadReading } from './item';
import { awaitsExtraction, readNoteFiles, withPdfText, type NoteFile } from './note-files';
import type { ParsedFile } from './note-parser';
import { BLOCK_REF } from './block-reference';
import { numberRuns } from './number-runs';
import { openParseCache } from './parse-cache';
import { cutPassages } from './passages';
import type { RawNote } from './raw-note';

export class KnowledgeBaseError extends Error {
  override readonly name = 'KnowledgeBaseError';
  constructor(
    readonly code: 'kb_not_found' | 'kb_not_a_folder',
    message: string,
  ) {
    super(message);
  }
}

const textOf = (note: RawNote, number: number): ItemText => ({
  lang: note.lang,
  title: note.title,
  claim: note.claim,
  sections: note.sections,
  passages: cutPassages(number, note.sections),
  quiz: note.quiz,
  source: note.source,
});

const isBaseLanguage = (lang: string): boolean => lang === 'en' || lang.startsWith('en-');

type Numbered = Map<number, { base: RawNote; translations: RawNote[] }>;

/** Whether a note can take its number: nobody has it, or it is the item there in another language. */
function fits(items: Numbered, note: RawNote): boolean {
  const entry = items.get(note.number!);
  return !entry || (entry.base.lang !== note.lang && !entry.translations.some((t) => t.lang === note.lang));
}

/** A note takes its number (or translates the item there); a clash is reported and numbered later. */
function claim(items: Numbered, note: RawNote, problems: KbProblem[], later: RawNote[]): void {
  const entry = items.get(note.number!);
  if (!entry) items.set(note.number!, { base: note, translations: [] });
  else if (fits(items, note)) entry.translations.push(note);
  else {
    problems.push({
      code: 'duplicate_number',
      severity: 'error',
      source: note.source,
      item: note.number!,
      message: `${note.source} and ${entry.base.source} are both item ${note.number}: give one of them another number; until then ${note.source} is numbered after the others.`,
    });
    later.push(note);
  }
}

/**
 * Numbers every note. A number written on a fact (front matter, a list entry, a file name) is kept;
 * a second note with the same number and language is a duplicate (reported, then numbered after the
 * rest); one in another language is a translation. A file's numbered `##` sections keep their
 * numbers only when no written number and no earlier file's sections hold one of them; else all of
 * that file's sections, in order, follow the highest number any note was written with, with a
 * warning. Notes without a number come last, in path order.
 */
function numberNotes(notes: RawNote[], problems: KbProblem[]): Numbered {
  const items: Numbered = new Map();
  const later: RawNote[] = [];
  const explicit = notes.filter((note) => note.number !== undefined);
  // English notes claim their number first, so a Chinese twin listed earlier still becomes the translation.
  explicit.sort((a, b) => Number(isBaseLanguage(b.lang)) - Number(isBaseLanguage(a.lang)));
  for (const note of explicit) if (note.numberFrom !== 'heading') claim(items, note, problems, later);
  const sectioned = new Map<string, RawNote[]>();
  for (const note of explicit) if (note.numberFrom === 'heading') sectioned.set(note.source, [...(sectioned.get(note.source) ?? []), note]);
  const moved: { source: string; sections: RawNote[]; holders: string[] }[] = [];
  for (const [source, sections] of sectioned) {
    const taken = sections.filter((note) => !fits(items, note));
    if (taken.length === 0) sections.forEach((note) => claim(items, note, problems, later));
    else moved.push({ source, sections, holders: [...new Set(taken.map((note) => items.get(note.number!)!.base.source))] });
  }
  later.push(...moved.flatMap((file) => file.sections));
  later.push(...notes.filter((note) => note.number === undefined));
  let next = Math.max(0, ...explicit.map((note) => note.number!)) + 1;
  const given = new Map<RawNote, number>();
  for (const note of later) {
    given.set(note, next);
    items.set(next++, { base: note, translations: [] });
  }
  for (const { source, sections, holders } of moved) {
    problems.push({
      code: 'renumbered_sections',
      severity: 'warning',
      source,
      message: `${source} numbers its sections ${numberRuns(sections.map((n) => n.number!), '')}, but ${holders.join(', ')} already ${holders.length === 1 ? 'has' : 'have'} items with those numbers: its sections are items ${numberRuns(sections.map((n) => given.get(n)!))} (say "item #${given.get(sections[0]!)}" for its section ${sections[0]!.number}). Number its headings past the other notes' (## ${next}. …) to choose the numbers yourself.`,
    });
  }
  return items;
}

/** What a link's key turns into one space: runs of spaces, underscores, hyphens, other whitespace. */
const SPACING = /[^\S ]|[_-]| {2}/;

/** [[wikilinks]] resolved against titles, aliases and file names; the rest reported. */
function resolveLinks(items: Item[], links: Map<number, RawNote['links']>, problems: KbProblem[]): void {
  const byName = new Map<string, number>();
  // Most names have only single spaces: nothing to replace, and a replace per space saved.
  const key = (name: string) => (SPACING.test(name) ? name.replace(/[\s_-]+/g, ' ') : name).toLowerCase().trim();
  for (const item of items) {
    const path = fileOf(item.source).replace(/\.[^./]+$/, '');
    for (const name of [item.title, ...item.aliases, path.split('/').pop()!, path]) {
      const k = key(name);
      if (!byName.has(k)) byName.set(k, item.number);
    }
  }
  for (const item of items) {
    for (const link of new Set(links.get(item.number) ?? [])) {
      // A wikilink may name its note with the folder ([[Concepts/Cross entropy]]) or without.
      const target = byName.get(key(link)) ?? byName.get(key(link.split('/').pop()!));
      if (target === undefined) {
        problems.push({ code: 'broken_link', severity: 'warning', source: item.source, item: item.number, message: `${item.source} links to [[${link}]], which is no note here: write that note or fix the link.` });
      } else if (target !== item.number && !item.related.includes(target)) {
        item.related.push(target);
      }
    }
  }
}

/**
 * Logseq block references (`((uuid))`) read as the referenced block's text, whichever page it is on;
 * a reference to a block no page names is dropped, with a warning.
 */
function resolveBlockRefs(notes: RawNote[], problems: KbProblem[]): void {
  const blocks = new Map(notes.flatMap((note) => Object.entries(note.blocks ?? {})));
  for (const note of notes) {
    const resolve = (text: string) =>
      text.replace(BLOCK_REF, (_ref, id: string) => {
        const block = blocks.get(id);
        if (block === undefined) problems.push({ code: 'broken_link', severity: 'warning', source: note.source, message: `${note.source} refers to the block ((${id})), which no page here has: fix the reference or remove it.` });
        return block ?? '';
      });
    if (!note.sections.some((section) => section.text.includes('((')) && !note.claim.includes('((')) continue;
    note.sections = note.sections.map((section) => ({ ...section, text: resolve(section.text) }));
    note.claim = note.claim.replace(BLOCK_REF, (_ref, id: string) => blocks.get(id) ?? '');
  }
}

/** Embeds of files (`![[curve.png|400]]`) that are nowhere in the folder; Obsidian finds them by name. */
function checkEmbeds(notes: RawNote[], paths: string[], problems: KbProblem[]): void {
  const names = new Set(paths.map((path) => path.split('/').pop()!.toLowerCase()));
  for (const note of notes) {
    for (const target of new Set(note.embeds ?? [])) {
      if (names.has(target.split('/').pop()!.toLowerCase())) continue;
      problems.push({ code: 'broken_link', severity: 'warning', source: note.source, message: `${note.source} embeds ![[${target}]], which is no file here: put the file in the folder or fix the embed.` });
    }
  }
}

const fileOf = (source: string): string => source.replace(/#[^/]*$/, '');

function fileReports(formats: Map<string, string>, items: Item[]): FileReport[] {
  const made = new Map<string, number[]>();
  for (const item of items) {
    for (const source of [item.source, ...Object.values(item.translations).map((t) => t.source)]) {
      const list = made.get(fileOf(source)) ?? [];
      list.push(item.number);
      made.set(fileOf(source), list);
    }
  }
  return [...formats].map(([source, format]) => ({ source, format, items: made.get(source) ?? [] }));
}

const NUMBERED_LINE = /^\s{0,3}\d{1,4}[.)]\s+\S/gm;
const DATE_TITLE = /^\d{4}[-_./]\d{1,2}[-_./]\d{1,2}$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/;
const MARKUP_TITLE = /^[\s\d.#*_\-|>[\]{}()`=:!]*$|[{}]{2}|::|<\/?[a-z]+>|^\[!|\]\]|\[\[|^(?:\/\/|\/\*|<!--|--\s|;;)/i;

/** What a reader would find wrong in what a file made, though nothing failed to load. */
function suspectNotes(file: NoteFile, notes: RawNote[]): KbProblem[] {
  const found: KbProblem[] = [];
  const numberedLines = (file.text.match(NUMBERED_LINE) ?? []).length;
  if (notes.length === 1 && numberedLines >= 8) {
    found.push({ code: 'one_item_from_many', severity: 'warning', source: file.source, message: `${file.source} has ${numberedLines} numbered lines but made one item: put the list under a title alone (see docs/knowledge-format.md) if each line is a fact of its own.` });
  }
  for (const note of notes) {
    if (DATE_TITLE.test(note.title.trim()) || MARKUP_TITLE.test(note.title.trim())) {
      found.push({ code: 'suspect_title', severity: 'warning', source: note.source, message: `${note.source} made an item titled ${JSON.stringify(note.title)}, which is a date, markup or a code comment: give it a heading or a title in its front matter.` });
    }
    if (note.sections.every((s) => s.text.trim() === '') && note.claim.trim() === '') {
      found.push({ code: 'empty_note', severity: 'warning', source: note.source, message: `${note.source} made the item ${JSON.stringify(note.title)} with no text: write its text or remove it.` });
    }
  }
  return found;
}

function fingerprintOf(files: { source: string; bytes: Buffer }[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file.source}\0${file.bytes.length}\0${createHash('sha256').update(file.bytes).digest('hex')}\n`);
  return hash.digest('hex');
}

/** Loads every note under `dir` into numbered items; what cannot be read is reported, the rest loads. */
export interface LoadOptions {
  /** Keep each file's parse here, beside the index cache, and reuse it while the file is unchanged. */
  cacheDir?: string;
  /** The per-file parser (the note parser unless given). */
  parseFile?: (file: NoteFile) => ParsedFile;
}

/**
 * The note parser and its formats (marked, gray-matter, language detection, ...) load with the first
 * file that needs parsing: a start whose parses are all cached never loads them.
 */
const noteParser = (): Promise<typeof import('./note-parser')> => loadLazily(join(__dirname, 'note-parser'));

/**
 * A file with no cached parse, parsed with what looks wrong in it (both are kept in the cache). A
 * PDF's text is extracted here, so a cached PDF never runs pdf.js; one it cannot read is a problem.
 */
async function parseFresh(file: NoteFile, problems: KbProblem[], reading: LoadReading, options: LoadOptions): Promise<ParsedFile | undefined> {
  let readable: NoteFile | undefined = file;
  if (awaitsExtraction(file)) {
    reading.pdfsExtracted++;
    readable = await withPdfText(file, problems);
    if (!readable) return undefined;
  }
  reading.parsed++;
  const parsed = (options.parseFile ?? (await noteParser()).parseNoteFile)(readable);
  return { ...parsed, problems: [...parsed.problems, ...suspectNotes(readable, parsed.notes)] };
}

export async function loadKnowledgeBase(dir: string, options: LoadOptions = {}): Promise<KnowledgeBase> {
  const root = resolve(dir);
  const info = await stat(root).catch(() => undefined);
  if (!info) throw new KnowledgeBaseError('kb_not_found', `the knowledge base folder ${root} does not exist: pass --kb with a folder of notes.`);
  if (!info.isDirectory()) throw new KnowledgeBaseError('kb_not_a_folder', `${root} is a file, not a folder: pass --kb with the folder that holds your notes.`);

  const { files, problems, paths } = await readNoteFiles(root);
  return knowledgeBaseOf(root, files, problems, options, paths);
}

/**
 * The numbered items of files already read (a folder's, or a notebook's from the database), with
 * the problems met reading them; `dir` names where they came from, `paths` every file there
 * (embeds of images are checked against them).
 */
export async function knowledgeBaseOf(dir: string, files: NoteFile[], problems: KbProblem[], options: LoadOptions = {}, paths: string[] = files.map((file) => file.source)): Promise<KnowledgeBase> {
  const root = dir;
  const notes: RawNote[] = [];
  const formats = new Map<string, string>();
  const cache = options.cacheDir === undefined ? undefined : openParseCache(root, options.cacheDir);
  const reading: LoadReading = { parsed: 0, cached: 0, pdfsExtracted: 0 };
  for (const file of files) {
    let parsed = cache?.cached(file);
    if (parsed) reading.cached++;
    else {
      parsed = await parseFresh(file, problems, reading, options);
      if (!parsed) continue;
      cache?.store(file, parsed);
    }
    formats.set(file.source, parsed.format);
    notes.push(...parsed.notes);
    problems.push(...parsed.problems);
  }
  cache?.save();
  checkEmbeds(notes, paths, problems);
  resolveBlockRefs(notes, problems);
  const numbered = numberNotes(notes, problems);
  const links = new Map<number, RawNote['links']>();
  const items: Item[] = [...numbered.entries()]
    .sort(([a], [b]) => a - b)
    .map(([number, { base, translations }]) => {
      links.set(number, [...base.links, ...translations.flatMap((t) => t.links)]);
      const item: Item = {
        ...textOf(base, number),
        number,
        aliases: [...new Set([...base.aliases, ...translations.flatMap((t) => t.aliases)])],
        tags: base.tags,
        related: [...base.related],
        translations: Object.fromEntries(translations.map((t) => [t.lang, textOf(t, number)])),
      };
      const loss = base.loss ?? translations.find((t) => t.loss)?.loss;
      if (loss !== undefined) item.loss = loss;
      const example = base.example ?? translations.find((t) => t.example)?.example;
      if (example !== undefined) item.example = example;
      return item;
    });
  resolveLinks(items, links, problems);
  return { dir: root, items, byNumber: new Map(items.map((item) => [item.number, item])), problems, files: fileReports(formats, items), fingerprint: fingerprintOf(files), reading };
}
