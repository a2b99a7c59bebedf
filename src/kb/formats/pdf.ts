import type { Section } from '../item';
import type { PdfLine, PdfPage } from '../pdf-text';
import { detectLanguage, firstSentence, numberFromFileName, titleFromFileName, type RawNote } from '../raw-note';
import { sectionName } from '../sections';
import { emptyFile, extensionOf, problem, type NoteFormat, type ParsedFile } from './note-format';

/**
 * PDF lecture slides and papers, parsed from the page text extracted when the file was read
 * (src/kb/pdf-text.ts). Slides are one item per slide, titled by the slide's largest line; a
 * paper or handout is one item per top-level heading (a line set larger than the body text). Every
 * section keeps its page, so a passage, and a citation of it, can say the page.
 */

/** A line this much larger than the body text is a title or a heading. */
const HEADING_SCALE = 1.15;
/** Slides hold little text per page; papers and handouts hold more. */
const SLIDE_CHARS = 700;
/** A slide with less body text than this (a cover, a divider, "Questions?") is no item. */
const MIN_SLIDE_BODY = 40;
/** The share of the page height at its top and bottom where running headers and footers sit. */
const MARGIN = 0.08;

const BULLET = /^[•◦▪▫●○■□‣⁃–—*-]\s*/u;
const NUMBERED = /^(\d{1,3})[.)]\s+/;
/** "7", "Page 7", "7 / 20", "Course name 7 of 20": a page's number, alone or after a running footer. */
const PAGE_NUMBER = /^(?:page\s+)?\d{1,4}$|(?:^|\s)(?:page\s+)?\d{1,4}\s*(?:\/|of)\s*\d{1,4}$/i;
/** Bullets drawn as a glyph always open an entry; a hyphen or a number may be a wrapped line's start. */
const GLYPH_BULLET = /^[•◦▪▫●○■□‣⁃]/u;
const NUMBERED_TITLE = /^(\d{1,3})(?:[.):]\s*|\s+(?=\p{Lu}))(\S.*)$/u;
const CONTINUED = /\s*(?:\((?:cont(?:inued|'d|\.)?|\d+\s*\/\s*\d+)\)|[-–—:]\s*continued)\s*$/i;

/** The font size most of the text is set in. */
function bodySize(pages: readonly PdfPage[]): number {
  const chars = new Map<number, number>();
  for (const line of pages.flatMap((page) => page.lines)) chars.set(line.size, (chars.get(line.size) ?? 0) + line.text.length);
  return [...chars].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

/** Lines in the top or bottom margin that repeat on many pages (course name, author, page numbers). */
function withoutRunningLines(pages: readonly PdfPage[]): PdfPage[] {
  const inMargin = (page: PdfPage, line: PdfLine) => line.y > page.height * (1 - MARGIN) || line.y < page.height * MARGIN;
  const key = (line: PdfLine) => line.text.replace(/\d+/g, '#').toLowerCase();
  const seen = new Map<string, number>();
  for (const page of pages) for (const k of new Set(page.lines.filter((l) => inMargin(page, l)).map(key))) seen.set(k, (seen.get(k) ?? 0) + 1);
  const repeated = (k: string) => pages.length >= 3 && (seen.get(k) ?? 0) >= pages.length / 2;
  return pages.map((page) => ({ ...page, lines: page.lines.filter((l) => !(inMargin(page, l) && (repeated(key(l)) || PAGE_NUMBER.test(l.text)))) }));
}

/** Lines joined into paragraphs and list entries: a list marker or a wide gap starts a new block. */
function textOf(lines: readonly PdfLine[]): string {
  const blocks: { text: string; list: boolean; x: number }[] = [];
  let previous: PdfLine | undefined;
  for (const line of lines) {
    const bullet = BULLET.exec(line.text);
    const numbered = NUMBERED.exec(line.text);
    const last = blocks[blocks.length - 1];
    const gap = previous ? previous.y - line.y : 0;
    const wide = !previous || gap > Math.max(previous.size, line.size) * 1.6 || gap < 0;
    // "… so the loss is 0.9 *" wrapped onto "2. Had …" is one sentence, not a list entry.
    const wrapped = !wide && last !== undefined && !last.list && !/[.:;!?]$/.test(last.text) && !GLYPH_BULLET.test(line.text);
    if ((bullet || numbered) && !wrapped) {
      const text = bullet ? `- ${line.text.slice(bullet[0].length)}` : line.text;
      blocks.push({ text, list: true, x: line.x });
    } else if (!last || (wide && !(last.list && line.x > last.x))) {
      blocks.push({ text: line.text, list: false, x: line.x });
    } else {
      // A wrapped line; a word broken at a hyphen is joined whole.
      last.text = /\p{L}-$/u.test(last.text) ? `${last.text}${line.text}` : `${last.text} ${line.text}`;
    }
    previous = line;
  }
  return blocks.map((block, i) => (i > 0 && !(block.list && blocks[i - 1]!.list) ? `\n${block.text}` : block.text)).join('\n');
}

interface Heading {
  text: string;
  size: number;
}

/** The page's opening lines set larger than the body text, joined (a title may wrap). */
function pageTitle(page: PdfPage, body: number): { title?: Heading; rest: PdfLine[] } {
  const largest = Math.max(...page.lines.map((line) => line.size));
  const first = page.lines[0];
  if (!first) return { rest: [] };
  if (first.size >= body * HEADING_SCALE && first.size === largest) {
    const count = page.lines.findIndex((line) => line.size !== first.size);
    const end = count === -1 ? page.lines.length : count;
    return { title: { text: page.lines.slice(0, end).map((l) => l.text).join(' '), size: first.size }, rest: page.lines.slice(end) };
  }
  // A slide without a larger title line is titled by its first line when that reads as one.
  if (first.text.length <= 80 && !/[.:;,]$/.test(first.text)) return { title: { text: first.text, size: first.size }, rest: page.lines.slice(1) };
  return { rest: page.lines };
}

interface Part {
  title: string;
  page: number;
  sections: Section[];
}

const section = (heading: string, text: string, page: number): Section => ({ name: sectionName(heading), heading, text, page });

/** One part per slide with text of its own; a slide continuing the one before joins it. */
function slideParts(pages: readonly PdfPage[], body: number): Part[] {
  const parts: Part[] = [];
  for (const page of pages) {
    const { title, rest } = pageTitle(page, body);
    const text = textOf(rest);
    if (text.replace(/\s+/g, '').length < MIN_SLIDE_BODY) continue;
    const name = (title?.text ?? `Page ${page.number}`).replace(CONTINUED, '');
    const last = parts[parts.length - 1];
    if (last && last.title === name) last.sections.push(section(name, text, page.number));
    else parts.push({ title: name, page: page.number, sections: [section(name, text, page.number)] });
  }
  return parts;
}

/**
 * A paper's or handout's parts: its top-level headings (the largest heading size used more than
 * once) start parts, smaller headings start sections, every page break starts a section too.
 */
function documentParts(pages: readonly PdfPage[], body: number): { title?: string; parts: Part[] } {
  const isHeading = (line: PdfLine) => line.size >= body * HEADING_SCALE && line.text.split(' ').length <= 12 && !/[.,;]$/.test(line.text);
  const first = pages[0]?.lines ?? [];
  const titleSize = first[0] && isHeading(first[0]) ? first[0].size : undefined;
  const titleEnd = titleSize === undefined ? 0 : Math.max(1, first.findIndex((l) => l.size !== titleSize));
  const title = titleSize === undefined ? undefined : first.slice(0, titleEnd === -1 ? first.length : titleEnd).map((l) => l.text).join(' ');
  const lines = pages.flatMap((page, p) => (p === 0 ? page.lines.slice(titleEnd) : page.lines).map((line) => ({ line, page: page.number })));
  const sizes = new Map<number, number>();
  for (const { line } of lines) if (isHeading(line)) sizes.set(line.size, (sizes.get(line.size) ?? 0) + 1);
  const top = Math.max(0, ...[...sizes].filter(([, n]) => n >= 2).map(([size]) => size));

  const parts: Part[] = [{ title: title ?? '', page: 1, sections: [] }];
  let heading = 'Definition';
  let run: { page: number; lines: PdfLine[] } | undefined;
  const flush = () => {
    const text = run ? textOf(run.lines) : '';
    if (run && text !== '') parts[parts.length - 1]!.sections.push(section(heading, text, run.page));
    run = undefined;
  };
  for (const { line, page } of lines) {
    if (isHeading(line) && top > 0 && line.size >= top) {
      flush();
      parts.push({ title: line.text, page, sections: [] });
      heading = 'Definition';
    } else if (isHeading(line)) {
      flush();
      heading = line.text;
    } else {
      if (run && run.page !== page) flush();
      run ??= { page, lines: [] };
      run.lines.push(line);
    }
  }
  flush();
  const [preamble, ...rest] = parts;
  const preambleChars = preamble!.sections.reduce((n, s) => n + s.text.length, 0);
  // An abstract or introduction long enough to teach something is a part of its own.
  const kept = preambleChars > 300 || rest.length === 0 ? parts : rest;
  return title === undefined ? { parts: kept } : { title, parts: kept };
}

function noteOf(source: string, part: Part, fallbackTitle: string): RawNote {
  const numbered = NUMBERED_TITLE.exec(part.title);
  const title = (numbered ? numbered[2]! : part.title) || fallbackTitle;
  const text = part.sections.map((s) => s.text).join('\n\n');
  const note: RawNote = {
    source: `${source}#page=${part.page}`,
    lang: detectLanguage(`${title} ${text}`),
    title,
    claim: firstSentence(text.replace(/^(?:- |\d{1,3}[.)]\s+)/gm, '')),
    aliases: [],
    tags: [],
    related: [],
    links: [],
    quiz: [],
    sections: part.sections,
  };
  if (numbered) note.number = Number(numbered[1]);
  return note;
}

export function parsePdfPages(source: string, pages: readonly PdfPage[]): ParsedFile {
  const body = bodySize(pages);
  const cleaned = withoutRunningLines(pages);
  const chars = cleaned.reduce((n, page) => n + page.lines.reduce((m, line) => m + line.text.length, 0), 0);
  if (chars === 0) return emptyFile(source, 'has no text layer (a scan or images only)');
  const landscape = pages.filter((page) => page.width > page.height).length;
  const slides = landscape > pages.length / 2 || chars / pages.length < SLIDE_CHARS;
  const { title, parts } = slides ? { title: undefined, parts: slideParts(cleaned, body) } : documentParts(cleaned, body);
  const fallback = title ?? titleFromFileName(source);
  const notes = parts.filter((part) => part.sections.length > 0).map((part) => noteOf(source, part, fallback));
  const only = notes.length === 1 ? notes[0] : undefined;
  const fileNumber = numberFromFileName(source);
  if (only && only.number === undefined && fileNumber !== undefined) only.number = fileNumber;
  return notes.length > 0 ? { notes, problems: [] } : emptyFile(source, 'has no slide or section with text');
}

/** PDF files whose text the reader extracted (an unreadable PDF is reported when it is read). */
export const pdf: NoteFormat = {
  name: 'pdf',
  recognise: (file) => extensionOf(file.source) === 'pdf' && file.pages !== undefined,
  parse: (file) =>
    file.pages
      ? parsePdfPages(file.source, file.pages)
      : { notes: [], problems: [problem(file.source, 'parse_error', `${file.source} was skipped: its text was not extracted; read it through the knowledge-base loader.`, 'warning')] },
};
