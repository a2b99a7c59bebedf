import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTutor, type OpenedTutor } from '../../src/runtime/open-tutor';
import { openStores, type Stores } from '../../src/store/open-store';
import { cardsOfItem } from '../../src/study/cards';
import { StudyDesk } from '../../src/study/study-desk';
import { emptySessionState, type SessionState } from '../../src/tutor/session-state';

const knowledge = join(__dirname, '..', '..', 'knowledge');

describe('study turns through the tutor and a learner profile on SQLite', () => {
  let opened: OpenedTutor;
  let stores: Stores;
  let now = new Date('2026-03-01T10:00:00.000Z');
  let desk: StudyDesk;
  beforeAll(async () => {
    opened = await openTutor({ kbDir: knowledge });
    stores = await openStores(join(mkdtempSync(join(tmpdir(), 'loss-tutor-review-')), 'tutor.db'));
    desk = new StudyDesk(stores.study, () => opened.kb, () => now);
  });
  afterAll(() => stores.close());

  /** One turn as the server runs it: the due cards in, the study events scheduled and stored after. */
  async function turn(learner: string, text: string, state: SessionState) {
    const result = await opened.tutor.answer({ text, state, history: () => [], study: await desk.turn(learner, state) });
    await desk.record(learner, result.study);
    return result;
  }

  it('makes #35’s cards due on "not sure", reviews them one at a time, and brings a missed card back', async () => {
    const { id } = await desk.learner(undefined);
    const count = cardsOfItem(opened.kb.byNumber.get(35)!).length;
    expect(await desk.dueNow(id)).toBe(0);
    let result = await turn(id, "I'm not sure about item #35", emptySessionState());
    expect(result.answer.citations.map((c) => c.item)).toEqual([35]);
    expect(await desk.dueNow(id)).toBe(count);

    result = await turn(id, 'what should I review?', result.state);
    const first = result.answer.review!;
    expect(first.item).toBe(35);
    expect(result.state.review?.card).toBe(first.card);

    now = new Date(now.getTime() + 60_000);
    result = await turn(id, 'no idea, something about cats', result.state);
    expect(result.answer.text).toContain('❌');
    // The cited passage is shown after the answer.
    const passage = result.answer.citations[0]?.passages?.[0];
    expect(passage).toBeDefined();
    expect(result.answer.text).toContain(opened.kb.byNumber.get(35)!.passages.find((p) => p.id === passage!.id)!.text.split('\n')[0]);
    expect((await stores.study.reviews(id)).map((r) => [r.card, r.grade])).toEqual([[first.card, 'again']]);
    expect(result.answer.review?.card).not.toBe(first.card);

    // Every other card graded easy; then the missed one comes back (learn-ahead) and is answered right.
    for (let n = 1; n < count; n++) result = await turn(id, 'easy', result.state);
    expect(result.answer.review?.card).toBe(first.card);
    const card = opened.kb.byNumber.get(35)!.quiz[Number(first.card.split('/')[2])];
    now = new Date(now.getTime() + 5 * 60_000);
    result = await turn(id, card ? card.answer : 'weight', result.state);
    expect(result.answer.text).toContain('✅');
    const grades = (await stores.study.reviews(id)).map((r) => r.grade);
    expect(grades[0]).toBe('again');
    expect(grades.at(-1)).toBe('good');
    expect(grades).toHaveLength(count + 1);
    const progress = await desk.progress(id);
    expect(progress.items.find((i) => i.item === 35)?.state).toBe('learning');
    expect(progress.mostMissed).toEqual([{ item: 35, title: 'Weighted loss functions', misses: 1 }]);
    expect(progress.retention).toEqual([{ day: '2026-03-01', reviews: count + 1, recalled: count }]);
  });

  it('closes an open review when the learner asks for a quiz instead, so the next reply is the quiz’s', async () => {
    const { id } = await desk.learner(undefined);
    let result = await turn(id, "I'm not sure about item #35", emptySessionState());
    result = await turn(id, 'review', result.state);
    expect(result.state.review).toBeDefined();
    result = await turn(id, 'quiz me on item 6', result.state);
    expect(result.state.quiz?.item).toBe(6);
    expect(result.state.review).toBeUndefined();
    result = await turn(id, "I don't know", result.state);
    expect((await stores.study.reviews(id)).map((r) => [r.item, r.grade])).toEqual([[6, 'again']]);
  });

  it('counts a missed quiz question as a review and makes its item due; another learner sees none of it', async () => {
    const [a, b] = [await desk.learner(undefined), await desk.learner(undefined)];
    let result = await turn(a.id, 'quiz me on item 6', emptySessionState());
    expect(result.state.quiz).toBeDefined();
    result = await turn(a.id, "I don't know", result.state);
    const reviews = await stores.study.reviews(a.id);
    expect(reviews.map((r) => [r.item, r.grade])).toEqual([[6, 'again']]);
    expect(await desk.dueNow(a.id)).toBe(cardsOfItem(opened.kb.byNumber.get(6)!).length);
    expect(await desk.dueNow(b.id)).toBe(0);
    expect(await stores.study.reviews(b.id)).toEqual([]);
    const review = await turn(b.id, 'review', emptySessionState());
    expect(review.answer.review).toBeUndefined();
    expect(review.answer.text).toMatch(/No cards are due/);
  });
});
