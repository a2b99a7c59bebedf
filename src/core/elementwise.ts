import { CalcError } from './calc-error';
import type { LossInputs, NumberArray, Reduction, StepRow } from './case';
import { gradBuffer, type Evaluation, type LossDefinition, type Wanted } from './loss-definition';
import { Gradient } from './gradient';
import type { ResolvedParams } from './param-spec';
import { flatten, requireFinite, requireInput, requireSameShape, unflatten } from './tensor';

/** One element's loss and gradient, with the parameters already bound. */
export interface ElementKernel {
  loss(target: number, prediction: number): number;
  grad(target: number, prediction: number): number;
  /** Which piece of a piecewise loss applies, for the worked steps. */
  branch?(target: number, prediction: number): string;
}

/**
 * How sample weights enter the mean: `average` divides by the sum of the weights (scikit-learn's
 * sample_weight), `scale` multiplies each loss and divides by the count (PyTorch's weight argument).
 */
export type WeightMean = 'average' | 'scale';

export interface ElementwiseSpec extends Omit<LossDefinition, 'evaluate' | 'gradOf' | 'reductions'> {
  kernel(params: ResolvedParams): ElementKernel;
  /** Domain rules beyond finiteness, checked before computing (a separate pass, off the fast path). */
  validate?(targets: NumberArray, predictions: NumberArray, params: ResolvedParams): void;
  /** Recode targets once validated, e.g. {0, 1} labels to {-1, 1} for the hinge losses. */
  recodeTargets?(targets: NumberArray): NumberArray;
  weightMean(params: ResolvedParams): WeightMean;
  /** True when the loss is a function of prediction − target, so the steps show the error. */
  showsError: boolean;
  /**
   * A fused loop for the plain mean/sum, for the losses benchmarked on millions of elements.
   * Returns NaN or ±Infinity when any input is invalid; the validating path then names the culprit.
   */
  fastSum?(targets: NumberArray, predictions: NumberArray, params: ResolvedParams): number;
  /**
   * fastSum that also writes each element's gradient divided by `divisor` into `grad`, in the same
   * pass: the gradient over millions of elements costs one loop, as a hand-written one would.
   */
  fastSumGrad?(targets: NumberArray, predictions: NumberArray, params: ResolvedParams, grad: Float64Array, divisor: number): number;
}

interface Prepared {
  targets: NumberArray;
  predictions: NumberArray;
  weights?: NumberArray;
  shape: number[];
}

function prepare(inputs: LossInputs, what: { yTrue: string; yPred: string }): Prepared {
  const targets = flatten(requireInput(inputs.yTrue, 'yTrue', what.yTrue), 'yTrue');
  const predictions = flatten(requireInput(inputs.yPred, 'yPred', what.yPred), 'yPred');
  requireSameShape(targets.shape, 'yTrue', predictions.shape, 'yPred');
  if (inputs.weights === undefined) return { targets: targets.data, predictions: predictions.data, shape: predictions.shape };
  const weights = flatten(inputs.weights, 'weights');
  if (weights.data.length !== predictions.data.length) {
    throw new CalcError('length_mismatch', `inputs.weights has ${weights.data.length} values but inputs.yPred has ${predictions.data.length}: give one weight per element.`, 'inputs.weights');
  }
  return { targets: targets.data, predictions: predictions.data, weights: weights.data, shape: predictions.shape };
}

function validate(spec: ElementwiseSpec, prepared: Prepared, params: ResolvedParams): void {
  requireFinite(prepared.targets, 'yTrue');
  requireFinite(prepared.predictions, 'yPred');
  if (prepared.weights) {
    requireFinite(prepared.weights, 'weights');
    for (let i = 0; i < prepared.weights.length; i++) {
      if (prepared.weights[i]! < 0) throw new CalcError('invalid_input', `inputs.weights[${i}] is ${prepared.weights[i]}: weights must be zero or positive.`, `inputs.weights[${i}]`);
    }
  }
  spec.validate?.(prepared.targets, prepared.predictions, params);
}

function overflow(name: string): CalcError {
  return new CalcError('non_finite', `${name} overflowed to infinity for these inputs: scale the values down (e.g. change units) and try again.`, 'yPred');
}

function fastPath(spec: ElementwiseSpec, prepared: Prepared, params: ResolvedParams, reduction: Reduction): number {
  const total = spec.fastSum!(prepared.targets, prepared.predictions, params);
  if (!Number.isFinite(total)) {
    validate(spec, prepared, params);
    throw overflow(spec.name);
  }
  return reduction === 'sum' ? total : total / prepared.targets.length;
}

function fastGradPath(spec: ElementwiseSpec, prepared: Prepared, params: ResolvedParams, reduction: Reduction, wanted: Wanted): Evaluation {
  const n = prepared.targets.length;
  const divisor = reduction === 'sum' ? 1 : n;
  const grad = gradBuffer(wanted, n);
  const total = spec.fastSumGrad!(prepared.targets, prepared.predictions, params, grad, divisor);
  if (!Number.isFinite(total)) {
    validate(spec, prepared, params);
    throw overflow(spec.name);
  }
  return { value: total / divisor, grad: Gradient.of(grad, prepared.shape) };
}

function stepRow(spec: ElementwiseSpec, kernel: ElementKernel, prepared: Prepared, i: number, loss: number, grad: number | undefined): StepRow {
  const target = prepared.targets[i]!;
  const prediction = prepared.predictions[i]!;
  const row: StepRow = { index: i, target, prediction, loss };
  if (spec.showsError) row.error = prediction - target;
  if (prepared.weights) row.weight = prepared.weights[i]!;
  if (grad !== undefined) row.grad = grad;
  const branch = kernel.branch?.(target, prediction);
  if (branch !== undefined) row.branch = branch;
  return row;
}

function evaluateElementwise(spec: ElementwiseSpec, inputs: LossInputs, params: ResolvedParams, reduction: Reduction, wanted: Wanted): Evaluation {
  const prepared = prepare(inputs, { yTrue: spec.inputs.yTrue ?? 'targets', yPred: spec.inputs.yPred ?? 'predictions' });
  const plain = !wanted.grad && !wanted.steps && !prepared.weights && reduction !== 'none';
  if (plain && spec.fastSum) return { value: fastPath(spec, prepared, params, reduction) };
  const plainWithGrad = wanted.grad && !wanted.steps && !prepared.weights && reduction !== 'none';
  if (plainWithGrad && spec.fastSumGrad) return fastGradPath(spec, prepared, params, reduction, wanted);

  validate(spec, prepared, params);
  if (spec.recodeTargets) prepared.targets = spec.recodeTargets(prepared.targets);
  const kernel = spec.kernel(params);
  const { targets, predictions, weights } = prepared;
  const n = targets.length;
  const losses = new Float64Array(n);
  let total = 0;
  let weightSum = 0;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i]! : 1;
    const loss = w * kernel.loss(targets[i]!, predictions[i]!);
    losses[i] = loss;
    total += loss;
    weightSum += w;
  }
  if (!Number.isFinite(total)) throw overflow(spec.name);

  const divisor = reduction === 'sum' || reduction === 'none' ? 1 : weights && spec.weightMean(params) === 'average' ? weightSum : n;
  if (divisor === 0) throw new CalcError('invalid_input', 'inputs.weights are all zero: at least one weight must be positive for a weighted mean.', 'inputs.weights');
  const value = reduction === 'none' ? unflatten(losses, prepared.shape) as number[] : total / divisor;

  let grad: Float64Array | undefined;
  if (wanted.grad && reduction !== 'none') {
    grad = gradBuffer(wanted, n);
    for (let i = 0; i < n; i++) grad[i] = ((weights ? weights[i]! : 1) * kernel.grad(targets[i]!, predictions[i]!)) / divisor;
  }
  const evaluation: Evaluation = { value };
  if (grad) evaluation.grad = Gradient.of(grad, prepared.shape);
  if (wanted.steps) {
    const shown = Math.min(n, wanted.maxStepRows);
    evaluation.rows = Array.from({ length: shown }, (_, i) => stepRow(spec, kernel, prepared, i, losses[i]!, grad?.[i]));
    evaluation.totalRows = n;
    evaluation.reduced = { losses, divisor };
  }
  return evaluation;
}

/** A loss applied element by element to yTrue and yPred, then reduced. */
export function elementwiseLoss(spec: ElementwiseSpec): LossDefinition {
  return {
    id: spec.id,
    name: spec.name,
    aliases: spec.aliases,
    description: spec.description,
    params: spec.params,
    inputs: { weights: 'optional per-element sample weights', ...spec.inputs },
    reductions: ['mean', 'sum', 'none'],
    gradOf: 'yPred',
    formula: spec.formula,
    evaluate: (inputs, params, reduction, wanted) => evaluateElementwise(spec, inputs, params, reduction, wanted),
  };
}

