import type { LossCase } from '../core/case';
import type { PendingCalcQuestion } from './calc-request';

/** What the tutor remembers between turns of one conversation; stored as JSON with the session. */
export interface SessionState {
  /** The item the conversation is about: what "it" and "that" refer to. */
  topic?: number;
  /** Items shown in the last answer, in order: what "the first one" refers to. */
  lastShown: number[];
  /** The last computation, so "now with delta 2" can rerun it. */
  lastCalculation?: LossCase;
  /** The calculation the tutor asked a question about; the next turn's numbers complete it. */
  pendingCalculation?: PendingCalcQuestion;
  /** An open quiz question awaiting the learner's reply. */
  quiz?: { item: number; question: number };
  /** Quiz questions the learner got wrong, to come back to. */
  missed: { item: number; question: number }[];
  /** Language of the conversation's last question. */
  lang?: string;
}

export const emptySessionState = (): SessionState => ({ lastShown: [], missed: [] });
