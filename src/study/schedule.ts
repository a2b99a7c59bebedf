/**
 * A card's schedule under FSRS, through ts-fsrs: the library's card as plain JSON (dates as ISO
 * strings) so it crosses threads and sits in a database column, and one review step.
 */
import { createEmptyCard, fsrs, generatorParameters, Rating, State, type Card, type Grade as FsrsGrade } from 'ts-fsrs';

export type Grade = 'again' | 'hard' | 'good' | 'easy';

export type CardPhase = 'new' | 'learning' | 'review' | 'relearning';

/** ts-fsrs's Card with its dates written out. */
export interface Schedule {
  due: string;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: number;
  last_review?: string;
}

/** No fuzz: a schedule is then a function of its grades and times, which tests and the CLI can rely on. */
const scheduler = fsrs(generatorParameters({ enable_fuzz: false }));

const fsrsRating: Record<Grade, FsrsGrade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };

const toSchedule = (card: Card): Schedule => {
  const { due, last_review, ...rest } = card;
  return { ...rest, due: due.toISOString(), ...(last_review ? { last_review: last_review.toISOString() } : {}) };
};

const toCard = (schedule: Schedule): Card => {
  const { due, last_review, ...rest } = schedule;
  return { ...rest, due: new Date(due), ...(last_review ? { last_review: new Date(last_review) } : {}) } as Card;
};

export const newSchedule = (at: Date): Schedule => toSchedule(createEmptyCard(at));

/** The schedule after a review graded `grade` at `at`. */
export function reviewed(schedule: Schedule, grade: Grade, at: Date): Schedule {
  return toSchedule(scheduler.next(toCard(schedule), at, fsrsRating[grade]).card);
}

const phases: Record<number, CardPhase> = { [State.New]: 'new', [State.Learning]: 'learning', [State.Review]: 'review', [State.Relearning]: 'relearning' };
export const phaseOf = (schedule: Schedule): CardPhase => phases[schedule.state] ?? 'new';

/**
 * Once nothing is due, a review goes on with cards due within this window (Anki's learn-ahead
 * limit), so a card missed a minute ago comes back in the same sitting.
 */
export const LEARN_AHEAD_MS = 20 * 60_000;
