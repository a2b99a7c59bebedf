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
 * Sessions, messages and feedback; the server and `ask --session` share it. Asynchronous so that a
 * database on another machine fits behind it as well as an embedded file. A write resolves only once
 * it is durable: the server sends an answer frame after its turn's promise resolves, never before.
 * Failures reject with a StoreError.
 */
export interface Store {
  /** A new session with an unguessable id (128 random bits or more). */
  createSession(): Promise<SessionRecord>;
  getSession(id: string): Promise<SessionRecord | undefined>;
  /** The conversation oldest first; with `limit`, only its last `limit` messages (what a welcome pages in). */
  history(sessionId: string, limit?: number): Promise<HistoryEntry[]>;
  /** Who said what in the last `limit` messages, oldest first, without the answers' other fields: what a tutor turn reads. */
  transcript(sessionId: string, limit: number): Promise<{ role: 'user' | 'assistant'; text: string }[]>;
  /** The stored answer to the session's question with this client id, if it was answered: a resent ask is answered from here. */
  answerTo(sessionId: string, clientId: string): Promise<AssistantEntry | undefined>;
  /** The question, the answer and the new state, committed together. Rejects with session_not_found for an unknown session. */
  recordTurn(turn: TurnRecord): Promise<AssistantEntry>;
  /**
   * The session's rating of one of its own answers: a second rating replaces the first, so an answer
   * is counted once. False when the session has no such answer (another session's answers included).
   */
  recordFeedback(sessionId: string, messageId: string, rating: Rating, comment?: string): Promise<boolean>;
  close(): Promise<void>;
}
