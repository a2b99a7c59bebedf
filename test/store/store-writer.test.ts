import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite-store';
import { StoreWriter } from '../../src/store/store-writer';
import type { AnswerBody } from '../../src/tutor/answer';

const answer = (text: string): AnswerBody => ({ text, citations: [{ item: 35, title: 'Weighted losses', source: 'x.md' }], calculations: [], clarify: false });
const state = { lastShown: [35], missed: [] };
const dbFile = () => join(mkdtempSync(join(tmpdir(), 'loss-tutor-writer-')), 'tutor.db');

describe('the store writer', () => {
  it('commits on its thread what another connection reads once the write has resolved', async () => {
    const file = dbFile();
    const writer = await StoreWriter.open(file);
    const reader = openSqliteStore(file);
    const session = await writer.createSession();
    expect(reader.getSession(session.id)).toEqual(session);
    const receipt = await writer.recordTurn({ sessionId: session.id, question: { id: 'q1', text: 'what is item 35?' }, answer: answer('It weighs one goal against another.'), state });
    expect(reader.getSession(session.id)?.state).toEqual(state);
    expect(reader.history(session.id)).toEqual([
      { role: 'user', id: 'q1', text: 'what is item 35?', at: receipt.at },
      { role: 'assistant', messageId: receipt.messageId, at: receipt.at, ...answer('It weighs one goal against another.') },
    ]);
    await expect(writer.recordFeedback(receipt.messageId, 'up')).resolves.toBe(true);
    await expect(writer.recordFeedback('no-such-message', 'down')).resolves.toBe(false);
    reader.close();
    await writer.close();
  });

  it('fails a turn of an unknown session with the store error code, and commits the writes beside it', async () => {
    const file = dbFile();
    const writer = await StoreWriter.open(file);
    const session = await writer.createSession();
    const [lost, kept] = await Promise.allSettled([
      writer.recordTurn({ sessionId: 'gone', question: { id: 'a', text: 'a' }, answer: answer('a'), state }),
      writer.recordTurn({ sessionId: session.id, question: { id: 'b', text: 'b' }, answer: answer('b'), state }),
    ]);
    expect(lost).toMatchObject({ status: 'rejected', reason: { name: 'StoreError', code: 'session_not_found' } });
    expect(kept.status).toBe('fulfilled');
    await writer.close();
    const onDisk = new Database(file, { readonly: true });
    expect(onDisk.prepare('SELECT COUNT(*) AS n FROM messages').get()).toEqual({ n: 2 });
    onDisk.close();
  });

  it('lets the writes in flight commit before it closes, and refuses writes after', async () => {
    const file = dbFile();
    const writer = await StoreWriter.open(file);
    const session = await writer.createSession();
    const turns = Array.from({ length: 50 }, (_, i) => writer.recordTurn({ sessionId: session.id, question: { id: `q${i}`, text: `q${i}` }, answer: answer(`a${i}`), state }));
    await writer.close();
    expect(await Promise.all(turns)).toHaveLength(50);
    await expect(writer.createSession()).rejects.toMatchObject({ code: 'writer_stopped' });
    const reader = openSqliteStore(file);
    expect(reader.history(session.id)).toHaveLength(100);
    reader.close();
  });

  it('refuses to open a database from a newer version, with the store error of the thread', async () => {
    const file = dbFile();
    openSqliteStore(file).close();
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    await expect(StoreWriter.open(file)).rejects.toMatchObject({ code: 'database_newer', message: expect.stringMatching(/newer loss-tutor/) });
  });
});
