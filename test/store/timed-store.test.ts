import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite-store';
import { openStores } from '../../src/store/open-store';
import { timedStore, timedStudyStore, type StoreOperation } from '../../src/store/timed-store';
import { runStudyStoreContract } from './study-store-contract';
import { emptySessionState } from '../../src/tutor/session-state';
import { runStoreContract } from './store-contract';

const dbFile = () => join(mkdtempSync(join(tmpdir(), 'loss-tutor-timed-')), 'tutor.db');
const ignore = () => undefined;

runStoreContract('timed SQLite', async () => {
  const file = dbFile();
  return { store: timedStore(openSqliteStore(file), ignore), reopen: async () => timedStore(openSqliteStore(file), ignore) };
});

runStudyStoreContract('timed SQLite', async () => {
  const file = dbFile();
  const open = async () => {
    const stores = await openStores(file);
    return { ...stores, study: timedStudyStore(stores.study, ignore) };
  };
  return { stores: await open(), reopen: open };
});

describe('the timed store', () => {
  it('times a learner’s turn written by the study store as the session store’s recordTurn', async () => {
    const seen: [StoreOperation, string][] = [];
    const stores = await openStores(dbFile());
    const study = timedStudyStore(stores.study, (operation, _seconds, outcome) => seen.push([operation, outcome]));
    const { id } = await study.createLearner();
    const session = await stores.sessions.createSession();
    const turn = { sessionId: session.id, question: { id: 'c1', text: 'q' }, answer: { text: 'a', citations: [], calculations: [], clarify: false }, state: emptySessionState() };
    await study.recordTurn(id, [], turn);
    await expect(study.recordTurn(id, [], { ...turn, sessionId: 'no-such-session' })).rejects.toMatchObject({ code: 'session_not_found' });
    await stores.close();
    expect(seen).toEqual([
      ['recordTurn', 'ok'],
      ['recordTurn', 'session_not_found'],
    ]);
  });

  it('reports each operation once, with its duration and its outcome or StoreError code', async () => {
    const seen: { operation: StoreOperation; seconds: number; outcome: string }[] = [];
    const store = timedStore(openSqliteStore(dbFile()), (operation, seconds, outcome) => seen.push({ operation, seconds, outcome }));
    const session = await store.createSession();
    await store.history(session.id);
    await expect(store.recordTurn({ sessionId: 'no-such-session', question: { id: 'c1', text: 'q' }, answer: { text: 'a', citations: [], calculations: [], clarify: false }, state: emptySessionState() })).rejects.toMatchObject({ code: 'session_not_found' });
    await store.close();
    expect(seen.map(({ operation, outcome }) => [operation, outcome])).toEqual([
      ['createSession', 'ok'],
      ['history', 'ok'],
      ['recordTurn', 'session_not_found'],
    ]);
    for (const { seconds } of seen) expect(seconds).toBeGreaterThan(0);
  });
});
