/**
 * What every Store implementation promises, run by each implementation's own test file (the
 * SQLite file, PostgreSQL): `runStoreContract('SQLite', async () => ({ store, reopen }))`.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store';
import { StoreError } from '../../src/store/store-error';
import type { AnswerBody } from '../../src/tutor/answer';
import { emptySessionState, type SessionState } from '../../src/tutor/session-state';

export interface OpenedStore {
  store: Store;
  /** Another handle on the same database: after a close, a restart; before, a second server. */
  reopen: () => Promise<Store>;
}

const answer = (text: string): AnswerBody => ({ text, citations: [{ item: 35, title: 'Weighted loss functions', source: 'en/035.md' }], calculations: [], clarify: false });
const state = (topic?: number): SessionState => ({ ...emptySessionState(), ...(topic === undefined ? {} : { topic, lastShown: [topic] }) });
const turn = (sessionId: string, n: number | string) => ({ sessionId, question: { id: `q${n}`, text: `question ${n}` }, answer: answer(`answer ${n}`), state: state() });

export function runStoreContract(name: string, open: () => Promise<OpenedStore>): void {
  const withStore = (test: (opened: OpenedStore) => Promise<void>) => async () => {
    const opened = await open();
    try {
      await test(opened);
    } finally {
      await opened.store.close().catch(() => undefined);
    }
  };

  describe(`the ${name} store`, () => {
    it(
      'creates sessions with unguessable ids of at least 128 bits, each starting from the empty state',
      withStore(async ({ store }) => {
        const sessions = await Promise.all(Array.from({ length: 50 }, () => store.createSession()));
        expect(new Set(sessions.map((s) => s.id)).size).toBe(50);
        for (const { id } of sessions) expect(Buffer.from(id, 'base64url').length).toBeGreaterThanOrEqual(16);
        expect((await store.getSession(sessions[0]!.id))?.state).toEqual(emptySessionState());
        expect(await store.getSession('no-such-session')).toBeUndefined();
      }),
    );

    it(
      'keeps a conversation in order, with the answer’s fields and the new state',
      withStore(async ({ store }) => {
        const session = await store.createSession();
        const first = await store.recordTurn({ sessionId: session.id, question: { id: 'c1', text: 'what is item 35?' }, answer: answer('It is about weights.'), state: state(35) });
        await store.recordTurn({ sessionId: session.id, question: { id: 'c2', text: 'and item 36?' }, answer: answer('Class weights.'), state: state(36) });
        const history = await store.history(session.id);
        expect(history.map((entry) => entry.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
        expect(history[0]).toMatchObject({ role: 'user', id: 'c1', text: 'what is item 35?' });
        expect(history[1]).toMatchObject({ role: 'assistant', messageId: first.messageId, text: 'It is about weights.', citations: [{ item: 35 }], clarify: false });
        expect((await store.getSession(session.id))?.state.topic).toBe(36);
      }),
    );

    it(
      'orders the turns of many sessions written at once, each in its own session',
      withStore(async ({ store }) => {
        const sessions = await Promise.all(Array.from({ length: 20 }, () => store.createSession()));
        for (let n = 0; n < 3; n++) await Promise.all(sessions.map((s, i) => store.recordTurn(turn(s.id, `${i}.${n}`))));
        for (const [i, s] of sessions.entries()) {
          expect((await store.history(s.id)).map((e) => e.text)).toEqual([0, 1, 2].flatMap((n) => [`question ${i}.${n}`, `answer ${i}.${n}`]));
        }
      }),
    );

    it(
      'gives a turn only the most recent messages, and a welcome only its last page, oldest first',
      withStore(async ({ store }) => {
        const session = await store.createSession();
        for (let n = 1; n <= 4; n++) await store.recordTurn(turn(session.id, n));
        expect(await store.transcript(session.id, 3)).toEqual([
          { role: 'assistant', text: 'answer 3' },
          { role: 'user', text: 'question 4' },
          { role: 'assistant', text: 'answer 4' },
        ]);
        expect(await store.transcript(session.id, 100)).toHaveLength(8);
        expect((await store.history(session.id, 2)).map((e) => e.text)).toEqual(['question 4', 'answer 4']);
      }),
    );

    it(
      'stores any text a learner can send, control characters and all',
      withStore(async ({ store }) => {
        const session = await store.createSession();
        const odd = 'nul \u0000 bell \u0007 emoji 🧮 rtl \u202e 中文';
        await store.recordTurn({ sessionId: session.id, question: { id: 'odd', text: odd }, answer: answer(`echo ${odd}`), state: state() });
        const [question, reply] = await store.history(session.id);
        // A store that cannot hold U+0000 keeps every other character and marks where it was.
        expect(question!.text.replace('\uFFFD', '\u0000')).toBe(odd);
        expect(reply!.text.replace('\uFFFD', '\u0000')).toBe(`echo ${odd}`);
      }),
    );

    it(
      'answers a resent question id from the store, per session',
      withStore(async ({ store }) => {
        const [a, b] = [await store.createSession(), await store.createSession()];
        const entry = await store.recordTurn(turn(a.id, 'same'));
        expect(await store.answerTo(a.id, 'qsame')).toMatchObject({ messageId: entry.messageId, text: 'answer same' });
        expect(await store.answerTo(b.id, 'qsame')).toBeUndefined();
        expect(await store.answerTo(a.id, 'qother')).toBeUndefined();
      }),
    );

    it(
      'records feedback only on the session’s own answers',
      withStore(async ({ store }) => {
        const session = await store.createSession();
        const entry = await store.recordTurn(turn(session.id, 1));
        expect(await store.recordFeedback(session.id, entry.messageId, 'up')).toBe(true);
        expect(await store.recordFeedback(session.id, entry.messageId, 'down', 'too long')).toBe(true);
        expect(await store.recordFeedback(session.id, 'no-such-message', 'up')).toBe(false);
        const other = await store.createSession();
        expect(await store.recordFeedback(other.id, entry.messageId, 'up')).toBe(false);
      }),
    );

    it(
      'refuses a turn for a session that does not exist, failing only that write among those sent together',
      withStore(async ({ store }) => {
        const session = await store.createSession();
        const [kept, lost, later] = await Promise.allSettled([store.recordTurn(turn(session.id, 'kept')), store.recordTurn(turn('gone', 'lost')), store.recordTurn(turn(session.id, 'later'))]);
        expect(kept.status).toBe('fulfilled');
        expect(later.status).toBe('fulfilled');
        expect(lost).toMatchObject({ status: 'rejected', reason: { code: 'session_not_found' } });
        expect(lost.status === 'rejected' && lost.reason instanceof StoreError).toBe(true);
        expect((await store.history(session.id)).map((e) => e.text)).toEqual(['question kept', 'answer kept', 'question later', 'answer later']);
        expect(await store.history('gone')).toEqual([]);
      }),
    );

    it(
      'shares one database between two handles writing at once (two servers), and keeps it across a restart',
      withStore(async ({ store, reopen }) => {
        const second = await reopen();
        try {
          const session = await store.createSession();
          expect(await second.getSession(session.id)).toBeDefined();
          const writes = Array.from({ length: 10 }, (_, n) => (n % 2 === 0 ? store : second).recordTurn(turn(session.id, n)));
          const entries = await Promise.all(writes);
          expect(new Set(entries.map((e) => e.messageId)).size).toBe(10);
          const seen = await second.history(session.id);
          expect(seen).toHaveLength(20);
          // Each question is followed by its own answer, whichever handle wrote it.
          for (let i = 0; i < seen.length; i += 2) expect(seen[i + 1]!.text).toBe(seen[i]!.text.replace('question', 'answer'));
        } finally {
          await second.close();
        }
        const session = await store.createSession();
        await store.recordTurn(turn(session.id, 'before restart'));
        await store.close();
        const restarted = await reopen();
        try {
          expect((await restarted.history(session.id)).map((e) => e.text)).toEqual(['question before restart', 'answer before restart']);
        } finally {
          await restarted.close();
        }
      }),
    );
  });
}
