import { randomBytes, randomUUID } from 'node:crypto';
import type { AnswerBody } from '../tutor/answer';
import { emptySessionState, type SessionState } from '../tutor/session-state';
import { openSqliteDatabase, type SqliteDatabase } from './sqlite-database';
import type { AssistantEntry, HistoryEntry, Rating, SessionRecord, Store, TurnRecord } from './store';
import { StoreError } from './store-error';

interface MessageRow {
  role: 'user' | 'assistant';
  message_id: string | null;
  client_id: string | null;
  text: string;
  body: string | null;
  at: string;
}

const assistantEntry = (row: MessageRow): AssistantEntry => ({ role: 'assistant', messageId: row.message_id!, at: row.at, text: row.text, ...(JSON.parse(row.body ?? '{}') as Omit<AnswerBody, 'text'>) });

/** 144 random bits, URL-safe: a session's only key, so it must not be guessable. */
const newSessionId = (): string => randomBytes(18).toString('base64url');

/**
 * A turn's write and the read of a question's stored answer, as synchronous calls to run inside a
 * write of the database: the study store writes a turn in the same transaction as its reviews.
 */
export function sqliteTurns(db: SqliteDatabase['connection']) {
  const statements = {
    updateState: db.prepare('UPDATE sessions SET state = ? WHERE id = ?'),
    insertMessage: db.prepare('INSERT INTO messages (session_id, role, message_id, client_id, text, body, at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    answerTo: db.prepare<[string, string], MessageRow>(
      `SELECT a.role, a.message_id, a.client_id, a.text, a.body, a.at FROM messages q JOIN messages a ON a.seq = q.seq + 1 AND a.session_id = q.session_id
       WHERE q.session_id = ? AND q.client_id = ? AND q.role = 'user' ORDER BY q.seq DESC LIMIT 1`,
    ),
  };
  return {
    answerTo(sessionId: string, clientId: string): AssistantEntry | undefined {
      const row = statements.answerTo.get(sessionId, clientId);
      return row?.role === 'assistant' ? assistantEntry(row) : undefined;
    },
    recordTurn({ sessionId, question, answer, state }: TurnRecord): AssistantEntry {
      // The state is written first: no row changed means no such session, and nothing was written.
      if (statements.updateState.run(JSON.stringify(state), sessionId).changes === 0) {
        throw new StoreError('session_not_found', `no session ${sessionId}: start a new conversation.`);
      }
      const at = new Date().toISOString();
      const messageId = randomUUID();
      const { text, ...rest } = answer;
      statements.insertMessage.run(sessionId, 'user', null, question.id, question.text, null, at);
      statements.insertMessage.run(sessionId, 'assistant', messageId, null, text, JSON.stringify(rest), at);
      return { role: 'assistant', messageId, at, ...answer };
    },
  };
}

/** Sessions, messages and feedback in a SQLite database; closing the store closes the database. */
export function sqliteSessionStore(database: SqliteDatabase): Store {
  const db = database.connection;
  const turns = sqliteTurns(db);
  const statements = {
    insertSession: db.prepare('INSERT INTO sessions (id, created_at, state) VALUES (?, ?, ?)'),
    session: db.prepare<[string], { id: string; created_at: string; state: string }>('SELECT id, created_at, state FROM sessions WHERE id = ?'),
    messages: db.prepare<[string, number], MessageRow>(
      'SELECT role, message_id, client_id, text, body, at FROM (SELECT * FROM messages WHERE session_id = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq',
    ),
    transcript: db.prepare<[string, number], { role: 'user' | 'assistant'; text: string }>(
      'SELECT role, text FROM (SELECT seq, role, text FROM messages WHERE session_id = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq',
    ),
    ownAnswer: db.prepare<[string, string], { found: number }>("SELECT 1 AS found FROM messages WHERE message_id = ? AND session_id = ? AND role = 'assistant'"),
    clearFeedback: db.prepare('DELETE FROM feedback WHERE message_id = ?'),
    insertFeedback: db.prepare('INSERT INTO feedback (message_id, rating, comment, at) VALUES (?, ?, ?, ?)'),
  };

  const createSession = (): SessionRecord => {
    const record: SessionRecord = { id: newSessionId(), createdAt: new Date().toISOString(), state: emptySessionState() };
    statements.insertSession.run(record.id, record.createdAt, JSON.stringify(record.state));
    return record;
  };
  const recordFeedback = (sessionId: string, messageId: string, rating: Rating, comment?: string): boolean => {
    if (!statements.ownAnswer.get(messageId, sessionId)) return false;
    statements.clearFeedback.run(messageId);
    statements.insertFeedback.run(messageId, rating, comment ?? null, new Date().toISOString());
    return true;
  };

  const { read, write } = database;
  return {
    createSession: () => write(createSession),
    getSession: (id) =>
      read(() => {
        const row = statements.session.get(id);
        return row ? { id: row.id, createdAt: row.created_at, state: JSON.parse(row.state) as SessionState } : undefined;
      }),
    history: (sessionId, limit = -1) =>
      read((): HistoryEntry[] => statements.messages.all(sessionId, limit).map((row) => (row.role === 'user' ? { role: 'user', id: row.client_id ?? '', text: row.text, at: row.at } : assistantEntry(row)))),
    answerTo: (sessionId, clientId) => read(() => turns.answerTo(sessionId, clientId)),
    transcript: (sessionId, limit) => read(() => statements.transcript.all(sessionId, limit)),
    recordTurn: (turn) => write(() => turns.recordTurn(turn)),
    recordFeedback: (sessionId, messageId, rating, comment) => write(() => recordFeedback(sessionId, messageId, rating, comment)),
    close: () => database.close(),
  };
}


/** The session store on its own SQLite file (or ":memory:"). */
export function openSqliteStore(file: string, options: { maxBytes?: number } = {}): Store {
  return sqliteSessionStore(openSqliteDatabase(file, options));
}
