/**
 * What every StudyStore implementation promises, run by each implementation's own test file
 * (SQLite, PostgreSQL): `runStudyStoreContract('SQLite', async () => ({ stores, reopen }))`.
 */
import { describe, expect, it } from 'vitest';
import type { Stores } from '../../src/store/open-store';
import { StoreError } from '../../src/store/store-error';
import type { CardContent } from '../../src/study/cards';
import { newSchedule, reviewed, type Grade } from '../../src/study/schedule';
import type { StudyChange } from '../../src/store/study-store';
import type { AnswerBody } from '../../src/tutor/answer';

export interface OpenedStudyStores {
  stores: Pick<Stores, 'sessions' | 'study' | 'close'>;
  /** Another handle on the same database: after a close, a restart. */
  reopen: () => Promise<Pick<Stores, 'sessions' | 'study' | 'close'>>;
}

const card = (item: number, n: number): CardContent => ({ id: `${item}/quiz/${n}`, item, passage: `${item}.${n + 1}`, kind: 'quiz', prompt: `question ${n} of #${item}`, answer: `answer ${n}` });
const at = (minutes: number): Date => new Date(Date.UTC(2026, 0, 1, 9, minutes));

const due = (cards: readonly CardContent[], when: Date): StudyChange => ({ type: 'due', cards, schedule: newSchedule(when), at: when.toISOString() });
/** A review graded at `when`, scheduled from the card's stored state as the desk does. */
const review = (c: CardContent, grade: Grade, when: Date): StudyChange => ({ type: 'review', card: c, grade, at: when.toISOString(), next: (current) => reviewed(current ?? newSchedule(when), grade, when) });
const answer = (text: string): AnswerBody => ({ text, citations: [], calculations: [], clarify: false });

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
        await study.record(id, [due([card(35, 0), card(35, 1)], at(0))]);
        expect((await study.dueCards(id, at(0).toISOString())).map((c) => c.id)).toEqual(['35/quiz/0', '35/quiz/1']);
        const good = reviewed(newSchedule(at(0)), 'good', at(1));
        await study.record(id, [review(card(35, 0), 'good', at(1))]);
        expect(await study.card(id, '35/quiz/0')).toMatchObject({ item: 35, passage: '35.1', kind: 'quiz', prompt: 'question 0 of #35', schedule: good, due: good.due });
        expect(await study.dueCards(id, at(2).toISOString())).toHaveLength(1);
        await study.record(id, [due([card(35, 0)], at(3))]);
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
        await study.record(a.id, [due([card(35, 0)], at(0))]);
        await study.record(b.id, [due([card(35, 0), card(6, 0)], at(0))]);
        await Promise.all([study.record(a.id, [review(card(35, 0), 'again', at(1))]), study.record(b.id, [review(card(35, 0), 'easy', at(1))])]);
        expect((await study.reviews(a.id)).map((r) => r.grade)).toEqual(['again']);
        expect((await study.reviews(b.id)).map((r) => r.grade)).toEqual(['easy']);
        expect((await study.cards(a.id)).map((c) => c.id)).toEqual(['35/quiz/0']);
        expect(await study.dueCards(b.id, at(2).toISOString())).toHaveLength(1);
        expect(await study.sessionsOf(a.id)).toEqual([sa.id]);
        expect(await study.sessionsOf(b.id)).toEqual([sb.id]);
      }),
    );

    it(
      'refuses writes for a learner that does not exist, failing only those',
      withStores(async ({ stores: { study } }) => {
        const { id } = await study.createLearner();
        const [kept, lost] = await Promise.allSettled([
          study.record(id, [due([card(1, 0)], at(0))]),
          study.record('nobody', [review(card(1, 0), 'good', at(0))]),
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
        await stores.study.record(learner.id, [review(card(35, 2), 'hard', at(1))]);
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
    it(
      'keeps each notebook’s cards to its own deck, apart from the server’s notes and from each other',
      withStores(async ({ stores: { study } }) => {
        const { id } = await study.createLearner();
        const inNotebook = (notebook: string, c: CardContent): CardContent => ({ ...c, id: `${notebook}/${c.id}`, prompt: `${c.prompt} in ${notebook}` });
        await study.record(id, [due([card(35, 0)], at(0))]);
        await study.record(id, [due([inNotebook('NB1', card(35, 0))], at(0)), review(inNotebook('NB1', card(35, 0)), 'again', at(1))], 'NB1');
        await study.record(id, [due([inNotebook('NB2', card(35, 0)), inNotebook('NB2', card(35, 1))], at(0))], 'NB2');
        const later = at(30).toISOString();
        expect((await study.dueCards(id, later)).map((c) => c.id)).toEqual(['35/quiz/0']);
        expect((await study.dueCards(id, later, 'NB1')).map((c) => [c.id, c.prompt])).toEqual([['NB1/35/quiz/0', 'question 0 of #35 in NB1']]);
        expect((await study.cards(id, 'NB2')).map((c) => c.id)).toEqual(['NB2/35/quiz/0', 'NB2/35/quiz/1']);
        expect(await study.reviews(id)).toEqual([]);
        expect((await study.reviews(id, 'NB1')).map((r) => [r.card, r.item, r.grade])).toEqual([['NB1/35/quiz/0', 35, 'again']]);
        expect(await study.reviews(id, 'NB2')).toEqual([]);
      }),
    );

    it(
      'commits a turn with its reviews, and writes nothing for a question id the session answered already, even sent twice at once',
      withStores(async ({ stores: { study, sessions } }) => {
        const { id } = await study.createLearner();
        const session = await sessions.createSession();
        const turn = (text: string, state = session.state) => ({ sessionId: session.id, question: { id: 'c1', text }, answer: answer(`graded: ${text}`), state });
        const first = await study.recordTurn(id, [review(card(35, 0), 'again', at(1))], turn('no idea'));
        expect(first.replayed).toBe(false);
        expect((await sessions.answerTo(session.id, 'c1'))?.messageId).toBe(first.entry.messageId);
        const resent = await study.recordTurn(id, [review(card(35, 0), 'good', at(2))], turn('no idea'));
        expect(resent).toEqual({ entry: first.entry, replayed: true });
        expect((await study.reviews(id)).map((r) => r.grade)).toEqual(['again']);
        // Two copies of a new question at once (a reconnect while the first was still being answered): one review.
        const both = await Promise.all([1, 2].map((n) => study.recordTurn(id, [review(card(35, 1), 'good', at(3))], { ...turn(`copy ${n}`), question: { id: 'c2', text: 'copy' } })));
        expect(both.map((r) => r.replayed).sort()).toEqual([false, true]);
        expect(both[0]!.entry.messageId).toBe(both[1]!.entry.messageId);
        expect((await study.reviews(id)).map((r) => [r.card, r.grade])).toEqual([['35/quiz/0', 'again'], ['35/quiz/1', 'good']]);
        expect((await sessions.history(session.id)).filter((e) => e.role === 'user')).toHaveLength(2);
      }),
    );

    it(
      'writes neither the turn nor its reviews when one of them fails',
      withStores(async ({ stores: { study, sessions } }) => {
        const { id } = await study.createLearner();
        const session = await sessions.createSession();
        const lost = study.recordTurn(id, [review(card(35, 0), 'again', at(1))], { sessionId: 'no-such-session', question: { id: 'c1', text: 'x' }, answer: answer('x'), state: session.state });
        await expect(lost).rejects.toMatchObject({ code: 'session_not_found' });
        expect(await study.reviews(id)).toEqual([]);
        expect(await study.card(id, '35/quiz/0')).toBeUndefined();
        await expect(study.recordTurn('nobody', [review(card(35, 0), 'again', at(1))], { sessionId: session.id, question: { id: 'c1', text: 'x' }, answer: answer('x'), state: session.state })).rejects.toMatchObject({ code: 'learner_not_found' });
        expect(await sessions.answerTo(session.id, 'c1')).toBeUndefined();
      }),
    );
  });
}
