import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../src/store/sqlite-migrations';
import { openSqliteStore } from '../../src/store/sqlite-store';
import type { AnswerBody } from '../../src/tutor/answer';
import { emptySessionState } from '../../src/tutor/session-state';
import { runStoreContract } from './store-contract';
import { runStoreDurabilityContract } from './store-durability-contract';

const dbFile = () => join(mkdtempSync(join(tmpdir(), 'loss-tutor-store-')), 'nested', 'tutor.db');
const answer = (text: string): AnswerBody => ({ text, citations: [], calculations: [], clarify: false });

runStoreContract('SQLite', async () => {
  const file = dbFile();
  return { store: openSqliteStore(file), reopen: async () => openSqliteStore(file) };
});

runStoreDurabilityContract('SQLite', {
  fresh: async () => dbFile(),
  steps: migrations.length,
  async atVersion(steps) {
    const location = dbFile();
    mkdirSync(dirname(location), { recursive: true });
    const db = new Database(location);
    db.pragma('journal_mode = WAL');
    db.transaction(() => {
      for (const step of migrations.slice(0, steps)) db.exec(step);
      db.pragma(`user_version = ${steps}`);
    })();
    return {
      location,
      insert: async (table, row) => void db.prepare(`INSERT INTO ${table} (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row).map(() => '?').join(', ')})`).run(...Object.values(row)),
      close: async () => void db.close(),
    };
  },
  async version(location) {
    const db = new Database(location, { readonly: true });
    try {
      return db.pragma('user_version', { simple: true }) as number;
    } finally {
      db.close();
    }
  },
});

describe('the SQLite store file', () => {
  it('keeps only the last rating of an answer', async () => {
    const file = dbFile();
    const store = openSqliteStore(file);
    const session = await store.createSession();
    const entry = await store.recordTurn({ sessionId: session.id, question: { id: 'c1', text: 'q' }, answer: answer('a'), state: emptySessionState() });
    await store.recordFeedback(session.id, entry.messageId, 'up');
    await store.recordFeedback(session.id, entry.messageId, 'down', 'too long');
    await store.close();
    const rows = new Database(file).prepare('SELECT message_id, rating, comment FROM feedback').all();
    expect(rows).toEqual([{ message_id: entry.messageId, rating: 'down', comment: 'too long' }]);
  });

  it('runs in WAL mode and refuses a database from a newer version', async () => {
    const file = dbFile();
    await openSqliteStore(file).close();
    const raw = new Database(file);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openSqliteStore(file)).toThrow(/written by a newer loss-tutor/);
  });

  it('rejects writes past --max-db-bytes with database_full, and reads on', async () => {
    const store = openSqliteStore(dbFile(), { maxBytes: 256 * 1024 });
    const session = await store.createSession();
    const big = { sessionId: session.id, question: { id: 'q', text: 'x'.repeat(20_000) }, answer: answer('y'.repeat(20_000)), state: emptySessionState() };
    let failure: unknown;
    for (let n = 0; n < 20 && failure === undefined; n++) await store.recordTurn({ ...big, question: { ...big.question, id: `q${n}` } }).catch((error: unknown) => (failure = error));
    expect(failure).toMatchObject({ code: 'database_full' });
    expect((await store.getSession(session.id))?.id).toBe(session.id);
    await store.close();
  });
});
