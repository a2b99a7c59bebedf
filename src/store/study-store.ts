import type { CardContent } from '../study/cards';
import type { Grade, Schedule } from '../study/schedule';

export interface Learner {
  id: string;
  createdAt: string;
}

/** A learner's card: its content as it was when first scheduled, its FSRS schedule, and when it is due. */
export interface StudyCard extends CardContent {
  schedule: Schedule;
  /** When the card is next due; a card made due by "not sure" is due at once even if never reviewed. */
  due: string;
}

export interface ReviewRecord {
  card: string;
  item: number;
  grade: Grade;
  at: string;
  /** The card's schedule this review set. */
  schedule: Schedule;
}

/**
 * A learner's profile outliving any one conversation: its sessions, the cards it has begun to study
 * and every review. A card of the notes the learner has never touched has no row (it is new). Writes
 * resolve once durable; failures reject with a StoreError. Every call names the learner, and no call
 * reads or writes another learner's rows.
 */
export interface StudyStore {
  /** A new learner with an unguessable id (144 random bits, base64url). */
  createLearner(): Promise<Learner>;
  getLearner(id: string): Promise<Learner | undefined>;
  /** Records that the session belongs to the learner (once; again is a no-op). */
  linkSession(learner: string, sessionId: string): Promise<void>;
  sessionsOf(learner: string): Promise<string[]>;
  /** The learner's cards that have a schedule, soonest due first. */
  cards(learner: string): Promise<StudyCard[]>;
  /** Cards due at or before `at`, soonest first, at most `limit`. */
  dueCards(learner: string, at: string, limit: number): Promise<StudyCard[]>;
  dueCount(learner: string, at: string): Promise<number>;
  card(learner: string, id: string): Promise<StudyCard | undefined>;
  /**
   * Makes the cards due at `at` ("not sure about #35", a missed quiz question): a card never studied
   * gets `schedule` (a new card's), a studied one keeps its own. Rejects with learner_not_found.
   */
  makeDue(learner: string, cards: readonly CardContent[], schedule: Schedule, at: string): Promise<void>;
  /** The review and the card's new schedule (due = schedule.due), committed together. Rejects with learner_not_found. */
  recordReview(learner: string, card: CardContent, grade: Grade, at: string, schedule: Schedule): Promise<void>;
  /** Every review of the learner, oldest first. */
  reviews(learner: string): Promise<ReviewRecord[]>;
  close(): Promise<void>;
}
