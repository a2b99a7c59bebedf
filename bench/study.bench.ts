/**
 * Study mode's cost on a SQLite file: a review turn through the desk (due cards read, the reply
 * graded, FSRS, the review committed) beside the same tutor turn without a profile, and the progress
 * view of a learner with every card of the bundled notes studied and a thousand reviews.
 * Goals (printed, never asserted): a review turn within 5 ms p50 of the store work; progress under 50 ms.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTutor } from '../src/runtime/open-tutor';
import { openStores } from '../src/store/open-store';
import { cardsOf } from '../src/study/cards';
import { newSchedule } from '../src/study/schedule';
import { StudyDesk } from '../src/study/study-desk';
import { emptySessionState, type SessionState } from '../src/tutor/session-state';
import { median, ms, percentile, printTable } from './measure';

const REVIEWS = 1000;

export async function run(): Promise<void> {
  const opened = await openTutor({ kbDir: join(__dirname, '..', 'knowledge') });
  const stores = await openStores(join(mkdtempSync(join(tmpdir(), 'loss-tutor-bench-study-')), 'study.db'));
  const desk = new StudyDesk(stores.study, () => opened.kb);
  const { id } = await desk.learner(undefined);
  const cards = cardsOf(opened.kb);
  const now = new Date();
  await stores.study.record(id, [{ type: 'due', cards, schedule: newSchedule(now), at: now.toISOString() }]);
  const session = await stores.sessions.createSession();
  let asked = 0;
  /** One turn as the server runs it: the tutor's answer, then its reviews and the turn committed together. */
  const turn = async (text: string, state: SessionState): Promise<SessionState> => {
    const result = await desk.answer(opened.tutor, id, { text, state, history: () => [] });
    await desk.commit(id, { sessionId: session.id, question: { id: `q${asked++}`, text }, answer: result.answer, state: result.state }, result.study);
    return result.state;
  };

  // Open a review, then answer card after card: every reply a turn that reads, grades, schedules and commits.
  let state: SessionState = await turn('review', emptySessionState());
  const reviewTimes: number[] = [];
  // Until every card has left the learning steps (nothing due within the learn-ahead window) or REVIEWS turns.
  for (let n = 0; n < REVIEWS && state.review; n++) {
    const start = performance.now();
    const after = await turn(n % 3 === 0 ? 'no idea' : 'good', state);
    reviewTimes.push(performance.now() - start);
    state = after.review ? after : await turn('review', after);
  }
  const plainTimes: number[] = [];
  for (let n = 0; n < 200; n++) {
    const start = performance.now();
    await opened.tutor.answer({ text: 'What is item 35 about', state: emptySessionState(), history: () => [] });
    plainTimes.push(performance.now() - start);
  }
  const progressTimes: number[] = [];
  for (let n = 0; n < 30; n++) {
    const start = performance.now();
    await desk.progress(id);
    progressTimes.push(performance.now() - start);
  }
  const reviews = (await stores.study.reviews(id)).length;
  await stores.close();
  printTable(
    ['what', 'runs', 'p50', 'p99'],
    [
      ['review turn (desk + tutor + review and turn in one SQLite commit)', reviewTimes.length, `${ms(median(reviewTimes))} ms`, `${ms(percentile(reviewTimes, 99))} ms`],
      ['tutor turn, no profile ("What is item 35 about")', plainTimes.length, `${ms(median(plainTimes))} ms`, `${ms(percentile(plainTimes, 99))} ms`],
      [`progress view (${cards.length} cards studied, ${reviews} reviews)`, progressTimes.length, `${ms(median(progressTimes))} ms`, `${ms(percentile(progressTimes, 99))} ms`],
    ],
  );
}
