import type { LossCase } from '../../core/case';
import type { ParamType } from '../../core/param-spec';

export type CalcLang = 'en' | 'zh-Hant' | 'zh-Hans';

/** What the reader assumed about the learner's numbers; every one is said in the answer. */
export type Interpretation =
  | { kind: 'probabilities'; values: number[] }
  /** through: the function that turns the logits into probabilities (sigmoid for a binary loss, softmax over classes). */
  | { kind: 'logits'; values: number[]; why: 'said' | 'outside-0-1' | 'not-probabilities'; through: 'sigmoid' | 'softmax' }
  /** One probability for a loss over classes: the true class's, so the loss is −log p (binary cross-entropy with target 1). */
  | { kind: 'true-class-probability'; probability: number }
  /** A follow-up gave one new prediction for a case of one ("and if it is 0.9?"). */
  | { kind: 'replaced-prediction'; from: number; to: number }
  | { kind: 'class-index'; said: number; index: number; base: 0 | 1; why: 'said-index' | 'ordinal' | 'in-range' | 'out-of-range-for-0' }
  | { kind: 'reduction'; reduction: string; why: 'said' | 'kl-divergence' | 'default' }
  /** assumed: no list was labelled, so the first was taken as the targets. */
  | { kind: 'order'; yTrue: number[]; yPred: number[]; assumed: boolean };

/** What a missing input is, in the learner's terms. */
export type MissingInput =
  | 'loss' | 'numbers' | 'targets' | 'predictions' | 'true-class' | 'variance' | 'embeddings' | 'pair-labels'
  /** Distances given for a loss the calculator computes from the embeddings (the triplet loss). */
  | 'distances-not-embeddings'
  /** A parameter named without a value the reader can read ("with class weights" and no list). */
  | 'parameter'
  /** A parameter given for a loss that does not take it as the request stands (pos weight on probabilities). */
  | 'parameter-not-taken';

/** A question the tutor asked and the next turn may answer: the case so far and what it lacks. */
export interface PendingCalcQuestion {
  loss: string;
  partial: LossCase;
  missing: MissingInput;
  /** The parameter asked about, for 'parameter' and 'parameter-not-taken'. */
  param?: NamedParam;
}

/** A parameter as the learner named it. */
export interface NamedParam {
  /** The registry's name. */
  name: string;
  /** The learner's words for it. */
  said: string;
  type: ParamType;
}

export type CalcReading =
  | { kind: 'case'; lossCase: LossCase; interpretations: Interpretation[]; leansOnPrevious: boolean }
  | { kind: 'missing'; question: string; pending: PendingCalcQuestion }
  | { kind: 'none' };

export interface CalcReadOptions {
  lang: CalcLang;
  previous?: { case: LossCase };
  pending?: PendingCalcQuestion;
}
