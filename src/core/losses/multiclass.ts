import { CalcError } from '../calc-error';
import type { LossInputs, NumberArray, StepRow, Tensor } from '../case';
import { Gradient } from '../gradient';
import { gradBuffer, type Evaluation, type LossDefinition, type Wanted } from '../loss-definition';
import type { ResolvedParams } from '../param-spec';
import { reduceRows } from '../row-reduction';
import { flatten, isRowList, requireClassIndices, requireFinite, requireInRange, requireInput, toRows, unflatten, type Rows } from '../tensor';

/** Targets as class indices (one per row) or as rows of probabilities, the two forms PyTorch takes. */
type ClassTargets = { kind: 'indices'; data: NumberArray } | { kind: 'rows'; rows: Rows };


function readIndices(inputs: LossInputs, scores: Rows, ignoreIndex?: number): NumberArray {
  const yTrue = requireInput(inputs.yTrue, 'yTrue', 'class indices, one per row of yPred');
  if (isRowList(yTrue)) throw new CalcError('invalid_input', 'inputs.yTrue must be class indices, one per row of yPred (e.g. [0, 2, 1]).', 'inputs.yTrue');
  const data = flatten(yTrue, 'yTrue').data;
  if (data.length !== scores.rows) {
    throw new CalcError('length_mismatch', `inputs.yTrue has ${data.length} class indices but inputs.yPred has ${scores.rows} rows: give one index per row.`, 'inputs.yTrue');
  }
  requireClassIndices(data, 'yTrue', scores.cols, ignoreIndex);
  return data;
}

function readTargetRows(inputs: LossInputs, scores: Rows, what: string): Rows {
  const yTrue = requireInput(inputs.yTrue, 'yTrue', what);
  if (!isRowList(yTrue) && scores.rows > 1) throw new CalcError('invalid_input', `inputs.yTrue must be ${what}, of the same shape as yPred.`, 'inputs.yTrue');
  const rows = toRows(yTrue, 'yTrue');
  if (rows.rows !== scores.rows || rows.cols !== scores.cols) {
    throw new CalcError('length_mismatch', `inputs.yTrue has ${rows.rows} rows of ${rows.cols} but inputs.yPred has ${scores.rows} rows of ${scores.cols}: give one target row per prediction row.`, 'inputs.yTrue');
  }
  requireInRange(rows.data, 'yTrue', 0, 1, 'probability_out_of_range', 'target probabilities must lie in [0, 1]');
  return rows;
}

/** Cross-entropy takes either form, as PyTorch does: rows of probabilities, or class indices. */
function readClassTargets(inputs: LossInputs, scores: Rows, ignoreIndex: number): ClassTargets {
  const yTrue = requireInput(inputs.yTrue, 'yTrue', 'class indices or rows of class probabilities');
  return isRowList(yTrue)
    ? { kind: 'rows', rows: readTargetRows(inputs, scores, 'rows of class probabilities') }
    : { kind: 'indices', data: readIndices(inputs, scores, ignoreIndex) };
}

function readScores(inputs: LossInputs, what: string): Rows {
  const rows = toRows(requireInput(inputs.yPred, 'yPred', what), 'yPred');
  requireFinite(rows.data, 'yPred');
  return rows;
}

function classWeights(params: ResolvedParams, classes: number): NumberArray | undefined {
  const weights = params['classWeights'] as number[] | undefined;
  if (weights && weights.length !== classes) {
    throw new CalcError('invalid_param', `params.classWeights has ${weights.length} values but there are ${classes} classes: give one weight per class.`, 'params.classWeights');
  }
  return weights;
}

/** log-softmax of one row by the log-sum-exp trick: subtracting the max keeps exp from overflowing. */
function logSoftmax(data: NumberArray, offset: number, cols: number, out: Float64Array): void {
  let max = -Infinity;
  for (let j = 0; j < cols; j++) max = Math.max(max, data[offset + j]!);
  let sum = 0;
  for (let j = 0; j < cols; j++) sum += Math.exp(data[offset + j]! - max);
  const lse = max + Math.log(sum);
  for (let j = 0; j < cols; j++) out[j] = data[offset + j]! - lse;
}

const rowOf = (data: NumberArray, r: number, cols: number): number[] => Array.from({ length: cols }, (_, j) => data[r * cols + j]!);

function finish(perRow: Float64Array, reduction: LossDefinition['reductions'][number], divisor: number, wanted: Wanted, grad: Float64Array | undefined, scores: Rows, row: (r: number) => StepRow): Evaluation {
  if (divisor === 0) throw new CalcError('invalid_input', 'every row of inputs.yTrue is the ignored index (or has zero weight): nothing is left to average.', 'inputs.yTrue');
  const summed = grad ? new Gradient(grad, [scores.rows, scores.cols]) : undefined;
  return reduceRows(perRow, reduction, divisor, wanted, summed, () => Array.from({ length: Math.min(scores.rows, wanted.maxStepRows) }, (_, r) => row(r)));
}

const classParams = [
  { name: 'classWeights', type: 'numbers' as const, min: 0, description: 'A weight per class; the mean divides by the sum of the targets’ weights.' },
  { name: 'ignoreIndex', type: 'integer' as const, default: -100, description: 'Rows whose target is this index count nowhere.' },
];

/**
 * Cross-entropy on class indices with its gradient, unweighted and unsmoothed, in one pass per
 * row with one exp per logit: the gradient softmax − one-hot is written already divided.
 */
function plainCrossEntropyWithGrad(scores: Rows, classes: NumberArray, ignore: number, reduction: 'mean' | 'sum' | 'batchmean', grad: Float64Array): Evaluation {
  const { rows, cols, data } = scores;
  let kept = 0;
  for (let r = 0; r < rows; r++) if (classes[r] !== ignore) kept += 1;
  const divisor = reduction === 'sum' ? 1 : kept;
  if (divisor === 0) throw new CalcError('invalid_input', 'every row of inputs.yTrue is the ignored index (or has zero weight): nothing is left to average.', 'inputs.yTrue');
  let total = 0;
  for (let r = 0; r < rows; r++) {
    const c = classes[r]!;
    const offset = r * cols;
    // A caller's array may hold an earlier gradient: an ignored row must read 0.
    if (c === ignore) {
      grad.fill(0, offset, offset + cols);
      continue;
    }
    let max = -Infinity;
    for (let j = 0; j < cols; j++) max = Math.max(max, data[offset + j]!);
    let sum = 0;
    for (let j = 0; j < cols; j++) {
      const e = Math.exp(data[offset + j]! - max);
      grad[offset + j] = e;
      sum += e;
    }
    total += max + Math.log(sum) - data[offset + c]!;
    const scale = 1 / (sum * divisor);
    for (let j = 0; j < cols; j++) grad[offset + j] = grad[offset + j]! * scale;
    grad[offset + c] = grad[offset + c]! - 1 / divisor;
  }
  return { value: total / divisor, grad: new Gradient(grad, [rows, cols]) };
}

export const crossEntropy: LossDefinition = {
  id: 'cross-entropy',
  name: 'cross-entropy (softmax)',
  aliases: ['cross entropy', 'crossentropy', 'ce', 'softmax cross entropy', 'softmax loss', 'categorical cross entropy with logits', 'sparse categorical cross entropy', 'CrossEntropyLoss', 'multiclass log loss'],
  description: 'Softmax of logit rows, then the negative log-probability of the target class (or of the target distribution).',
  params: [...classParams, { name: 'labelSmoothing', type: 'number', default: 0, min: 0, max: 1, description: 'Mixes the target with the uniform distribution by this amount.' }],
  inputs: { yTrue: 'class indices, or rows of class probabilities', yPred: 'rows of logits' },
  reductions: ['mean', 'sum', 'none'],
  gradOf: 'yPred',
  formula: { latex: '-\\log \\frac{e^{x_{c}}}{\\sum_j e^{x_j}}', words: 'minus the log of the softmax probability of the target class' },
  evaluate(inputs, params, reduction, wanted) {
    const scores = readScores(inputs, 'rows of logits');
    const ignore = params['ignoreIndex'] as number;
    const targets = readClassTargets(inputs, scores, ignore);
    const { rows, cols, data } = scores;
    const weights = classWeights(params, cols);
    const w = (j: number): number => (weights ? weights[j]! : 1);
    const smoothing = params['labelSmoothing'] as number;
    const plain = targets.kind === 'indices' && !weights && smoothing === 0 && wanted.grad && !wanted.steps && reduction !== 'none';
    if (plain) return plainCrossEntropyWithGrad(scores, targets.data, ignore, reduction, gradBuffer(wanted, rows * cols));
    const perRow = new Float64Array(rows);
    const grad = wanted.grad ? new Float64Array(rows * cols) : undefined;
    const logp = new Float64Array(cols);
    let weightTotal = 0;
    for (let j = 0; j < cols; j++) weightTotal += w(j);
    let divisor = targets.kind === 'rows' ? rows : 0;
    for (let r = 0; r < rows; r++) {
      logSoftmax(data, r * cols, cols, logp);
      if (targets.kind === 'indices') {
        const c = targets.data[r]!;
        if (c === ignore) continue;
        divisor += w(c);
        let smooth = 0;
        for (let j = 0; j < cols; j++) smooth -= w(j) * logp[j]!;
        perRow[r] = (1 - smoothing) * -w(c) * logp[c]! + (smoothing / cols) * smooth;
        if (grad) {
          for (let j = 0; j < cols; j++) {
            const p = Math.exp(logp[j]!);
            grad[r * cols + j] = (1 - smoothing) * w(c) * (p - (j === c ? 1 : 0)) + (smoothing / cols) * (p * weightTotal - w(j));
          }
        }
      } else {
        const y = (j: number): number => targets.rows.data[r * cols + j]! * (1 - smoothing) + smoothing / cols;
        let loss = 0;
        let mass = 0;
        for (let j = 0; j < cols; j++) {
          loss -= w(j) * y(j) * logp[j]!;
          mass += w(j) * y(j);
        }
        perRow[r] = loss;
        if (grad) for (let j = 0; j < cols; j++) grad[r * cols + j] = Math.exp(logp[j]!) * mass - w(j) * y(j);
      }
    }
    return finish(perRow, reduction, divisor, wanted, grad, scores, (r) => ({
      index: r,
      target: targets.kind === 'indices' ? targets.data[r]! : rowOf(targets.rows.data, r, cols),
      prediction: rowOf(data, r, cols),
      loss: perRow[r]!,
      ...(targets.kind === 'indices' && weights ? { weight: targets.data[r] === ignore ? 0 : w(targets.data[r]!) } : {}),
      ...(grad && reduction !== 'none' ? { grad: rowOf(grad, r, cols).map((g) => g / divisor) } : {}),
      ...(targets.kind === 'indices' && targets.data[r] === ignore ? { branch: 'ignored' } : {}),
    }));
  },
};

export const nll: LossDefinition = {
  id: 'nll',
  name: 'negative log-likelihood',
  aliases: ['nll', 'negative log likelihood', 'nll loss', 'NLLLoss'],
  description: 'The negative log-probability of the target class, given rows of log-probabilities.',
  params: classParams,
  inputs: { yTrue: 'class indices', yPred: 'rows of log-probabilities' },
  reductions: ['mean', 'sum', 'none'],
  gradOf: 'yPred',
  formula: { latex: '-\\log p_{c}', words: 'minus the log-probability given to the target class' },
  evaluate(inputs, params, reduction, wanted) {
    const scores = readScores(inputs, 'rows of log-probabilities');
    const ignore = params['ignoreIndex'] as number;
    const indices = readIndices(inputs, scores, ignore);
    const { rows, cols, data } = scores;
    const weights = classWeights(params, cols);
    const perRow = new Float64Array(rows);
    const grad = wanted.grad ? new Float64Array(rows * cols) : undefined;
    let divisor = 0;
    for (let r = 0; r < rows; r++) {
      const c = indices[r]!;
      if (c === ignore) continue;
      const wc = weights ? weights[c]! : 1;
      divisor += wc;
      perRow[r] = -wc * data[r * cols + c]!;
      if (grad) grad[r * cols + c] = -wc;
    }
    return finish(perRow, reduction, divisor, wanted, grad, scores, (r) => ({
      index: r,
      target: indices[r]!,
      prediction: rowOf(data, r, cols),
      loss: perRow[r]!,
      ...(grad && reduction !== 'none' ? { grad: rowOf(grad, r, cols).map((g) => g / divisor) } : {}),
    }));
  },
};

export const categoricalCrossEntropy: LossDefinition = {
  id: 'categorical-cross-entropy',
  name: 'categorical cross-entropy (on probabilities)',
  aliases: ['categorical cross entropy', 'categorical crossentropy', 'CategoricalCrossentropy', 'keras categorical cross entropy'],
  description: 'Keras’s categorical cross-entropy: prediction rows are normalised to sum 1 and clipped, then -Σ y log p.',
  params: [{ name: 'eps', type: 'number', default: 1e-7, min: 0, max: 0.5, description: 'Probabilities are clipped to [eps, 1 - eps].' }],
  inputs: { yTrue: 'one-hot or probability rows', yPred: 'rows of predicted probabilities' },
  reductions: ['mean', 'sum', 'none'],
  gradOf: 'yPred',
  formula: { latex: '-\\sum_j y_j \\log \\operatorname{clip}(p_j, \\epsilon, 1-\\epsilon)', words: 'minus the sum over classes of target times log of the (normalised, clipped) predicted probability' },
  evaluate(inputs, params, reduction, wanted) {
    const scores = readScores(inputs, 'rows of predicted probabilities');
    requireInRange(scores.data, 'yPred', 0, 1, 'probability_out_of_range', 'predictions must be probabilities in [0, 1]; pass logits to cross-entropy instead');
    const targets = readTargetRows(inputs, scores, 'one-hot or probability rows (for class indices use cross-entropy)');
    const eps = params['eps'] as number;
    const { rows, cols, data } = scores;
    const perRow = new Float64Array(rows);
    const grad = wanted.grad ? new Float64Array(rows * cols) : undefined;
    for (let r = 0; r < rows; r++) {
      let sum = 0;
      for (let j = 0; j < cols; j++) sum += data[r * cols + j]!;
      if (sum === 0) throw new CalcError('invalid_input', `inputs.yPred[${r}] sums to 0: each prediction row needs some probability mass.`, `inputs.yPred[${r}]`);
      let loss = 0;
      let weighted = 0;
      const slopes = new Float64Array(cols);
      for (let j = 0; j < cols; j++) {
        const p = data[r * cols + j]! / sum;
        const clipped = Math.min(Math.max(p, eps), 1 - eps);
        const y = targets.data[r * cols + j]!;
        loss -= y * Math.log(clipped);
        // The clip passes no gradient outside [eps, 1 - eps], as in Keras.
        slopes[j] = p > eps && p < 1 - eps ? -y / clipped : 0;
        weighted += slopes[j]! * p;
      }
      perRow[r] = loss;
      if (grad) for (let j = 0; j < cols; j++) grad[r * cols + j] = (slopes[j]! - weighted) / sum;
    }
    return finish(perRow, reduction, rows, wanted, grad, scores, (r) => ({
      index: r,
      target: rowOf(targets.data, r, cols),
      prediction: rowOf(data, r, cols),
      loss: perRow[r]!,
      ...(grad && reduction !== 'none' ? { grad: rowOf(grad, r, cols).map((g) => g / (reduction === 'mean' ? rows : 1)) } : {}),
    }));
  },
};

export const klDiv: LossDefinition = {
  id: 'kl-div',
  name: 'Kullback-Leibler divergence',
  aliases: ['kl', 'kld', 'kl divergence', 'kullback leibler', 'kullback leibler divergence', 'relative entropy', 'KLDivLoss'],
  description: 'How much information is lost when Q (the prediction) is used in place of P (the target).',
  params: [],
  inputs: { yTrue: 'rows of target probabilities P', yPred: 'rows of predicted probabilities Q' },
  reductions: ['mean', 'sum', 'none', 'batchmean'],
  gradOf: 'yPred',
  formula: { latex: '\\sum_j P_j (\\log P_j - \\log Q_j)', words: 'the sum over classes of P times (log P - log Q), with 0 where P is 0' },
  evaluate(inputs, _params, reduction, wanted) {
    const scores = readScores(inputs, 'rows of predicted probabilities Q');
    requireInRange(scores.data, 'yPred', 0, 1, 'probability_out_of_range', 'Q must hold probabilities in [0, 1]');
    const targets = readTargetRows(inputs, scores, 'probability rows P');
    const { rows, cols, data } = scores;
    const n = rows * cols;
    const perElement = new Float64Array(n);
    const grad = wanted.grad ? new Float64Array(n) : undefined;
    for (let i = 0; i < n; i++) {
      const p = targets.data[i]!;
      if (p === 0) continue;
      const q = data[i]!;
      if (q === 0) throw new CalcError('probability_out_of_range', `inputs.yPred[${Math.floor(i / cols)}][${i % cols}] is 0 where the target probability is ${p}: the divergence is infinite; give Q some mass wherever P has it.`, `inputs.yPred[${Math.floor(i / cols)}][${i % cols}]`);
      perElement[i] = p * (Math.log(p) - Math.log(q));
      if (grad) grad[i] = -p / q;
    }
    const divisor = reduction === 'batchmean' ? rows : n;
    const evaluation = finish(perElement, reduction, divisor, wanted, grad, scores, (r) => ({
      index: r,
      target: rowOf(targets.data, r, cols),
      prediction: rowOf(data, r, cols),
      loss: rowOf(perElement, r, cols).reduce((a, b) => a + b, 0),
    }));
    if (reduction === 'none') evaluation.value = unflatten(perElement, isRowList(inputs.yPred!) ? [rows, cols] : [n]) as number[];
    return evaluation;
  },
};

export const categoricalHinge: LossDefinition = {
  id: 'categorical-hinge',
  name: 'categorical hinge loss',
  aliases: ['categorical hinge', 'CategoricalHinge', 'multiclass hinge'],
  description: 'Keras’s categorical hinge: the best wrong score must trail the true score by a margin of 1.',
  params: [],
  inputs: { yTrue: 'one-hot rows', yPred: 'rows of scores' },
  reductions: ['mean', 'sum', 'none'],
  gradOf: 'yPred',
  formula: { latex: '\\max(0, \\max_j (1-y_j) x_j - \\sum_j y_j x_j + 1)', words: 'the best wrong score minus the true score plus one, or zero' },
  evaluate(inputs, _params, reduction, wanted) {
    const scores = readScores(inputs, 'rows of scores');
    const y = readTargetRows(inputs, scores, 'one-hot rows').data;
    const { rows, cols, data } = scores;
    const perRow = new Float64Array(rows);
    const grad = wanted.grad ? new Float64Array(rows * cols) : undefined;
    for (let r = 0; r < rows; r++) {
      let positive = 0;
      let negative = -Infinity;
      let best = 0;
      for (let j = 0; j < cols; j++) {
        const i = r * cols + j;
        positive += y[i]! * data[i]!;
        const wrong = (1 - y[i]!) * data[i]!;
        if (wrong > negative) {
          negative = wrong;
          best = j;
        }
      }
      perRow[r] = Math.max(0, negative - positive + 1);
      if (grad && perRow[r]! > 0) {
        for (let j = 0; j < cols; j++) grad[r * cols + j] = -y[r * cols + j]! + (j === best ? 1 - y[r * cols + j]! : 0);
      }
    }
    return finish(perRow, reduction, rows, wanted, grad, scores, (r) => ({
      index: r,
      target: rowOf(y, r, cols),
      prediction: rowOf(data, r, cols),
      loss: perRow[r]!,
    }));
  },
};

export const multiMargin: LossDefinition = {
  id: 'multi-margin',
  name: 'multi-class margin loss',
  aliases: ['multi margin', 'multimargin', 'multi class margin', 'MultiMarginLoss', 'multiclass svm loss'],
  description: 'PyTorch’s multi-class hinge: every wrong class should score at least `margin` below the true one.',
  params: [
    { name: 'margin', type: 'number', default: 1, description: 'The required gap between the true score and each other score.' },
    { name: 'p', type: 'integer', default: 1, min: 1, max: 2, description: '1 for the hinge, 2 for the squared hinge.' },
  ],
  inputs: { yTrue: 'class indices', yPred: 'rows of scores' },
  reductions: ['mean', 'sum', 'none'],
  gradOf: 'yPred',
  formula: { latex: '\\frac{1}{C}\\sum_{j \\ne c} \\max(0, m - x_c + x_j)^p', words: 'the average over classes of the margin violations of the wrong classes' },
  evaluate(inputs, params, reduction, wanted) {
    const scores = readScores(inputs, 'rows of scores');
    const indices = readIndices(inputs, scores);
    const margin = params['margin'] as number;
    const power = params['p'] as number;
    const { rows, cols, data } = scores;
    const perRow = new Float64Array(rows);
    const grad = wanted.grad ? new Float64Array(rows * cols) : undefined;
    for (let r = 0; r < rows; r++) {
      const c = indices[r]!;
      const trueScore = data[r * cols + c]!;
      let loss = 0;
      let trueSlope = 0;
      for (let j = 0; j < cols; j++) {
        const violation = margin - trueScore + data[r * cols + j]!;
        if (j === c || violation <= 0) continue;
        loss += violation ** power / cols;
        const slope = (power * violation ** (power - 1)) / cols;
        if (grad) grad[r * cols + j] = slope;
        trueSlope -= slope;
      }
      perRow[r] = loss;
      if (grad) grad[r * cols + c] = trueSlope;
    }
    return finish(perRow, reduction, rows, wanted, grad, scores, (r) => ({
      index: r,
      target: indices[r]!,
      prediction: rowOf(data, r, cols),
      loss: perRow[r]!,
    }));
  },
};

