import type { Token, Tokens } from 'marked';
import type { LossCase } from '../core';
import type { FrontMatter } from './front-matter';
import { unglueHeadings } from './glued-heading';
import { cleanMarkup, cleanTokens, lexMarkdown } from './plain-text';
import { detectLanguage, firstSentence, numberFromFileName, quizFromText, titleFromFileName, type RawNote } from './raw-note';
import { hideNested, showNested, wordsOf } from './nested-text';
import { headingChunks, isKnownSection, sectionsOf } from './sections';

/** What a format knows about a document beyond its Markdown body. */
export interface DocumentMeta {
  /** A title the format found (a Logseq page name, a notebook's file name) when the body has none. */
  title?: string;
  tags?: string[];
  aliases?: string[];
  /** The heading of the text before the first heading (a notebook's is no definition). */
  lead?: string;
  /** Where in the source this text came from, appended to the item's source ("#page=3"). */
  anchor?: string;
}

const NUMBERED_HEADING = /^(\d{1,6})[.):]?\s+(\S.*)$/;

/**
 * A title from a list entry: its words up to the first clause break, kept short. Marks inside
 * brackets or a formula break nothing, and a hyphen breaks a clause only between words (a minus
 * sign in "1 - cos" or "p - y" does not).
 */
export function titleOfClaim(claim: string): string {
  const clause = showNested(hideNested(claim).split(/[:;,。：；，]|\.(?=\s|$)|\s(?:[–—]|--)\s|(?<=\p{L}{2})\s-\s(?=\p{L}{2})/u)[0]!).trim();
  const words = wordsOf(clause);
  return words.length > 9 ? `${words.slice(0, 8).join(' ')}…` : clause;
}

function note(source: string, fields: Partial<RawNote> & Pick<RawNote, 'title' | 'claim' | 'sections'>): RawNote {
  const text = fields.sections.map((s) => s.text).join('\n');
  return { source, lang: detectLanguage(`${fields.title} ${text}`), aliases: [], tags: [], related: [], links: [], quiz: [], ...fields };
}

/**
 * A title plus one numbered list of facts (the list holds most of the text): one note per entry,
 * numbered as written; nested bullets and wrapped lines stay with their entry.
 */
function listEntries(source: string, tokens: Token[], restore: (text: string) => string): RawNote[] | undefined {
  const content = tokens.filter((t) => t.type !== 'space' && !(t.type === 'heading' && (t as Tokens.Heading).depth === 1));
  const lists = content.filter((t): t is Tokens.List => t.type === 'list' && t.ordered);
  const entries = lists.flatMap((list) => list.items);
  const listChars = lists.reduce((sum, list) => sum + list.raw.length, 0);
  const allChars = content.reduce((sum, t) => sum + t.raw.length, 0);
  if (entries.length < 3 || listChars < allChars * 0.7 || content.some((t) => t.type === 'heading')) return undefined;
  return entries.map((entry) => {
    const number = Number(/^\s*(\d+)/.exec(entry.raw)?.[1]);
    const cleaned = cleanTokens(entry.tokens, restore);
    const text = cleaned.text;
    return note(source, {
      number,
      title: titleOfClaim(firstSentence(text.split('\n')[0]!)),
      claim: firstSentence(text),
      tags: cleaned.tags,
      links: cleaned.links,
      sections: [{ name: 'definition', heading: 'Definition', text }],
    });
  });
}

/**
 * A long file whose `##` headings are topics (numbered "## 3. …", or none of them a known section
 * name): one note per topic, numbered by the heading's own number when it has one.
 */
function topics(source: string, tokens: Token[], restore: (text: string) => string, meta: DocumentMeta): RawNote[] | undefined {
  // Headings read from their own tokens: lexing their text again would cost a lexer run each.
  const headingText = (heading: Token) => restore(cleanTokens([heading], restore).text);
  const h2 = tokens.filter((t): t is Tokens.Heading => t.type === 'heading' && t.depth === 2).map(headingText);
  const numbered = h2.filter((h) => NUMBERED_HEADING.test(h)).length;
  const topical = h2.length >= 3 && h2.every((h) => !isKnownSection(h)) && tokens.reduce((n, t) => n + t.raw.length, 0) > 3000;
  if (!(numbered >= 2 && numbered >= h2.length * 0.6) && !topical) return undefined;
  const groups: Token[][] = [[]];
  for (const token of tokens) {
    if (token.type === 'heading' && (token as Tokens.Heading).depth === 2) groups.push([]);
    groups[groups.length - 1]!.push(token);
  }
  const [preamble, ...parts] = groups;
  const notes: RawNote[] = [];
  const intro = cleanTokens(preamble!.filter((t) => t.type !== 'heading'), restore).text;
  // An introduction long enough to teach something is a note of its own; a line or two is not.
  if (intro.length > 300) notes.push(note(source, { title: meta.title ?? titleFromFileName(source), claim: firstSentence(intro), sections: [{ name: 'definition', heading: 'Definition', text: intro }] }));
  for (const [heading, ...body] of parts) {
    const title = headingText(heading!);
    const match = NUMBERED_HEADING.exec(title);
    const parsed = sectionsOf(headingChunks(body, restore), restore);
    if (parsed.sections.length === 0) continue;
    const definition = parsed.sections.find((s) => s.name === 'definition') ?? parsed.sections[0]!;
    const topic = note(source, {
      title: match ? match[2]! : title,
      claim: firstSentence(definition.text),
      tags: [...new Set([...(meta.tags ?? []), ...parsed.tags])],
      links: parsed.links,
      sections: parsed.sections,
    });
    if (match) {
      topic.number = Number(match[1]);
      topic.numberFrom = 'heading';
    }
    notes.push(topic);
  }
  return notes.length > 0 ? notes : undefined;
}

/** A Markdown (or Markdown-like) document: one note, or one per list entry or per topic. */
export function parseDocument(source: string, body: string, front: FrontMatter, meta: DocumentMeta = {}): RawNote[] {
  const { tokens, restore } = lexMarkdown(unglueHeadings(body, (phrase) => `## ${phrase}`));
  if (front.item === undefined && front.title === undefined) {
    const split = listEntries(source, tokens, restore) ?? topics(source, tokens, restore, meta);
    if (split) return split;
  }
  const parsed = sectionsOf(headingChunks(tokens, restore), restore, meta.lead);
  const allText = parsed.sections.map((section) => section.text).join('\n');
  const untitled = parsed.heading === undefined && front.title === undefined && meta.title === undefined;
  // Only a note with no title of its own needs its first line read (a lexer run of its own).
  const firstLine = untitled ? cleanMarkup(body.trim().split(/\r?\n/)[0] ?? '').text.trim() : '';
  const plainTitle = untitled && firstLine.length > 0 && firstLine.length <= 100 && !/[.。:]$/.test(firstLine) && !firstLine.startsWith('```');
  if (plainTitle) {
    // A plain note's first line is its title, not the start of its text.
    const first = parsed.sections[0];
    if (first && first.text.startsWith(firstLine)) first.text = first.text.slice(firstLine.length).trim();
    parsed.sections = parsed.sections.filter((section) => section.text !== '');
  }
  const definition = parsed.sections.find((section) => section.name === 'definition') ?? parsed.sections[0];
  const quizSection = parsed.sections.find((section) => section.name === 'quiz');
  const result: RawNote = {
    source: meta.anchor ? `${source}${meta.anchor}` : source,
    lang: front.lang ?? detectLanguage(`${front.title ?? ''} ${allText}`),
    title: front.title ?? parsed.heading ?? meta.title ?? (plainTitle ? firstLine : titleFromFileName(source)),
    claim: front.claim ?? firstSentence(definition?.text.replace(/```[\s\S]*?```/g, '') ?? ''),
    aliases: [...new Set([...(front.aliases ?? []), ...(meta.aliases ?? [])])],
    tags: [...new Set([...(front.tags ?? []), ...(meta.tags ?? []), ...parsed.tags])],
    related: front.related ?? [],
    links: parsed.links,
    quiz: front.quiz ?? (quizSection ? quizFromText(quizSection.text) : []),
    sections: parsed.sections,
  };
  // An embedded note is a link (resolved with the others); an embedded file must be in the folder.
  const files = parsed.embeds.filter((target) => /\.[a-z0-9]+$/i.test(target) && !/\.(md|markdown)$/i.test(target));
  if (files.length > 0) result.embeds = files;
  const number = front.item ?? numberFromFileName(source);
  if (number !== undefined) result.number = number;
  if (front.loss !== undefined) result.loss = front.loss;
  if (front.example !== undefined) result.example = front.example as unknown as LossCase;
  return [result];
}
