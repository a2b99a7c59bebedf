import type { Section, SectionName } from './item';
import type { Token, Tokens } from 'marked';
import { cleanTokens, lexMarkdown, type CleanedMarkup } from './plain-text';

/** Headings learners and the bundled notes use, mapped onto the sections the tutor draws on. */
const headingNames: [SectionName, RegExp][] = [
  ['definition', /^(definition|what (it|this) is|what is it|overview|summary|description|technical definition|說明知識|定義|說明|概述|簡介|什麼是)/i],
  ['formula', /^(formula|formulas|the formula|math|equation|公式|數學)/i],
  ['intuition', /^(intuition|analogy|how to think about it|直覺|直觀)/i],
  ['how', /^(how it works|how does it work|mechanism|how|運作方式|原理|機制)/i],
  ['training', /^(effect on training|effects on training|impact on training|training|effect on learning|gradients?|對訓練的影響|訓練)/i],
  ['when', /^(when to use|when to use it|use cases|usage|usage note|applications|何時使用|使用時機|應用)/i],
  ['pitfalls', /^(pitfalls|common mistakes|caveats|gotchas|watch out|常見陷阱|注意事項|陷阱)/i],
  ['example', /^(worked example|example|examples|concrete example|範例|例子|舉例|實例)/i],
  ['related', /^(related|see also|related items|相關項目|相關)/i],
  ['quiz', /^(quiz|questions|self[- ]test|知識測驗|測驗|習題預習|練習題|問題)/i],
];

/** Whether a heading names one of the sections the tutor draws on (not a topic of its own). */
export const isKnownSection = (heading: string): boolean => headingNames.some(([, pattern]) => pattern.test(heading.trim()));

export function sectionName(heading: string): SectionName {
  const trimmed = heading.trim();
  const known = headingNames.find(([, pattern]) => pattern.test(trimmed));
  if (known) return known[0];
  return trimmed.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'notes';
}

export interface ParsedBody {
  /** The first `#` heading, which plain notes use as their title. */
  heading?: string;
  sections: Section[];
  links: string[];
  embeds: string[];
  tags: string[];
}

interface Chunk {
  heading: string;
  /** The headings above the chunk's text, outermost first, its own last; the title is none of them. */
  path: string[];
  tokens: Token[];
}

/** A body's block tokens grouped under the headings marked's lexer found (never a `#` inside code). */
export function headingChunks(tokens: Token[], restore: (text: string) => string): { title?: string; chunks: Chunk[] } {
  let current: Chunk = { heading: '', path: [], tokens: [] };
  const chunks: Chunk[] = [current];
  const open: { depth: number; text: string }[] = [];
  let title: string | undefined;
  let seenText = false;
  for (const token of tokens) {
    if (token.type === 'heading') {
      const text = restore(cleanTokens([token], restore).text);
      const depth = (token as Tokens.Heading).depth;
      // Only an H1 that opens the note is its title; a later "# ..." is a section.
      if (depth === 1 && !seenText) {
        title = text;
        seenText = true;
        continue;
      }
      while (open.length > 0 && open[open.length - 1]!.depth >= depth) open.pop();
      open.push({ depth, text });
      current = { heading: text, path: open.map((h) => h.text), tokens: [] };
      chunks.push(current);
      seenText = true;
      continue;
    }
    if (token.type !== 'space') seenText = true;
    current.tokens.push(token);
  }
  return title === undefined ? { chunks } : { title, chunks };
}

/**
 * Splits a Markdown body at its headings into sections of clean text. Text before the first
 * heading is the definition; a second section of the same name is appended to the first.
 */
export function parseBody(body: string): ParsedBody {
  const { tokens, restore } = lexMarkdown(body);
  return sectionsOf(headingChunks(tokens, restore), restore);
}

export function sectionsOf(split: { title?: string; chunks: Chunk[] }, restore: (text: string) => string, lead = 'Definition'): ParsedBody {
  const parsed: ParsedBody = { sections: [], links: [], embeds: [], tags: [] };
  if (split.title !== undefined) parsed.heading = split.title;
  for (const chunk of split.chunks) {
    const cleaned: CleanedMarkup = cleanTokens(chunk.tokens, restore);
    parsed.links.push(...cleaned.links);
    parsed.embeds.push(...cleaned.embeds);
    parsed.tags.push(...cleaned.tags);
    if (cleaned.text === '') continue;
    const heading = chunk.heading === '' ? lead : chunk.heading;
    const name = chunk.heading === '' ? 'definition' : sectionName(heading);
    const existing = parsed.sections.find((section) => section.name === name);
    if (existing) existing.text = `${existing.text}\n\n${cleaned.text}`;
    else parsed.sections.push({ name, heading, text: cleaned.text, path: chunk.path });
  }
  return parsed;
}
