/**
 * What the tutor remembers between turns of one conversation, stored as JSON with the session;
 * the schema every stored state is read through (with the migration of older states), and the
 * reducer that is the one way a turn changes it.
 */
import { z } from 'zod';
import type { LossCase } from '../core/case';
import type { ClarifyCode } from './answer';
import type { PendingCalcQuestion } from './calc-request';
import type { Lang } from './language';

/** A question the tutor asked back, which the learner's next turn may answer. */
export interface PendingQuestion {
  code: ClarifyCode;
  /** The loss already chosen ("compute the mse" → "Which numbers?"). */
  loss?: string;
  /** The numbers already given ("targets [...] and predictions [...]" → "Which loss?"). */
  inputs?: { yTrue: number[]; yPred: number[] };
  /** What the calculation reader found missing, in its own terms, for the next turn to fill. */
  calc?: PendingCalcQuestion;
}

export interface SessionState {
  /** The item the conversation is about: what "it" and "that" refer to. */
  topic?: number;
  /** Items shown in the last answer, in order: what "the first one" refers to. */
  lastShown: number[];
  /** The last computation, so "now with delta 2" can rerun it. */
  lastCalculation?: LossCase;
  /** An open quiz question awaiting the learner's reply. */
  quiz?: { item: number; question: number };
  /** The last quiz question asked, open or graded, so "next question" moves on from it. */
  lastQuiz?: { item: number; question: number };
  /** Quiz questions the learner got wrong, to come back to. */
  missed: { item: number; question: number }[];
  /** Language of the conversation's last question. */
  lang?: Lang;
  pending?: PendingQuestion;
  /** The review card awaiting the learner's reply (docs/study.md). */
  review?: { card: string };
}

export const emptySessionState = (): SessionState => ({ lastShown: [], missed: [] });

const quizPick = z.object({ item: z.number().int(), question: z.number().int().nonnegative() });
const numbers = z.array(z.number());

/** The stored state as written today and before: fields added later are optional or defaulted. */
const storedState = z.object({
  topic: z.number().int().optional(),
  lastShown: z.array(z.number().int()).default([]),
  // A case is checked by the calculator when it is rerun; here it only has to be a case's shape.
  lastCalculation: z.looseObject({ loss: z.string(), inputs: z.record(z.string(), z.unknown()) }).optional(),
  quiz: quizPick.optional(),
  lastQuiz: quizPick.optional(),
  missed: z.array(quizPick).default([]),
  // States stored before Simplified Chinese was told apart said "zh" or "zh-Hant" for all Chinese.
  lang: z.string().optional().transform((lang): Lang | undefined => (lang === undefined ? undefined : lang === 'en' ? 'en' : lang === 'zh-Hans' ? 'zh-Hans' : lang.startsWith('zh') ? 'zh-Hant' : undefined)),
  review: z.object({ card: z.string() }).optional(),
  pending: z.object({ code: z.string(), loss: z.string().optional(), inputs: z.object({ yTrue: numbers, yPred: numbers }).optional(), calc: z.looseObject({ missing: z.string() }).optional() }).optional(),
});

/** Reads a stored state; what cannot be read starts the conversation afresh rather than failing the turn. */
export function readSessionState(stored: unknown): SessionState {
  const parsed = storedState.safeParse(stored);
  if (!parsed.success) return emptySessionState();
  const { lang, pending, lastCalculation, review, ...rest } = parsed.data;
  const state: SessionState = { ...rest };
  if (review !== undefined) state.review = review;
  if (lang !== undefined) state.lang = lang;
  if (pending !== undefined) state.pending = pending as PendingQuestion;
  if (lastCalculation !== undefined) state.lastCalculation = lastCalculation as unknown as LossCase;
  return state;
}

/** What a turn did, as far as the conversation's memory is concerned. */
export type StateEvent =
  | { type: 'language'; lang: Lang }
  | { type: 'topic'; item: number }
  | { type: 'shown'; items: number[] }
  | { type: 'calculated'; lossCase: LossCase }
  | { type: 'asked_back'; pending: PendingQuestion }
  | { type: 'quiz_asked'; item: number; question: number }
  | { type: 'quiz_graded'; item: number; question: number; correct: boolean }
  /** The open question is gone from the notes: it is dropped ungraded. */
  | { type: 'quiz_closed' };

function apply(state: SessionState, event: StateEvent): SessionState {
  switch (event.type) {
    case 'language':
      return { ...state, lang: event.lang };
    case 'topic':
      return { ...state, topic: event.item };
    case 'shown':
      return { ...state, lastShown: event.items };
    case 'calculated':
      return { ...state, lastCalculation: event.lossCase };
    case 'asked_back':
      return { ...state, pending: event.pending };
    case 'quiz_asked':
      return { ...state, quiz: { item: event.item, question: event.question }, lastQuiz: { item: event.item, question: event.question } };
    case 'quiz_closed': {
      const { quiz: _closed, ...rest } = state;
      return rest;
    }
    case 'quiz_graded': {
      const { quiz: _answered, ...rest } = state;
      const same = (m: { item: number; question: number }): boolean => m.item === event.item && m.question === event.question;
      const missed = event.correct ? rest.missed.filter((m) => !same(m)) : rest.missed.some(same) ? rest.missed : [...rest.missed, { item: event.item, question: event.question }];
      return { ...rest, missed };
    }
  }
}

/** The state after a turn: a question asked back is open for one turn only, then the events in order. */
export function nextState(state: SessionState, events: readonly StateEvent[]): SessionState {
  const { pending: _answeredOrDropped, ...start } = state;
  return events.reduce(apply, start as SessionState);
}
