import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite-store';
import type { AnswerBody } from '../../src/tutor/answer';

const dbFile = () => join(mkdtempSync(join(tmpdir(), 'loss-tutor-store-')), 'nested', 'tutor.db');
const answer = (text: string): AnswerBody => ({ text, citations: [{ item: 35, title: 'Weighted loss functions', source: 'en/035.md' }], calculations: [], clarify: false });

describe('the SQLite store', () => {
  it('creates sessions with unguessable ids of at least 128 bits', () => {
    const store = openSqliteStore(dbFile());
    const ids = Array.from({ length: 50 }, () => store.createSession().id);
    expect(new Set(ids).size).toBe(50);
    for (const id of ids) expect(Buffer.from(id, 'base64url').length).toBeGreaterThanOrEqual(16);
    store.close();
  });

  it('keeps a conversation in order, with the answer’s fields and the new state', () => {
    const store = openSqliteStore(dbFile());
    const session = store.createSession();
    const first = store.recordTurn({ sessionId: session.id, question: { id: 'c1', text: 'what is item 35?' }, answer: answer('It is about weights.'), state: { topic: 35, lastShown: [35], missed: [] } });
    store.recordTurn({ sessionId: session.id, question: { id: 'c2', text: 'and item 36?' }, answer: answer('Class weights.'), state: { topic: 36, lastShown: [36], missed: [] } });
    const history = store.history(session.id);
    expect(history.map((entry) => entry.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(history[0]).toMatchObject({ role: 'user', id: 'c1', text: 'what is item 35?' });
    expect(history[1]).toMatchObject({ role: 'assistant', messageId: first.messageId, text: 'It is about weights.', citations: [{ item: 35 }], clarify: false });
    expect(store.getSession(session.id)?.state.topic).toBe(36);
    store.close();
  });

  it('keeps sessions apart', () => {
    const store = openSqliteStore(dbFile());
    const a = store.createSession();
    const b = store.createSession();
    store.recordTurn({ sessionId: a.id, question: { id: 'x', text: 'only in a' }, answer: answer('a'), state: { lastShown: [], missed: [] } });
    expect(store.history(b.id)).toEqual([]);
    expect(store.history(a.id)).toHaveLength(2);
    store.close();
  });

  it('survives closing and reopening the file', () => {
    const file = dbFile();
    const store = openSqliteStore(file);
    const session = store.createSession();
    const entry = store.recordTurn({ sessionId: session.id, question: { id: 'c1', text: 'q' }, answer: answer('a'), state: { lastShown: [], missed: [] } });
    store.close();
    const reopened = openSqliteStore(file);
    expect(reopened.history(session.id).map((e) => e.text)).toEqual(['q', 'a']);
    expect(reopened.recordFeedback(session.id, entry.messageId, 'up', 'clear')).toBe(true);
    reopened.close();
  });

  it('records feedback only on the session\'s own answers, once per answer (the last rating)', () => {
    const file = dbFile();
    const store = openSqliteStore(file);
    const session = store.createSession();
    const entry = store.recordTurn({ sessionId: session.id, question: { id: 'c1', text: 'q' }, answer: answer('a'), state: { lastShown: [], missed: [] } });
    expect(store.recordFeedback(session.id, entry.messageId, 'up')).toBe(true);
    expect(store.recordFeedback(session.id, entry.messageId, 'down', 'too long')).toBe(true);
    expect(store.recordFeedback(session.id, 'no-such-message', 'up')).toBe(false);
    expect(store.recordFeedback(store.createSession().id, entry.messageId, 'up')).toBe(false);
    store.close();
    const rows = new Database(file).prepare('SELECT message_id, rating, comment FROM feedback').all();
    expect(rows).toEqual([{ message_id: entry.messageId, rating: 'down', comment: 'too long' }]);
  });

  it('refuses a turn for a session that does not exist', () => {
    const store = openSqliteStore(dbFile());
    expect(() => store.recordTurn({ sessionId: 'nope', question: { id: 'c', text: 'q' }, answer: answer('a'), state: { lastShown: [], missed: [] } })).toThrow('no session nope');
    store.close();
  });

  it('commits a batch in one transaction, undoing only the write that failed', () => {
    const file = dbFile();
    const store = openSqliteStore(file);
    const a = store.createSession();
    const state = { lastShown: [], missed: [] };
    const outcomes = store.batch(() =>
      [a.id, 'gone', a.id].map((sessionId, n) => {
        try {
          return store.recordTurn({ sessionId, question: { id: `q${n}`, text: `question ${n}` }, answer: answer(`answer ${n}`), state }).text;
        } catch (error) {
          return (error as Error).message;
        }
      }),
    );
    const b = store.batch(() => store.createSession());
    expect(outcomes).toEqual(['answer 0', 'no session gone: start a new conversation.', 'answer 2']);
    store.close();
    const reopened = openSqliteStore(file);
    expect(reopened.history(a.id).map((e) => e.text)).toEqual(['question 0', 'answer 0', 'question 2', 'answer 2']);
    expect(reopened.getSession(b.id)).toBeDefined();
    reopened.close();
  });

  it('gives a turn only the most recent messages, oldest first', () => {
    const store = openSqliteStore(dbFile());
    const session = store.createSession();
    for (let n = 1; n <= 4; n++) {
      store.recordTurn({ sessionId: session.id, question: { id: `q${n}`, text: `question ${n}` }, answer: answer(`answer ${n}`), state: { lastShown: [], missed: [] } });
    }
    expect(store.transcript(session.id, 3)).toEqual([
      { role: 'assistant', text: 'answer 3' },
      { role: 'user', text: 'question 4' },
      { role: 'assistant', text: 'answer 4' },
    ]);
    expect(store.transcript(session.id, 100)).toHaveLength(8);
    store.close();
  });

  it('runs in WAL mode and refuses a database from a newer version', () => {
    const file = dbFile();
    openSqliteStore(file).close();
    const raw = new Database(file);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openSqliteStore(file)).toThrow(/written by a newer loss-tutor/);
  });
});
