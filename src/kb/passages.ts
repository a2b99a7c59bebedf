import type { Item, ItemText, Passage, PassageKind, Section } from './item';

/**
 * Cuts an item's sections into passages: the units an answer quotes and a citation points to.
 * A passage is a paragraph, one list entry, a table, a code block or a display formula, and keeps
 * the section it sits under and the path of headings above it. Ids are the item's number and the passage's place in the item
 * ("35.2"), so they stay stable while the note's text before them does not change.
 */
export function cutPassages(itemNumber: number, sections: readonly Section[]): Passage[] {
  const passages: Passage[] = [];
  for (const section of sections) {
    for (const block of blocksOf(section.text)) {
      const passage: Passage = { id: `${itemNumber}.${passages.length + 1}`, section: section.heading, headingPath: section.path ?? [section.heading], sectionName: section.name, kind: block.kind, text: block.text };
      if (section.page !== undefined) passage.page = section.page;
      passages.push(passage);
    }
  }
  return passages;
}

/**
 * Points every passage's text into its section's text. Cut here, a passage is already a slice of
 * the section's characters (V8 keeps a substring that way), but a knowledge base received from
 * another thread holds every passage as a second copy of them, and of its section's heading and
 * name: 9 MB with 10,000 notes.
 */
export function sharePassageText(item: Item): void {
  for (const text of [item, ...Object.values(item.translations)]) shareText(text);
}

function shareText({ sections, passages }: ItemText): void {
  for (const passage of passages) {
    const section = sections.find((s) => s.heading === passage.section && s.name === passage.sectionName);
    if (!section) continue;
    passage.section = section.heading;
    passage.sectionName = section.name;
    const at = section.text.indexOf(passage.text);
    if (at >= 0) passage.text = section.text.slice(at, at + passage.text.length);
  }
}

interface Block {
  kind: PassageKind;
  text: string;
}

const FENCE = /^\s*(```|~~~)/;
const LIST_ENTRY = /^\s{0,3}(?:[-*+•]|\d{1,3}[.)、])\s+/;
const TABLE_ROW = /^\s*\|.*\|\s*$/;

function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.split('\n');
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push(...paragraphBlocks(paragraph));
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (FENCE.test(line)) {
      flush();
      const start = i;
      while (++i < lines.length && !FENCE.test(lines[i]!));
      blocks.push({ kind: 'code', text: lines.slice(start, i + 1).join('\n') });
      continue;
    }
    if (line.trim() === '') flush();
    else paragraph.push(line);
  }
  flush();
  return blocks;
}

/** A line no one wraps by hand: text pasted from a web page keeps a paragraph on one line. */
const UNWRAPPED = 100;
const SENTENCE_END = /[.!?。！？]["'”’)]?$/u;

/**
 * Prose lines cut where a web page's paragraphs meet: a line break alone after a finished sentence,
 * with a line on either side too long to be a hand-wrapped one. Hand-wrapped prose stays whole.
 */
function proseBlocks(lines: string[]): Block[] {
  const paragraphs: string[][] = [[]];
  for (const [n, line] of lines.entries()) {
    const previous = lines[n - 1];
    const meet = previous !== undefined && SENTENCE_END.test(previous.trimEnd()) && Math.max(previous.length, line.length) > UNWRAPPED;
    if (meet) paragraphs.push([]);
    paragraphs[paragraphs.length - 1]!.push(line);
  }
  return paragraphs.map((paragraph) => ({ kind: 'paragraph', text: paragraph.join('\n').trim() }));
}

/** A run of non-blank lines: a table, a formula, list entries (wrapped lines stay with theirs) or prose. */
function paragraphBlocks(lines: string[]): Block[] {
  const text = lines.join('\n').trim();
  if (lines.every((line) => TABLE_ROW.test(line))) return [{ kind: 'table', text }];
  if (text.startsWith('$$') && text.endsWith('$$')) return [{ kind: 'formula', text }];
  if (!LIST_ENTRY.test(lines[0]!)) return proseBlocks(lines);
  const entries: string[][] = [];
  for (const line of lines) {
    if (LIST_ENTRY.test(line) || entries.length === 0) entries.push([line]);
    else entries[entries.length - 1]!.push(line);
  }
  return entries.map((entry) => ({ kind: 'list-entry', text: entry.join('\n').trim() }));
}
