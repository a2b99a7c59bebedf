import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTutor, type OpenedTutor } from '../../src/runtime/open-tutor';
import { openStores, type Stores } from '../../src/store/open-store';
import { cardsOfItem } from '../../src/study/cards';
import { StudyDesk, type Deck } from '../../src/study/study-desk';
import { notebookKb } from '../../src/notebook/notebook-kb';
import { buildItemIndex } from '../../src/search/item-index';
import { createEmbeddedTutor } from '../../src/tutor/embedded-tutor';
import type { TutorEngine } from '../../src/tutor/tutor-engine';
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

  const sessionOf = new Map<string, string>();
  let asked = 0;
  /** One turn as the server runs it: the due cards in, then the study events scheduled and committed with the turn. */
  async function turn(learner: string, text: string, state: SessionState, deck?: Deck & { tutor: TutorEngine }) {
    const result = await desk.answer(deck?.tutor ?? opened.tutor, learner, { text, state, history: () => [] }, deck);
    const sessionId = sessionOf.get(learner) ?? (await stores.sessions.createSession()).id;
    sessionOf.set(learner, sessionId);
    await desk.commit(learner, { sessionId, question: { id: `q${asked++}`, text }, answer: result.answer, state: result.state }, result.study, deck);
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

  describe('in notebooks', () => {
    const note = (item: number, title: string, question: string, answer: string) =>
      `---\nitem: ${item}\ntitle: "${title}"\nclaim: "${title} keeps gradients bounded near the target."\nquiz:\n  - question: "${question}"\n    answer: "${answer}"\n---\n\n## Definition\n\n${title} keeps gradients bounded near the target, so training stays stable.\n`;
    const files = {
      clipped: { name: 'clipped.md', bytes: Buffer.from(note(35, 'Clipped margin loss', 'What does the clipped margin bound?', 'The gradient near the target.')) },
      other: { name: 'other.md', bytes: Buffer.from(note(7, 'Smooth hinge', 'What does the smooth hinge smooth?', 'The corner of the hinge.')) },
    };
    async function deckOf(notebook: string, sources: { name: string; bytes: Buffer }[]): Promise<Deck & { tutor: TutorEngine }> {
      const { kb } = await notebookKb(`notebook:${notebook}`, sources);
      return { notebook, kb, tutor: createEmbeddedTutor({ kb, search: buildItemIndex(kb) }) };
    }

    it('keeps a notebook’s #35 apart from the server’s #35 and from another notebook’s, and hides the cards of a removed source', async () => {
      const { id } = await desk.learner(undefined);
      const [mine, theirs] = [await deckOf('NBmine', [files.clipped, files.other]), await deckOf('NBtheirs', [files.clipped])];
      let result = await turn(id, "I'm not sure about item #35", emptySessionState(), mine);
      expect(result.answer.text).toContain('Clipped margin loss');
      const mineCards = cardsOfItem(mine.kb.byNumber.get(35)!);
      expect(await desk.dueNow(id, mine)).toBe(mineCards.length);
      expect(await desk.dueNow(id)).toBe(0);
      expect(await desk.dueNow(id, theirs)).toBe(0);
      expect((await stores.study.cards(id, 'NBmine')).map((c) => c.id).sort()).toEqual(mineCards.map((c) => `NBmine/${c.id}`).sort());
      expect(await stores.study.cards(id)).toEqual([]);

      // The server's #35 made due too: each deck counts its own.
      await turn(id, "I'm not sure about item #35", emptySessionState());
      expect(await desk.dueNow(id)).toBe(cardsOfItem(opened.kb.byNumber.get(35)!).length);
      expect(await desk.dueNow(id, mine)).toBe(mineCards.length);

      result = await turn(id, 'review', result.state, mine);
      expect(result.answer.text).toMatch(/Review · #35 · Clipped margin loss/);
      const shown = result.answer.review!.card;
      expect(mineCards.map((c) => c.id)).toContain(shown);
      now = new Date(now.getTime() + 60_000);
      result = await turn(id, 'no idea at all', result.state, mine);
      expect(result.answer.text).toContain('❌');
      expect((await stores.study.reviews(id, 'NBmine')).map((r) => [r.card, r.grade])).toEqual([[`NBmine/${shown}`, 'again']]);
      expect(await stores.study.reviews(id)).toEqual([]);
      expect(await stores.study.reviews(id, 'NBtheirs')).toEqual([]);
      const progress = await desk.progress(id, mine);
      expect(progress.items.map((i) => i.item)).toEqual([7, 35]);
      expect(progress.mostMissed).toEqual([{ item: 35, title: 'Clipped margin loss', misses: 1 }]);

      // The source of #35 removed: its reviews stay, its cards are due no more, nor offered to ask about.
      const removed = await deckOf('NBmine', [files.other]);
      expect(await desk.dueNow(id, removed)).toBe(0);
      expect((await desk.turn(id, result.state, removed)).due).toEqual([]);
      expect(await stores.study.reviews(id, 'NBmine')).toHaveLength(1);
      const after = await desk.progress(id, removed);
      expect(after.items.map((i) => [i.item, i.state])).toEqual([[7, 'new']]);
      expect(after.mostMissed).toEqual([]);
      expect(after.retention.map((r) => r.reviews)).toEqual([1]);
      result = await turn(id, 'review', emptySessionState(), removed);
      expect(result.answer.text).toMatch(/No cards are due/);
    });
  });
});
