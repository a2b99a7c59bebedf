import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { AnswerBody } from '../tutor/answer';
import { emptySessionState, type SessionState } from '../tutor/session-state';
import { migrations } from './migrations';
import type { AssistantEntry, HistoryEntry, Rating, SessionRecord, Store, TurnRecord } from './store';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: 'session_not_found' | 'database_newer',
    message: string,
  ) {
    super(message);
  }
}

interface MessageRow {
  role: 'user' | 'assistant';
  message_id: string | null;
  client_id: string | null;
  text: string;
  body: string | null;
  at: string;
}

/** 144 random bits, URL-safe: a session's only key, so it must not be guessable. */
const newSessionId = (): string => randomBytes(18).toString('base64url');

function migrate(db: Database.Database, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > migrations.length) {
    throw new StoreError('database_newer', `${file} was written by a newer loss-tutor (schema ${version}, this one knows ${migrations.length}): upgrade loss-tutor or use another --db file.`);
  }
  db.transaction(() => {
    for (let step = version; step < migrations.length; step++) db.exec(migrations[step]!);
    db.pragma(`user_version = ${migrations.length}`);
  })();
}

/**
 * Sessions, messages and feedback in one SQLite file. WAL lets the server read while it writes;
 * synchronous=FULL makes each committed turn survive a power cut, not only a crash, which a chat
 * workload of a few writes a second easily affords.
 */
export function openSqliteStore(file: string): Store {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, file);

  const statements = {
    insertSession: db.prepare('INSERT INTO sessions (id, created_at, state) VALUES (?, ?, ?)'),
    session: db.prepare<[string], { id: string; created_at: string; state: string }>('SELECT id, created_at, state FROM sessions WHERE id = ?'),
    updateState: db.prepare('UPDATE sessions SET state = ? WHERE id = ?'),
    insertMessage: db.prepare('INSERT INTO messages (session_id, role, message_id, client_id, text, body, at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    messages: db.prepare<[string], MessageRow>('SELECT role, message_id, client_id, text, body, at FROM messages WHERE session_id = ? ORDER BY seq'),
    transcript: db.prepare<[string, number], { role: 'user' | 'assistant'; text: string }>(
      'SELECT role, text FROM (SELECT seq, role, text FROM messages WHERE session_id = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq',
    ),
    messageExists: db.prepare<[string], { found: number }>("SELECT 1 AS found FROM messages WHERE message_id = ? AND role = 'assistant'"),
    insertFeedback: db.prepare('INSERT INTO feedback (message_id, rating, comment, at) VALUES (?, ?, ?, ?)'),
  };

  // Each write is a transaction of its own, or a savepoint when it runs inside batch().
  const createSession = db.transaction((): SessionRecord => {
    const record: SessionRecord = { id: newSessionId(), createdAt: new Date().toISOString(), state: emptySessionState() };
    statements.insertSession.run(record.id, record.createdAt, JSON.stringify(record.state));
    return record;
  });
  const recordTurn = db.transaction(({ sessionId, question, answer, state }: TurnRecord): AssistantEntry => {
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
  });

  return {
    createSession,
    getSession(id) {
      const row = statements.session.get(id);
      return row ? { id: row.id, createdAt: row.created_at, state: JSON.parse(row.state) as SessionState } : undefined;
    },
    history(sessionId): HistoryEntry[] {
      return statements.messages.all(sessionId).map((row) =>
        row.role === 'user'
          ? { role: 'user', id: row.client_id ?? '', text: row.text, at: row.at }
          : { role: 'assistant', messageId: row.message_id!, at: row.at, text: row.text, ...(JSON.parse(row.body ?? '{}') as Omit<AnswerBody, 'text'>) },
      );
    },
    transcript(sessionId, limit) {
      return statements.transcript.all(sessionId, limit);
    },
    recordTurn,
    batch: <T>(work: () => T): T => db.transaction(work)(),
    recordFeedback(messageId, rating: Rating, comment) {
      if (!statements.messageExists.get(messageId)) return false;
      statements.insertFeedback.run(messageId, rating, comment ?? null, new Date().toISOString());
      return true;
    },
    close() {
      db.close();
    },
  };
}
