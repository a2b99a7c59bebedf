import type { Gradient } from './gradient';

/**
 * The shape of one loss computation: the same shape as a case of the golden reference file,
 * as `calc --batch` reads, as POST /api/calc takes and as the model's `calculate_loss` tool takes.
 */

/** Numbers as plain arrays or typed arrays; the calculator never copies them unless it must. */
export type NumberArray = ArrayLike<number>;
/** Rows of numbers: class-probability rows, logit rows, embedding rows. */
export type Matrix = ArrayLike<NumberArray>;
/**
 * Row-major values with their shape (`[n]` or `[rows, cols]`), the calculator's own form: a
 * Float64Array of logits goes in without a row array per row, and a Gradient can go back in.
 */
export interface ShapedArray {
  readonly data: NumberArray;
  readonly shape: readonly number[];
}
export type Tensor = NumberArray | Matrix | ShapedArray;

export type Reduction = 'mean' | 'sum' | 'none' | 'batchmean';

export interface LossInputs {
  /** Targets: values, labels, class indices, one-hot or probability rows. */
  yTrue?: Tensor;
  /** Predictions: values, probabilities, logits or log-probabilities, as the loss says. */
  yPred?: Tensor;
  /** Per-element sample weights. */
  weights?: NumberArray;
  /** Variances, for gaussian-nll. */
  var?: Tensor;
  anchor?: Matrix;
  positive?: Matrix;
  negative?: Matrix;
  x1?: Tensor;
  x2?: Tensor;
  y?: NumberArray;
}

export type ParamValue = number | boolean | string | readonly number[];

/** One term of a combined loss: weight · loss(inputs). Inputs default to the combined case's. */
export interface CombinedTerm {
  weight: number;
  /** What the term stands for, e.g. "quality" or "quantity". */
  label?: string;
  loss: string;
  params?: Record<string, ParamValue>;
  reduction?: Exclude<Reduction, 'none'>;
  inputs?: LossInputs;
}

export interface LossCase {
  loss: string;
  params?: Record<string, ParamValue>;
  reduction?: Reduction;
  inputs: LossInputs;
  /** Only for loss "combined": the weighted terms λ1·L1 + λ2·L2 + ... */
  terms?: readonly CombinedTerm[];
}

export interface CalculateOptions {
  /** d(loss)/d(yPred) (or d/d anchor, d/d x1 for the losses without yPred). */
  grad?: boolean;
  /** Worked steps; capped at `maxStepRows` element rows so huge inputs stay cheap. */
  steps?: boolean;
  maxStepRows?: number;
  /**
   * Where to write the gradient instead of a new array (it must have one slot per element), so a
   * loop that calls calculate() on the same shapes again and again allocates nothing. The
   * result's `grad.data` is then this array for the elementwise losses and plain cross-entropy;
   * the other losses, and combined losses (whose terms need their own), allocate as usual.
   */
  gradInto?: Float64Array;
}

/** One element (or row) of a worked example. */
export interface StepRow {
  index: number;
  target: number | number[];
  prediction: number | number[];
  /** prediction − target, where the loss is a function of that difference. */
  error?: number;
  loss: number;
  /** The sample or class weight that multiplied this row's loss. */
  weight?: number;
  grad?: number | number[];
  /** Which branch of a piecewise loss applied, e.g. "quadratic" or "linear" for Huber. */
  branch?: string;
}

export interface Steps {
  formula: { latex: string; words: string };
  rows: StepRow[];
  /** True when rows were cut at maxStepRows. */
  truncated: boolean;
  reduction: { kind: Reduction; expression: string; value: number | number[] };
}

export interface TermResult {
  label?: string;
  loss: string;
  weight: number;
  value: number;
  /** weight · value */
  weighted: number;
  /** weighted / total: the term's share of the combined loss. */
  share: number;
  /** Gradient of the weighted term with respect to its prediction. */
  grad?: Gradient;
  /** The term's own worked steps, unweighted. */
  steps?: Steps;
}

export interface CalcResult {
  value: number | number[];
  /** A Float64Array with a shape; `grad.toNested()` or `toNested(result)` for nested arrays. */
  grad?: Gradient;
  /** The input the gradient is taken with respect to. */
  gradOf?: 'yPred' | 'anchor' | 'x1';
  steps?: Steps;
  terms?: TermResult[];
}
