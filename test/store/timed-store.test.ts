import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite-store';
import { timedStore, type StoreOperation } from '../../src/store/timed-store';
import { emptySessionState } from '../../src/tutor/session-state';
import { runStoreContract } from './store-contract';

const dbFile = () => join(mkdtempSync(join(tmpdir(), 'loss-tutor-timed-')), 'tutor.db');
const ignore = () => undefined;

runStoreContract('timed SQLite', async () => {
  const file = dbFile();
  return { store: timedStore(openSqliteStore(file), ignore), reopen: async () => timedStore(openSqliteStore(file), ignore) };
});

describe('the timed store', () => {
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
