import type { AnswerBody } from '../tutor/answer';
import type { SessionState } from '../tutor/session-state';

export interface UserEntry {
  role: 'user';
  /** The client's id for the question (the chat frame's `id`). */
  id: string;
  text: string;
  at: string;
}

export interface AssistantEntry extends AnswerBody {
  role: 'assistant';
  messageId: string;
  at: string;
}

export type HistoryEntry = UserEntry | AssistantEntry;

export interface SessionRecord {
  id: string;
  createdAt: string;
  state: SessionState;
}

export interface TurnRecord {
  sessionId: string;
  question: { id: string; text: string };
  answer: AnswerBody;
  state: SessionState;
}

export type Rating = 'up' | 'down';

/**
 * Sessions, messages and feedback. One implementation on SQLite (better-sqlite3, WAL);
 * the server and `ask --session` share it.
 */
export interface Store {
  /** A new session with an unguessable id (128 random bits or more). */
  createSession(): SessionRecord;
  getSession(id: string): SessionRecord | undefined;
  /** The conversation oldest first; with `limit`, only its last `limit` messages (what a welcome pages in). */
  history(sessionId: string, limit?: number): HistoryEntry[];
  /** Who said what in the last `limit` messages, oldest first, without the answers' other fields: what a tutor turn reads. */
  transcript(sessionId: string, limit: number): { role: 'user' | 'assistant'; text: string }[];
  /** The stored answer to the session's question with this client id, if it was answered: a resent ask is answered from here. */
  answerTo(sessionId: string, clientId: string): AssistantEntry | undefined;
  /** The question, the answer and the new state, committed in one transaction. */
  recordTurn(turn: TurnRecord): AssistantEntry;
  /**
   * Runs `work` in one transaction: the writes it makes commit together, with one disk sync. A
   * write inside that throws is undone alone (each write is its own savepoint) and the rest commit.
   */
  batch<T>(work: () => T): T;
  /**
   * The session's rating of one of its own answers: a second rating replaces the first, so an answer
   * is counted once. False when the session has no such answer (another session's answers included).
   */
  recordFeedback(sessionId: string, messageId: string, rating: Rating, comment?: string): boolean;
  close(): void;
}
