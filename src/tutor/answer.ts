import type { CalcResult, CombinedTerm, LossCase, Reduction } from '../core/case';
import type { NestedCalcResult } from '../core/gradient';

/** The shapes of `ask --json` and of the chat protocol's answer frame (CONTRACTS.md). */

export interface CitedPassage {
  id: string;
  section: string;
}

export interface Citation {
  item: number;
  title: string;
  source: string;
  /** The passages quoted from the item, when the answer quotes passages rather than whole sections. */
  passages?: CitedPassage[];
}

export interface Calculation {
  loss: string;
  params: Record<string, unknown>;
  reduction: Reduction;
  value: number | number[];
  inputs: LossCase['inputs'];
  steps: NonNullable<CalcResult['steps']>;
  /** Nested arrays: a calculation is plain data that crosses threads and becomes JSON. */
  grad?: NestedCalcResult['grad'];
  terms?: NestedCalcResult['terms'];
  /** For a combined loss: each term's own case as run (label, weight, loss, params, inputs). */
  termCases?: readonly CombinedTerm[];
}

export interface AnswerPart {
  question: string;
  text: string;
}

/** Which engine wrote the answer; `fallback` says why the model was not used for this turn. */
export interface EngineInfo {
  name: 'embedded' | 'llm';
  model?: string;
  fallback?: string;
}

/** Why the tutor asked back instead of answering: a stable code, and the readings it could not choose between. */
export type ClarifyCode =
  | 'no_numbers'
  | 'one_list'
  | 'length_mismatch'
  | 'no_loss'
  | 'ambiguous_loss'
  | 'dangling_reference'
  | 'item_out_of_range'
  | 'calculation_refused'
  | 'no_example'
  | 'nothing_to_rerun'
  | 'no_quiz'
  | 'too_broad'
  | 'underspecified_choice';

export interface Clarification {
  code: ClarifyCode;
  choices?: string[];
}

/** A review card left open for the learner's reply (docs/study.md). */
export interface OpenReviewCard {
  card: string;
  item: number;
}

export interface AnswerBody {
  /** Markdown. */
  text: string;
  citations: Citation[];
  calculations: Calculation[];
  parts?: AnswerPart[];
  clarify: boolean;
  /** Present when clarify is true. */
  clarification?: Clarification;
  engine?: EngineInfo;
  /** Present while a review card awaits the learner's reply or grade. */
  review?: OpenReviewCard;
}

export interface Answer extends AnswerBody {
  sessionId: string;
}
