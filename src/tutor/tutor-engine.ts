import type { AnswerBody } from './answer';
import type { SessionState } from './session-state';

export interface HistoryTurn {
  role: 'user' | 'assistant';
  text: string;
}

export interface Turn {
  text: string;
  state: SessionState;
  /** Earlier turns of the conversation, oldest first. */
  history: HistoryTurn[];
  /** Called with each piece of text as the answer is composed (delta frames). */
  onDelta?: (text: string) => void;
  signal?: AbortSignal;
}

export interface TurnResult {
  answer: AnswerBody;
  state: SessionState;
}

/**
 * A tutor backend: the embedded rule-based tutor, or a language model kept honest by the
 * same knowledge base and calculator. Both pass the same contract suite.
 */
export interface TutorEngine {
  answer(turn: Turn): Promise<TurnResult>;
}
