import type { AnswerBody } from './answer';
import type { StudyEvent, StudyTurn } from '../study/study-turn';
import type { SessionState } from './session-state';

export interface HistoryTurn {
  role: 'user' | 'assistant';
  text: string;
}

/** How much of the conversation a turn can see: the last five questions and their answers. */
export const RECENT_MESSAGES = 10;

export interface Turn {
  text: string;
  state: SessionState;
  /**
   * The most recent messages of the conversation (up to RECENT_MESSAGES), oldest first. A function,
   * because reading them costs a query and the embedded tutor, which keeps the thread in `state`,
   * never needs them. A promise where they come from a database.
   */
  history: () => HistoryTurn[] | Promise<HistoryTurn[]>;
  /** Called with each piece of text as the answer is composed (delta frames). */
  onDelta?: (text: string) => void;
  signal?: AbortSignal;
  /** Whose turn this is (a connection): an engine shared by many takes turns fairly between lanes. */
  lane?: string;
  /** The learner's due cards, when the conversation belongs to a learner profile (docs/study.md). */
  study?: StudyTurn;
}

export interface TurnResult {
  answer: AnswerBody;
  state: SessionState;
  /** What the learner did to their cards this turn, for the server to schedule and store. */
  study?: StudyEvent[];
}

/**
 * A tutor backend: the embedded rule-based tutor, or a language model kept honest by the
 * same knowledge base and calculator. Both pass the same contract suite.
 */
export interface TutorEngine {
  answer(turn: Turn): Promise<TurnResult>;
}
