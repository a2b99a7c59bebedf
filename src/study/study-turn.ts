/**
 * What a tutor turn and the learner's study profile exchange. The tutor is pure: the server hands it
 * the cards due (a `StudyTurn`), and the tutor hands back what the learner did (`StudyEvent`s), which
 * the server schedules and stores before the answer is sent.
 */
import type { CardContent } from './cards';
import type { Grade } from './schedule';

export interface StudyTurn {
  /** Cards due now or within the learn-ahead window, soonest first. */
  due: CardContent[];
  /** How many cards are due now in all (`due` may hold only the first few). */
  dueCount: number;
  /** The card the learner was shown last turn, when a review is open. */
  open?: CardContent;
}

export type StudyEvent =
  /** A reply to a card (a review card, or a quiz question, which is its item's quiz card), graded. */
  | { type: 'reviewed'; card: CardContent; grade: Grade }
  /** "I'm not sure about #35", a missed quiz question: the item's cards are due now. */
  | { type: 'unsure'; item: number };
