/**
 * What the tutor asks back when it cannot answer without guessing, as data: each message names
 * what is missing, and the phrasebooks word it in the learner's language.
 */
import type { ClarifyCode, Clarification } from './answer';

export type ClarifyMessage =
  | { key: 'itemOutOfRange'; n: number; first: number; last: number }
  | { key: 'underspecifiedChoice' }
  | { key: 'dangling'; word: string }
  | { key: 'noNumbers'; loss: string }
  | { key: 'oneList' }
  | { key: 'noLoss' }
  | { key: 'ambiguousLoss'; said: string; candidates: { id: string; name: string }[] }
  | { key: 'lengthMismatch'; targets: number; predictions: number }
  | { key: 'refused'; loss: string; reason: string }
  /** title: the note's title in the learner's language, when a note was asked for. */
  | { key: 'noExample'; title?: string }
  | { key: 'nothingToRerun' }
  | { key: 'noQuiz' }
  /** The calculation reader's own question, already in the learner's language. */
  | { key: 'asked'; text: string };

/** One way to word each message. */
export type ClarifyPhrases = { [K in ClarifyMessage['key']]: (message: Extract<ClarifyMessage, { key: K }>) => string };

/** A question asked back: its code and choices for the answer JSON, its message for the text. */
export interface AskBack {
  clarification: Clarification;
  message: ClarifyMessage;
}

export function askBack(code: ClarifyCode, message: ClarifyMessage, choices?: string[]): AskBack {
  return { clarification: choices && choices.length > 0 ? { code, choices } : { code }, message };
}
