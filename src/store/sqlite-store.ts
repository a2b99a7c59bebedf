import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { AnswerBody } from '../tutor/answer';
import { emptySessionState, type SessionState } from '../tutor/session-state';
import { GroupCommit } from './group-commit';
import { migrations } from './sqlite-migrations';
import type { AssistantEntry, HistoryEntry, Rating, SessionRecord, Store, TurnRecord } from './store';
import { StoreError } from './store-error';

/**
 * What a failed store call means for the person running the server, from SQLite's error code; an
 * error that is not SQLite's is returned as it is.
 */
function storeFailure(error: unknown): StoreError | undefined {
  if (error instanceof StoreError) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined;
  if (code === 'SQLITE_FULL') return new StoreError('database_full', "the server's database is full: the operator must free disk space or raise --max-db-bytes");
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return new StoreError('database_corrupt', "the server's database is damaged: the operator must restore it from a backup or start a new --db file");
  if (code.startsWith('SQLITE_READONLY')) return new StoreError('database_readonly', "the server's database is read-only: the operator must make the --db file writable");
  return new StoreError('database_io', `the server's database failed (${code}): try again shortly`);
}

/** Opens the file, naming the cause and the fix instead of SQLite's or the file system's raw code. */
function openDatabase(file: string): Database.Database {
  if (file === ':memory:') return new Database(file);
  const isFolder = (() => {
    try {
      return statSync(file).isDirectory();
    } catch {
      return false;
    }
  })();
  if (isFolder) throw new StoreError('database_unopenable', `the database path ${file} is a folder: pass a file with --db (or LOSS_TUTOR_DB), e.g. --db ${join(file, 'loss-tutor.db')}`);
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new StoreError('database_unopenable', `cannot create the folder ${dirname(file)} for the database (${why === 'ENOTDIR' || why === 'EEXIST' ? 'a file is in the way' : 'not allowed'}): pass a writable place with --db FILE or LOSS_TUTOR_DB`);
  }
  try {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    return db;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw new StoreError('database_corrupt', `${file} is not a loss-tutor database or is damaged: move it aside (or restore a backup), or pass another --db file`);
    if (code?.startsWith('SQLITE_READONLY')) throw new StoreError('database_readonly', `${file} cannot be written: make it and its folder writable, or pass another --db file`);
    throw new StoreError('database_unopenable', `cannot open the database ${file}: check that its folder is writable, or pass another --db file`);
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

const assistantEntry = (row: MessageRow): AssistantEntry => ({ role: 'assistant', messageId: row.message_id!, at: row.at, text: row.text, ...(JSON.parse(row.body ?? '{}') as Omit<AnswerBody, 'text'>) });

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
export function openSqliteStore(file: string, options: { maxBytes?: number } = {}): Store {
  const db = openDatabase(file);
  try {
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (options.maxBytes !== undefined) db.pragma(`max_page_count = ${Math.max(1, Math.floor(options.maxBytes / (db.pragma('page_size', { simple: true }) as number)))}`);
    migrate(db, file);
  } catch (error) {
    db.close();
    throw storeFailure(error) ?? error;
  }

  const statements = {
    insertSession: db.prepare('INSERT INTO sessions (id, created_at, state) VALUES (?, ?, ?)'),
    session: db.prepare<[string], { id: string; created_at: string; state: string }>('SELECT id, created_at, state FROM sessions WHERE id = ?'),
    updateState: db.prepare('UPDATE sessions SET state = ? WHERE id = ?'),
    insertMessage: db.prepare('INSERT INTO messages (session_id, role, message_id, client_id, text, body, at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    messages: db.prepare<[string, number], MessageRow>(
      'SELECT role, message_id, client_id, text, body, at FROM (SELECT * FROM messages WHERE session_id = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq',
    ),
    transcript: db.prepare<[string, number], { role: 'user' | 'assistant'; text: string }>(
      'SELECT role, text FROM (SELECT seq, role, text FROM messages WHERE session_id = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq',
    ),
    answerTo: db.prepare<[string, string], MessageRow>(
      `SELECT a.role, a.message_id, a.client_id, a.text, a.body, a.at FROM messages q JOIN messages a ON a.seq = q.seq + 1 AND a.session_id = q.session_id
       WHERE q.session_id = ? AND q.client_id = ? AND q.role = 'user' ORDER BY q.seq DESC LIMIT 1`,
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
  const recordTurn = ({ sessionId, question, answer, state }: TurnRecord): AssistantEntry => {
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
  };
  const recordFeedback = (sessionId: string, messageId: string, rating: Rating, comment?: string): boolean => {
    if (!statements.ownAnswer.get(messageId, sessionId)) return false;
    statements.clearFeedback.run(messageId);
    statements.insertFeedback.run(messageId, rating, comment ?? null, new Date().toISOString());
    return true;
  };

  // Inside the group's transaction each write is a savepoint of its own, so one that throws is undone alone.
  const commits = new GroupCommit((work) => db.transaction(work)());
  const write = <T>(work: () => T): Promise<T> => commits.run(db.transaction(work)).catch(rejectAsStoreError);
  const read = async <T>(work: () => T): Promise<T> => {
    try {
      return work();
    } catch (error) {
      return rejectAsStoreError(error);
    }
  };

  return {
    createSession: () => write(createSession),
    getSession: (id) =>
      read(() => {
        const row = statements.session.get(id);
        return row ? { id: row.id, createdAt: row.created_at, state: JSON.parse(row.state) as SessionState } : undefined;
      }),
    history: (sessionId, limit = -1) =>
      read((): HistoryEntry[] => statements.messages.all(sessionId, limit).map((row) => (row.role === 'user' ? { role: 'user', id: row.client_id ?? '', text: row.text, at: row.at } : assistantEntry(row)))),
    answerTo: (sessionId, clientId) =>
      read(() => {
        const row = statements.answerTo.get(sessionId, clientId);
        return row?.role === 'assistant' ? assistantEntry(row) : undefined;
      }),
    transcript: (sessionId, limit) => read(() => statements.transcript.all(sessionId, limit)),
    recordTurn: (turn) => write(() => recordTurn(turn)),
    recordFeedback: (sessionId, messageId, rating, comment) => write(() => recordFeedback(sessionId, messageId, rating, comment)),
    async close() {
      // Writes already asked for are flushed on this pass's setImmediate; close after them.
      await new Promise<void>((resolve) => setImmediate(resolve));
      db.close();
    },
  };
}

function rejectAsStoreError(error: unknown): never {
  throw storeFailure(error) ?? error;
}
