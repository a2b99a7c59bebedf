import type { LossCase } from '../core/case';

/**
 * The sections a tutor draws on. A note's headings are mapped onto these names
 * ("How it works", "Mechanism" → how); a heading that fits none is kept under its own slug.
 */
export type SectionName =
  | 'definition'
  | 'formula'
  | 'intuition'
  | 'how'
  | 'training'
  | 'when'
  | 'pitfalls'
  | 'example'
  | 'related'
  | 'quiz'
  | (string & {});

export interface Section {
  name: SectionName;
  /** The heading as the note wrote it. */
  heading: string;
  /** Clean text: markup removed, links resolved to titles, repeated paragraphs kept once. LaTeX kept. */
  text: string;
  /** The page of a PDF the text is on, so that a citation can say it. */
  page?: number;
  /**
   * The headings above the text, outermost first, without the note's title ("Choosing a loss",
   * "When the metric is not the loss"); empty for the text before the first heading. Without it,
   * the section's own heading.
   */
  path?: string[];
}

export interface QuizQuestion {
  question: string;
  answer: string;
  /** Words or phrases a correct free-text reply must contain (any one of each group). */
  keywords?: string[][];
}

export type PassageKind = 'paragraph' | 'list-entry' | 'table' | 'code' | 'formula';

/** A piece of an item an answer can quote and a citation can point to. */
export interface Passage {
  /** The item's number and the passage's place in it: "35.2". */
  id: string;
  /** The heading of the section it sits under, as the note wrote it. */
  section: string;
  /** The headings it sits under, outermost first, without the note's title (see Section.path). */
  headingPath: string[];
  sectionName: SectionName;
  kind: PassageKind;
  text: string;
  /** The page of a PDF the passage is on. */
  page?: number;
}

/** The text of an item in one language. */
export interface ItemText {
  /** BCP 47: "en", "zh-Hant", ... */
  lang: string;
  title: string;
  /** The one-sentence claim the learner sees in the numbered list. */
  claim: string;
  sections: Section[];
  /** The sections cut into passages, in order. */
  passages: Passage[];
  quiz: QuizQuestion[];
  /** Path of the file inside the knowledge base, with forward slashes. */
  source: string;
}

export interface Item extends ItemText {
  /** The number the learner names: "item #35". */
  number: number;
  aliases: string[];
  tags: string[];
  /** The calculator's id of the loss the item is about ("mse", "combined"), if it is about one. */
  loss?: string;
  /** Related item numbers, from front matter or resolved links. */
  related: number[];
  /** The calculator case the note's worked example runs, if any. */
  example?: LossCase;
  /** The same item in other languages, keyed by lang. */
  translations: Record<string, ItemText>;
}

export type KbProblemCode =
  | 'unreadable'
  | 'parse_error'
  | 'empty_note'
  | 'duplicate_number'
  | 'renumbered_sections'
  | 'broken_link'
  | 'orphan_translation'
  | 'invalid_example'
  | 'skipped'
  | 'one_item_from_many'
  | 'suspect_title';

/** Something `check` reports; loading goes on past every one of them. */
export interface KbProblem {
  code: KbProblemCode;
  severity: 'error' | 'warning';
  source: string;
  item?: number;
  /** What is wrong and what to do about it. */
  message: string;
}

export interface FileReport {
  source: string;
  format: string;
  items: number[];
}

export interface KnowledgeBase {
  /** Absolute path of the folder it was loaded from. */
  dir: string;
  /** In number order. */
  items: Item[];
  byNumber: ReadonlyMap<number, Item>;
  problems: KbProblem[];
  /** Every file read, in path order: the format that read it and the items it made. */
  files?: FileReport[];
  /** Hash of every file's path, size and content: equal fingerprints, equal bases. */
  fingerprint: string;
  /** What this load did per file: parsed afresh, read back from the parse cache, PDFs whose text pdf.js extracted. */
  reading?: LoadReading;
}

export interface LoadReading {
  parsed: number;
  cached: number;
  pdfsExtracted: number;
}
