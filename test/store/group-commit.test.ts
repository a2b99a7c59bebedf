import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { GroupCommit } from '../../src/store/group-commit';
import { openSqliteStore } from '../../src/store/sqlite-store';
import type { AnswerBody } from '../../src/tutor/answer';

const answer = (text: string): AnswerBody => ({ text, citations: [], calculations: [], clarify: false });
const state = { lastShown: [], missed: [] };
const dbFile = () => join(mkdtempSync(join(tmpdir(), 'loss-tutor-group-')), 'tutor.db');

describe('group commit', () => {
  it('writes the turns of one pass of the event loop in one transaction, each resolved once on disk', async () => {
    const file = dbFile();
    const store = openSqliteStore(file);
    const sessions = Array.from({ length: 30 }, () => store.createSession());
    const transactions = vi.spyOn(store, 'batch');
    const commits = new GroupCommit(store);
    const entries = await Promise.all(sessions.map((s, i) => commits.run(() => store.recordTurn({ sessionId: s.id, question: { id: `q${i}`, text: `q${i}` }, answer: answer(`a${i}`), state }))));
    expect(entries.map((e) => e.text)).toEqual(sessions.map((_, i) => `a${i}`));
    expect(transactions).toHaveBeenCalledTimes(1);
    const onDisk = new Database(file, { readonly: true });
    expect(onDisk.prepare('SELECT COUNT(*) AS n FROM messages').get()).toEqual({ n: 60 });
    onDisk.close();
    store.close();
  });

  it('fails only the turn whose session is gone, and starts a new batch on the next pass', async () => {
    const store = openSqliteStore(dbFile());
    const session = store.createSession();
    const commits = new GroupCommit(store);
    const turn = (sessionId: string, id: string) => commits.run(() => store.recordTurn({ sessionId, question: { id, text: id }, answer: answer(id), state }));
    const [kept, lost] = await Promise.allSettled([turn(session.id, 'kept'), turn('gone', 'lost')]);
    expect(kept).toMatchObject({ status: 'fulfilled', value: { text: 'kept' } });
    expect(lost).toMatchObject({ status: 'rejected', reason: { code: 'session_not_found' } });
    await expect(turn(session.id, 'later')).resolves.toMatchObject({ text: 'later' });
    expect(store.history(session.id).map((e) => e.text)).toEqual(['kept', 'kept', 'later', 'later']);
    store.close();
  });
});
