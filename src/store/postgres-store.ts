import { randomBytes, randomUUID } from 'node:crypto';
import type { AnswerBody } from '../tutor/answer';
import { emptySessionState, type SessionState } from '../tutor/session-state';
import type { PostgresDatabase, Queryable } from './postgres-database';
import type { AssistantEntry, HistoryEntry, SessionRecord, Store, TurnRecord } from './store';
import { StoreError } from './store-error';

interface MessageRow {
  role: 'user' | 'assistant';
  message_id: string | null;
  client_id: string | null;
  text: string;
  body: Omit<AnswerBody, 'text'> | null;
  at: string;
}

const assistantEntry = (row: MessageRow): AssistantEntry => ({ role: 'assistant', messageId: row.message_id!, at: row.at, text: row.text, ...(row.body ?? ({} as Omit<AnswerBody, 'text'>)) });
const historyEntry = (row: MessageRow): HistoryEntry => (row.role === 'user' ? { role: 'user', id: row.client_id ?? '', text: row.text, at: row.at } : assistantEntry(row));

/**
 * PostgreSQL's text and JSONB cannot hold U+0000, which a learner's frame may carry; it is stored as
 * U+FFFD, the character that stands for one that cannot be shown, instead of failing the turn.
 */
const storable = (text: string): string => text.replaceAll('\0', '\uFFFD');
const storableJson = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? storable(v) : v));

/** 144 random bits, URL-safe: a session's only key, so it must not be guessable. */
const newSessionId = (): string => randomBytes(18).toString('base64url');

const LAST_MESSAGES = `SELECT role, message_id, client_id, text, body, at FROM
  (SELECT * FROM messages WHERE session_id = $1 ORDER BY seq DESC LIMIT $2) AS last ORDER BY seq`;

/** The stored answer to the session's question with this client id: the session's next message after the question. */
export async function answerIn(client: Pick<PostgresDatabase, 'query'>, sessionId: string, clientId: string): Promise<AssistantEntry | undefined> {
  // Sequence numbers are shared by every session: the answer is the session's next message, not seq + 1.
  const { rows } = await client.query<MessageRow>(
    `SELECT a.role, a.message_id, a.client_id, a.text, a.body, a.at FROM messages q
     JOIN LATERAL (SELECT * FROM messages n WHERE n.session_id = q.session_id AND n.seq > q.seq ORDER BY n.seq LIMIT 1) a ON true
     WHERE q.session_id = $1 AND q.client_id = $2 AND q.role = 'user' ORDER BY q.seq DESC LIMIT 1`,
    [sessionId, storable(clientId)],
  );
  return rows[0]?.role === 'assistant' ? assistantEntry(rows[0]) : undefined;
}

/** A turn written inside the caller's transaction; updating the session's row first locks it. */
export async function writeTurn(client: Queryable, { sessionId, question, answer, state }: TurnRecord): Promise<AssistantEntry> {
  const updated = await client.query('UPDATE sessions SET state = $1 WHERE id = $2', [storableJson(state), sessionId]);
  if (updated.rowCount === 0) throw new StoreError('session_not_found', `no session ${sessionId}: start a new conversation.`);
  const at = new Date().toISOString();
  const messageId = randomUUID();
  const { text, ...rest } = answer;
  await client.query(
    `INSERT INTO messages (session_id, role, message_id, client_id, text, body, at)
     VALUES ($1, 'user', NULL, $2, $3, NULL, $4), ($1, 'assistant', $5, NULL, $6, $7, $4)`,
    [sessionId, storable(question.id), storable(question.text), at, messageId, storable(text), storableJson(rest)],
  );
  return { role: 'assistant' as const, messageId, at, ...answer };
}

/**
 * Sessions, messages and feedback in PostgreSQL, shared by every replica. A turn's transaction
 * updates its session's row first, which locks it: two replicas writing turns of one session
 * serialise there, so a question and its answer stay next to each other in the session's order.
 */
export function postgresSessionStore(db: PostgresDatabase): Store {
  return {
    async createSession() {
      const record: SessionRecord = { id: newSessionId(), createdAt: new Date().toISOString(), state: emptySessionState() };
      await db.query('INSERT INTO sessions (id, created_at, state) VALUES ($1, $2, $3)', [record.id, record.createdAt, storableJson(record.state)]);
      return record;
    },
    async getSession(id) {
      const { rows } = await db.query<{ id: string; created_at: string; state: SessionState }>('SELECT id, created_at, state FROM sessions WHERE id = $1', [id]);
      const row = rows[0];
      return row ? { id: row.id, createdAt: row.created_at, state: row.state } : undefined;
    },
    async history(sessionId, limit) {
      const { rows } = await db.query<MessageRow>(LAST_MESSAGES, [sessionId, limit ?? null]);
      return rows.map(historyEntry);
    },
    async transcript(sessionId, limit) {
      const { rows } = await db.query<MessageRow>(LAST_MESSAGES, [sessionId, limit]);
      return rows.map(({ role, text }) => ({ role, text }));
    },
    answerTo: (sessionId, clientId) => answerIn(db, sessionId, clientId),
    recordTurn: (turn) => db.transaction((client) => writeTurn(client, turn)),
    recordFeedback: (sessionId, messageId, rating, comment) =>
      db.transaction(async (client) => {
        const own = await client.query("SELECT 1 FROM messages WHERE message_id = $1 AND session_id = $2 AND role = 'assistant'", [messageId, sessionId]);
        if (own.rowCount === 0) return false;
        await client.query('DELETE FROM feedback WHERE message_id = $1', [messageId]);
        await client.query('INSERT INTO feedback (message_id, rating, comment, at) VALUES ($1, $2, $3, $4)', [messageId, rating, comment === undefined ? null : storable(comment), new Date().toISOString()]);
        return true;
      }),
    close: () => db.close(),
  };
}
