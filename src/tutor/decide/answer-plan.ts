/**
 * What the tutor will say, as data: the decide stage's output and the compose stage's input. A
 * plan names the notes' items, passages and sections to quote, the calculations run (already
 * computed), the question asked back, the quiz question or grade; it holds no wording.
 */
import type { Item, Passage, QuizQuestion, Section } from '../../kb/item';
import type { Calculation } from '../answer';
import type { AskBack } from '../clarification';
import type { GroundedIdea } from '../ground/grounded-turn';
import type { SupportingItem } from '../ground/item-evidence';
import type { Grade } from '../quiz';

/** What one note says for a question. */
export interface Explanation {
  item: Item;
  /** The passage quoted first, cut to the sentences that answer the question. */
  passage?: { passage: Passage; sentences: string[] };
  sections: Section[];
  /** Items filling in for a thin note, each under its own number and title. */
  support: SupportingItem[];
}

/** A calculation run by the calculator, with what the answer says around it. */
export interface WorkedCalculation {
  heading: 'computation' | 'workedExample';
  calculation: Calculation;
  /** No list was labelled: the first was taken as the targets. */
  assumedOrder: boolean;
  /** How the calculation reader took the learner's numbers, in the learner's language. */
  readings: string[];
  /** A follow-up's earlier case, shown beside the new one. */
  previous?: Calculation;
  /** KL divergence with batchmean: PyTorch's default reduction, for comparison. */
  pytorchDefault?: Calculation;
  /** A combined loss: the same case with its first weight raised, to show what a weight does. */
  raised?: Calculation;
  /** A worked example: where its numbers come from. */
  source?: ExampleSource;
}

/** The numbers of a worked example: the cited item's own, a note's text, or illustrative (in no note). */
export type ExampleSource = { kind: 'item' } | { kind: 'note'; item: number } | { kind: 'illustrative' };

/** How one part of a turn is answered. */
export type PartAnswer =
  | { kind: 'explanation'; explanation: Explanation }
  | { kind: 'comparison'; sides: Explanation[] }
  | { kind: 'calculation'; worked: WorkedCalculation; item?: Item }
  | { kind: 'clarification'; askBack: AskBack }
  | { kind: 'not_covered' };

export interface PlannedPart {
  question: string;
  answer: PartAnswer;
  /** A close item the answer did not cite, for a lone question that named no item. */
  seeAlso?: Item;
}

/** What to read next after an answer from the notes: a related item and the quiz on the topic. */
export interface NextStep {
  related?: Item;
  quizItem?: number;
}

/** A whole turn's answer, by kind. */
export type AnswerPlan =
  | { kind: 'greeting' | 'help'; items: number; range: string }
  | { kind: 'small_talk'; act: 'thanks' | 'farewell' | 'acknowledgement' }
  | { kind: 'out_of_scope'; items: number }
  | { kind: 'clarification'; askBack: AskBack }
  /** `aboutClaim`: the note has no questions, so it is asked what it says (its claim is the model answer). */
  | { kind: 'quiz_question'; item: Item; question: QuizQuestion; aboutClaim?: true }
  /** `missed`: what the model answer holds that the reply did not, each idea with the passage that says it. */
  | { kind: 'quiz_grade'; item: Item; question: QuizQuestion; grade: Grade; missed: GroundedIdea[] }
  | {
      kind: 'notes';
      /** The learner asked in Chinese and a note shown has no translation. */
      notesInEnglish: boolean;
      /** The item the message named: its claim opens the answer. */
      claim?: Item;
      /** Several parts: each under its own numbered heading. */
      multi: boolean;
      parts: PlannedPart[];
      /** A worked example closing the explanation of an item named by number. */
      example?: WorkedCalculation;
      next?: NextStep;
      /** Set when every part asked back: the answer is a question. */
      askedBack?: AskBack;
    };

export type AnswerKind = AnswerPlan['kind'];
