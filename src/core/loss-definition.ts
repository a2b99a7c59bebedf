import type { LossInputs, Reduction, StepRow, Steps } from './case';
import type { Gradient } from './gradient';
import type { ParamSpec, ResolvedParams } from './param-spec';

export interface Wanted {
  grad: boolean;
  steps: boolean;
  maxStepRows: number;
  gradInto?: Float64Array;
}

/** The caller's gradient array when it has the right length, else a new one. */
export const gradBuffer = (wanted: Wanted, length: number): Float64Array =>
  wanted.gradInto?.length === length ? wanted.gradInto : new Float64Array(length);

/** What one loss computes for one case; `calculate` adds the formula and checks nothing further. */
export interface Evaluation {
  value: number | number[];
  grad?: Gradient;
  rows?: StepRow[];
  /** How many rows the steps would have in full (they are cut at maxStepRows). */
  totalRows?: number;
  /**
   * The per-element (or per-row) losses and the divisor the reduction used, for the steps;
   * `expression` replaces the usual "(a + b) / n = v" where the loss is not a reduction of rows.
   */
  reduced?: { losses: ArrayLike<number>; divisor: number; expression?: string };
}

export interface LossDefinition {
  id: string;
  name: string;
  /** Names learners use for it; matched ignoring case, spaces, hyphens and underscores. */
  aliases: readonly string[];
  description: string;
  params: readonly ParamSpec[];
  /** The inputs it reads, with what each holds. */
  inputs: Readonly<Partial<Record<keyof LossInputs, string>>>;
  reductions: readonly Reduction[];
  gradOf: 'yPred' | 'anchor' | 'x1';
  formula: Steps['formula'];
  evaluate(inputs: LossInputs, params: ResolvedParams, reduction: Reduction, wanted: Wanted): Evaluation;
}
