import type { LossCase } from '../core';
import type { QuizQuestion, Section } from './item';
import { hideNested, showNested } from './nested-text';

/** A note as parsed from its file, before the knowledge base numbers it and resolves its links. */
export interface RawNote {
  source: string;
  /** An explicit number: front matter `item`, a numbered-list entry, or a file name like 035-x.md. */
  number?: number;
  /**
   * Where that number was written: on a `##` heading of a file cut into topics, it numbers the
   * file's sections, and yields to a number written on a fact (docs/knowledge-format.md, Numbering).
   */
  numberFrom?: 'heading';
  lang: string;
  title: string;
  claim: string;
  aliases: string[];
  tags: string[];
  loss?: string;
  related: number[];
  /** [[wikilink]] targets, resolved to item numbers once every note is known. */
  links: string[];
  /** Logseq blocks this note's page names with `id::`, by uuid: what a `((uuid))` on any page reads as. */
  blocks?: Record<string, string>;
  /** Files (images, PDFs) embedded with ![[…]], checked against the folder once every file is listed. */
  embeds?: string[];
  example?: LossCase;
  quiz: QuizQuestion[];
  sections: Section[];
}

const HAN = /\p{Script=Han}/gu;
const ANY_HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/gu;

/** A note written mostly in Han characters is Chinese; everything else is taken as English. */
export function detectLanguage(text: string): string {
  // Counting letters builds an array of every one; most notes have no Han character to count.
  if (!ANY_HAN.test(text)) return 'en';
  const han = text.match(HAN)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  return han > 0 && han * 2 >= latin ? 'zh' : 'en';
}

const LIST_ENTRY = /^\s*(?:[-*+•]|\d+[.)])\s+/;

/** A bulleted paragraph's first entry, without its marker: each entry is a statement of its own. */
function firstEntry(paragraph: string): string {
  if (!LIST_ENTRY.test(paragraph)) return paragraph;
  const [first, ...rest] = paragraph.split('\n');
  const wrapped = rest.findIndex((line) => LIST_ENTRY.test(line));
  return [first!.replace(LIST_ENTRY, ''), ...rest.slice(0, wrapped < 0 ? rest.length : wrapped)].join(' ');
}

/** The first sentence of a text, for a note that states no claim of its own. */
export function firstSentence(text: string): string {
  const paragraphs = text.split(/\n\s*\n/);
  // A heading-like line without punctuation (a prompt, a label) is not a claim; prefer a sentence.
  const paragraph = paragraphs.find((p) => /[.!?。！？]/.test(p)) ?? paragraphs[0] ?? '';
  const flat = firstEntry(paragraph).replace(/\s+/g, ' ').trim();
  // A full stop inside brackets or a formula, or after "e.g.", ends no sentence.
  const match = /^(.+?[.!?。！？])(\s|$)/u.exec(hideNested(flat));
  const sentence = match ? showNested(match[1]!) : flat;
  return sentence.length > 240 ? `${sentence.slice(0, 237).trimEnd()}…` : sentence;
}

/** "035-weighted-loss.md" → 35. */
export function numberFromFileName(source: string): number | undefined {
  // A date (2024-03-14.md, journals/2024_03_15.md) is when a note was written, never its number.
  if (/(?:^|\/)[^/]*\d{4}[-_.]\d{1,2}[-_.]\d{1,2}[^/]*$/.test(source)) return undefined;
  const match = /(?:^|\/)(\d{1,6})[-_ .]/.exec(source);
  const number = match ? Number(match[1]) : 0;
  return number >= 1 ? number : undefined;
}

export function titleFromFileName(source: string): string {
  const base = source.split('/').pop()!.replace(/\.[^.]+$/, '');
  return base.replace(/^\d+[-_ .]*/, '').replace(/[-_]+/g, ' ').trim() || base;
}

/** Numbered questions with "Answer:" lines, as people write quizzes inside notes. */
export function quizFromText(text: string): QuizQuestion[] {
  const quiz: QuizQuestion[] = [];
  for (const line of text.split('\n')) {
    const answer = /^\s*(?:answer|a|答案|解答)\s*[:：]\s*(.+)$/i.exec(line);
    const question = /^\s*(?:\d+[.)、]|[-*]|q\s*[:：]|問題?\s*[:：])\s*(.+[?？])\s*$/i.exec(line);
    if (answer && quiz.length > 0) quiz[quiz.length - 1]!.answer = answer[1]!.trim();
    else if (question) quiz.push({ question: question[1]!.trim(), answer: '' });
  }
  return quiz;
}
