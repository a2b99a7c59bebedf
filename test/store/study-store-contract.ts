/**
 * What every StudyStore implementation promises, run by each implementation's own test file
 * (SQLite, PostgreSQL): `runStudyStoreContract('SQLite', async () => ({ stores, reopen }))`.
 */
import { describe, expect, it } from 'vitest';
import type { Stores } from '../../src/store/open-store';
import { StoreError } from '../../src/store/store-error';
import type { CardContent } from '../../src/study/cards';
import { newSchedule, reviewed } from '../../src/study/schedule';

export interface OpenedStudyStores {
  stores: Pick<Stores, 'sessions' | 'study' | 'close'>;
  /** Another handle on the same database: after a close, a restart. */
  reopen: () => Promise<Pick<Stores, 'sessions' | 'study' | 'close'>>;
}

const card = (item: number, n: number): CardContent => ({ id: `${item}/quiz/${n}`, item, passage: `${item}.${n + 1}`, kind: 'quiz', prompt: `question ${n} of #${item}`, answer: `answer ${n}` });
const at = (minutes: number): Date => new Date(Date.UTC(2026, 0, 1, 9, minutes));

export function runStudyStoreContract(name: string, open: () => Promise<OpenedStudyStores>): void {
  const withStores = (test: (opened: OpenedStudyStores) => Promise<void>) => async () => {
    const opened = await open();
    try {
      await test(opened);
    } finally {
      await opened.stores.close().catch(() => undefined);
    }
  };

  describe(`the ${name} study store`, () => {
    it(
      'creates learners with unguessable ids of 144 bits, and finds only those',
      withStores(async ({ stores: { study } }) => {
        const learners = await Promise.all(Array.from({ length: 30 }, () => study.createLearner()));
        expect(new Set(learners.map((l) => l.id)).size).toBe(30);
        for (const { id } of learners) expect(Buffer.from(id, 'base64url').length).toBe(18);
        expect(await study.getLearner(learners[0]!.id)).toEqual(learners[0]);
        expect(await study.getLearner('no-such-learner')).toBeUndefined();
      }),
    );

    it(
      'makes cards due, keeps a studied card’s schedule when made due again, and commits a review with the card’s new schedule',
      withStores(async ({ stores: { study } }) => {
        const { id } = await study.createLearner();
        await study.makeDue(id, [card(35, 0), card(35, 1)], newSchedule(at(0)), at(0).toISOString());
        expect((await study.dueCards(id, at(0).toISOString(), 10)).map((c) => c.id)).toEqual(['35/quiz/0', '35/quiz/1']);
        const good = reviewed(newSchedule(at(0)), 'good', at(1));
        await study.recordReview(id, card(35, 0), 'good', at(1).toISOString(), good);
        expect(await study.card(id, '35/quiz/0')).toMatchObject({ item: 35, passage: '35.1', kind: 'quiz', prompt: 'question 0 of #35', schedule: good, due: good.due });
        expect(await study.dueCount(id, at(2).toISOString())).toBe(1);
        await study.makeDue(id, [card(35, 0)], newSchedule(at(3)), at(3).toISOString());
        expect(await study.card(id, '35/quiz/0')).toMatchObject({ schedule: good, due: at(3).toISOString() });
        expect(await study.reviews(id)).toEqual([{ card: '35/quiz/0', item: 35, grade: 'good', at: at(1).toISOString(), schedule: good }]);
      }),
    );

    it(
      'never mixes two learners’ cards, reviews or sessions',
      withStores(async ({ stores: { study, sessions } }) => {
        const [a, b] = [await study.createLearner(), await study.createLearner()];
        const [sa, sb] = [await sessions.createSession(), await sessions.createSession()];
        await Promise.all([study.linkSession(a.id, sa.id), study.linkSession(b.id, sb.id), study.linkSession(a.id, sa.id)]);
        await study.makeDue(a.id, [card(35, 0)], newSchedule(at(0)), at(0).toISOString());
        await study.makeDue(b.id, [card(35, 0), card(6, 0)], newSchedule(at(0)), at(0).toISOString());
        await Promise.all([
          study.recordReview(a.id, card(35, 0), 'again', at(1).toISOString(), reviewed(newSchedule(at(0)), 'again', at(1))),
          study.recordReview(b.id, card(35, 0), 'easy', at(1).toISOString(), reviewed(newSchedule(at(0)), 'easy', at(1))),
        ]);
        expect((await study.reviews(a.id)).map((r) => r.grade)).toEqual(['again']);
        expect((await study.reviews(b.id)).map((r) => r.grade)).toEqual(['easy']);
        expect((await study.cards(a.id)).map((c) => c.id)).toEqual(['35/quiz/0']);
        expect(await study.dueCount(b.id, at(2).toISOString())).toBe(1);
        expect(await study.sessionsOf(a.id)).toEqual([sa.id]);
        expect(await study.sessionsOf(b.id)).toEqual([sb.id]);
      }),
    );

    it(
      'refuses writes for a learner that does not exist, failing only those',
      withStores(async ({ stores: { study } }) => {
        const { id } = await study.createLearner();
        const [kept, lost] = await Promise.allSettled([
          study.makeDue(id, [card(1, 0)], newSchedule(at(0)), at(0).toISOString()),
          study.recordReview('nobody', card(1, 0), 'good', at(0).toISOString(), newSchedule(at(0))),
        ]);
        expect(kept.status).toBe('fulfilled');
        expect(lost).toMatchObject({ status: 'rejected', reason: { code: 'learner_not_found' } });
        expect(lost.status === 'rejected' && lost.reason instanceof StoreError).toBe(true);
        expect(await study.reviews('nobody')).toEqual([]);
      }),
    );

    it(
      'keeps a profile, its sessions, cards and reviews across a restart',
      withStores(async ({ stores, reopen }) => {
        const learner = await stores.study.createLearner();
        const session = await stores.sessions.createSession();
        await stores.study.linkSession(learner.id, session.id);
        const schedule = reviewed(newSchedule(at(0)), 'hard', at(1));
        await stores.study.recordReview(learner.id, card(35, 2), 'hard', at(1).toISOString(), schedule);
        await stores.close();
        const restarted = await reopen();
        try {
          expect(await restarted.study.getLearner(learner.id)).toEqual(learner);
          expect(await restarted.study.sessionsOf(learner.id)).toEqual([session.id]);
          expect(await restarted.study.card(learner.id, '35/quiz/2')).toMatchObject({ schedule, due: schedule.due });
          expect((await restarted.study.reviews(learner.id)).map((r) => [r.card, r.grade])).toEqual([['35/quiz/2', 'hard']]);
        } finally {
          await restarted.close();
        }
      }),
    );
  });
}
