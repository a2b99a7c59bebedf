import type { CardContent } from '../study/cards';
import type { Grade, Schedule } from '../study/schedule';
import type { AssistantEntry, TurnRecord } from './store';

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
 * One write to a learner's cards. `due`: the cards are due at `at` ("not sure about #35", a missed
 * quiz question); a card never studied gets `schedule` (a new card's), a studied one keeps its own.
 * `review`: the review, and the card's schedule `next` makes of its stored one (none for a card never
 * studied), read in the same transaction so that two writers of one card cannot both build on the old one.
 */
export type StudyChange =
  | { type: 'due'; cards: readonly CardContent[]; schedule: Schedule; at: string }
  | { type: 'review'; card: CardContent; grade: Grade; at: string; next: (current: Schedule | undefined) => Schedule };

/**
 * A learner's profile outliving any one conversation: its sessions, the cards it has begun to study
 * and every review. A card of the notes the learner has never touched has no row (it is new). Cards
 * belong to a deck: the server's notes (`notebook` undefined) or one notebook, whose card ids carry
 * its id. Writes resolve once durable; failures reject with a StoreError. Every call names the
 * learner, and no call reads or writes another learner's rows, nor another deck's.
 */
export interface StudyStore {
  /** A new learner with an unguessable id (144 random bits, base64url). */
  createLearner(): Promise<Learner>;
  getLearner(id: string): Promise<Learner | undefined>;
  /** Records that the session belongs to the learner (once; again is a no-op). */
  linkSession(learner: string, sessionId: string): Promise<void>;
  sessionsOf(learner: string): Promise<string[]>;
  /** The learner's cards of the deck that have a schedule, soonest due first. */
  cards(learner: string, notebook?: string): Promise<StudyCard[]>;
  /** The deck's cards due at or before `at`, soonest first. */
  dueCards(learner: string, at: string, notebook?: string): Promise<StudyCard[]>;
  card(learner: string, id: string): Promise<StudyCard | undefined>;
  /** The changes to the deck's cards, in order, committed together. Rejects with learner_not_found. */
  record(learner: string, changes: readonly StudyChange[], notebook?: string): Promise<void>;
  /**
   * A turn of the learner's session and what it did to the deck's cards, committed together. A
   * question id the session has answered already writes nothing: its stored answer comes back with
   * `replayed` (a resend reviews nothing twice). Rejects with learner_not_found or session_not_found.
   */
  recordTurn(learner: string, changes: readonly StudyChange[], turn: TurnRecord, notebook?: string): Promise<{ entry: AssistantEntry; replayed: boolean }>;
  /** Every review of the learner's cards of the deck, oldest first. */
  reviews(learner: string, notebook?: string): Promise<ReviewRecord[]>;
  close(): Promise<void>;
}
