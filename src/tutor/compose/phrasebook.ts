/**
 * Everything the tutor says in its own words, one phrasebook per written language: the phrases
 * around the notes' text and the calculator's steps, the replies to small talk, the questions it
 * asks back and the words of a quiz. Only the compose stage reads them.
 */
import type { ClarifyPhrases } from '../clarification';
import { writingLang, type Lang } from '../language';
import { en } from './phrasebook-en';
import { zhHant } from './phrasebook-zh-hant';

export interface Phrases {
  sections: Record<string, string>;
  workedExample: string;
  exampleFromNote: (item: number) => string;
  exampleIllustrative: string;
  computation: string;
  sources: string;
  nextStep: string;
  relatedItem: string;
  quizOffer: string;
  seeAlso: string;
  notesInEnglish: string;
  notCovered: string;
  part: (n: number) => string;
  target: string;
  prediction: string;
  error: string;
  loss: string;
  term: string;
  weight: string;
  value: string;
  weighted: string;
  share: string;
  gradient: string;
  parameters: string;
  reductionLine: (kind: string, count: string, value: string) => string;
  gradientLine: (grad: string) => string;
  truncatedRows: (count: string) => string;
  assumedOrder: string;
  totalLine: (value: string) => string;
  raisedWeight: (label: string, from: string, to: string) => string;
  shareChange: (label: string, from: string, to: string) => string;
  gradientChange: (label: string, from: string, to: string) => string;
}

export interface ReplyPhrases {
  greeting: (items: number, range: string) => string;
  help: (items: number, range: string) => string;
  thanks: string;
  farewell: string;
  acknowledgement: string;
  outOfScope: (items: number) => string;
}

export interface QuizPhrases {
  quiz: string;
  reply: string;
  right: string;
  wrong: string;
  /** Not right, but part of the answer is in the reply. */
  partly: string;
  model: string;
  /** Heads the ideas of the model answer the reply left out. */
  missingIdeas: string;
  nextStep: string;
  /** Try the question again, after rereading the sections quoted (when any). */
  retry: (item: number, sections: string[]) => string;
  /** Move on; the question missed comes back with "quiz me". */
  moveOn: string;
  again: string;
  /** A note without quiz questions is asked about its own claim. */
  aboutClaim: (title: string) => string;
}

export interface Phrasebook {
  phrases: Phrases;
  replies: ReplyPhrases;
  clarify: ClarifyPhrases;
  quiz: QuizPhrases;
  /** KL divergence: what PyTorch's default reduction would print instead of batchmean. */
  pytorchMeanDefault: (value: string) => string;
}

/** Simplified Chinese is written with the Traditional phrasebook and converted as it is composed. */
export const phrasebookFor = (lang: Lang): Phrasebook => (writingLang(lang) === 'zh-Hant' ? zhHant : en);
