import type { NumberArray } from '../case';
import { elementwiseLoss, type ElementKernel } from '../elementwise';
import type { ResolvedParams } from '../param-spec';
import { requireInRange, signLabels } from '../tensor';

/** A number known to lie in [0, 1]. */
type Probability = number & { readonly __brand: 'probability' };
/** A real-valued score whose sigmoid is a probability. */
type Logit = number & { readonly __brand: 'logit' };

/** PyTorch clamps each log at -100 so that a confident wrong prediction costs 100, not infinity. */
const LOG_FLOOR = -100;
/** PyTorch's floor for p(1-p) in the BCE gradient. */
const GRAD_EPSILON = 1e-12;

const clampedLog = (x: number): number => Math.max(Math.log(x), LOG_FLOOR);
const sigmoid = (x: Logit): Probability => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))) as Probability;
/** log(1 + exp(-|x|)) + max(-x, 0) = -log(sigmoid(x)), without overflow for any x. */
const softplusNeg = (x: Logit): number => Math.log1p(Math.exp(-Math.abs(x))) + Math.max(-x, 0);

/** The log-likelihood of a label in [0, 1]; with a soft label both terms count. */
const bceSoftTerm = (t: number, p: number): number => t * clampedLog(p) + (1 - t) * clampedLog(1 - p);
const bceOf = (t: number, p: Probability): number => -bceSoftTerm(t, p);
const bceGradOf = (t: number, p: Probability): number => (p - t) / Math.max((1 - p) * p, GRAD_EPSILON);

const requireLabels = (targets: NumberArray): void =>
  requireInRange(targets, 'yTrue', 0, 1, 'label_out_of_range', 'labels must lie in [0, 1]');
const requireProbabilities = (predictions: NumberArray): void =>
  requireInRange(predictions, 'yPred', 0, 1, 'probability_out_of_range', 'predictions must be probabilities in [0, 1]; pass logits to bce-logits instead');

export const bce = elementwiseLoss({
  id: 'bce',
  name: 'binary cross-entropy',
  aliases: ['binary cross entropy', 'binary crossentropy', 'log loss', 'logistic loss', 'binary log loss', 'BCELoss', 'bce loss'],
  description: 'The negative log-likelihood of binary labels under predicted probabilities.',
  params: [],
  inputs: { yTrue: 'labels in [0, 1]', yPred: 'predicted probabilities in [0, 1]' },
  formula: { latex: '-[y\\log p + (1-y)\\log(1-p)]', words: 'minus the log of the probability given to the true label' },
  showsError: false,
  weightMean: () => 'scale',
  validate: (targets, predictions) => {
    requireLabels(targets);
    requireProbabilities(predictions);
  },
  kernel: () => ({ loss: (t, p) => bceOf(t, p as Probability), grad: (t, p) => bceGradOf(t, p as Probability) }),
  fastSum(targets, predictions) {
    let sum = 0;
    for (let i = 0; i < targets.length; i++) {
      const t = targets[i]!;
      const p = predictions[i]!;
      // An out-of-domain input poisons the sum with NaN; the validating path then names it.
      if (!(p >= 0 && p <= 1 && t >= 0 && t <= 1)) return NaN;
      sum -= t * Math.max(Math.log(p), LOG_FLOOR) + (1 - t) * Math.max(Math.log(1 - p), LOG_FLOOR);
    }
    return sum;
  },
  fastSumGrad(targets, predictions, _params, grad, divisor) {
    let sum = 0;
    const n = targets.length;
    for (let i = 0; i < n; i++) {
      const t = targets[i]!;
      const p = predictions[i]!;
      if (!(p >= 0 && p <= 1 && t >= 0 && t <= 1)) return NaN;
      // A label of 0 or 1 zeroes one of the two terms exactly, so one logarithm gives the same
      // value as two: the logarithms are most of the loop's time.
      sum -= t * (1 - t) === 0 ? Math.max(Math.log(t * p + (1 - t) * (1 - p)), LOG_FLOOR) : bceSoftTerm(t, p);
      grad[i] = (p - t) / (Math.max((1 - p) * p, GRAD_EPSILON) * divisor);
    }
    return sum;
  },
});

export const bceLogits = elementwiseLoss({
  id: 'bce-logits',
  name: 'binary cross-entropy with logits',
  aliases: ['bce with logits', 'bcewithlogits', 'BCEWithLogitsLoss', 'sigmoid cross entropy', 'binary cross entropy with logits', 'sigmoid loss'],
  description: 'Binary cross-entropy computed from logits in one numerically stable step.',
  params: [{ name: 'posWeight', type: 'number', default: 1, min: 0, description: 'Multiplies the loss of positive labels (neg/pos ratio balances classes).' }],
  inputs: { yTrue: 'labels in [0, 1]', yPred: 'logits (any real number)' },
  formula: {
    latex: '-[w_+ y\\log\\sigma(x) + (1-y)\\log(1-\\sigma(x))]',
    words: 'binary cross-entropy of sigmoid(logit), with positive labels weighted by posWeight',
  },
  showsError: false,
  weightMean: () => 'scale',
  validate: (targets) => requireLabels(targets),
  kernel: (params) => {
    const posWeight = params['posWeight'] as number;
    return {
      loss: (t, x) => (1 - t) * x + (1 + (posWeight - 1) * t) * softplusNeg(x as Logit),
      grad: (t, x) => (1 - t) - (1 + (posWeight - 1) * t) * (1 - sigmoid(x as Logit)),
    };
  },
});

function focalKernel(params: ResolvedParams): ElementKernel {
  const alpha = params['alpha'] as number;
  const gamma = params['gamma'] as number;
  const fromLogits = params['fromLogits'] === true;
  const alphaOf = (t: number): number => (alpha >= 0 ? alpha * t + (1 - alpha) * (1 - t) : 1);
  const parts = (t: number, input: number) => {
    const p = fromLogits ? sigmoid(input as Logit) : (input as Probability);
    const ce = fromLogits ? (1 - t) * input + softplusNeg(input as Logit) : bceOf(t, p);
    const miss = 1 - (p * t + (1 - p) * (1 - t));
    return { p, ce, miss };
  };
  return {
    loss: (t, input) => {
      const { ce, miss } = parts(t, input);
      return alphaOf(t) * miss ** gamma * ce;
    },
    grad: (t, input) => {
      const { p, ce, miss } = parts(t, input);
      const dp = fromLogits ? p * (1 - p) : 1;
      const dce = fromLogits ? p - t : bceGradOf(t, p);
      // d(miss^gamma)/d(input); zero where miss is 0, where gamma < 1 would otherwise give 0 · ∞.
      const dModulator = miss === 0 || gamma === 0 ? 0 : -gamma * miss ** (gamma - 1) * (2 * t - 1) * dp;
      return alphaOf(t) * (miss ** gamma * dce + dModulator * ce);
    },
  };
}

export const focal = elementwiseLoss({
  id: 'focal',
  name: 'focal loss',
  aliases: ['focal', 'focal loss', 'sigmoid focal loss', 'sigmoid_focal_loss'],
  description: 'Cross-entropy scaled by (1 - p_t)^gamma, so easy examples count less (torchvision sigmoid_focal_loss).',
  params: [
    { name: 'alpha', type: 'number', default: 0.25, max: 1, description: 'Weight of the positive class in [0, 1]; negative turns the alpha term off.' },
    { name: 'gamma', type: 'number', default: 2, min: 0, description: 'Focusing strength: 0 gives plain (alpha-weighted) cross-entropy.' },
    { name: 'fromLogits', type: 'boolean', default: true, description: 'Predictions are logits (true) or probabilities (false).' },
  ],
  inputs: { yTrue: 'labels in [0, 1]', yPred: 'logits (fromLogits) or probabilities' },
  formula: { latex: '-\\alpha_t (1 - p_t)^{\\gamma} \\log p_t', words: 'cross-entropy multiplied by alpha_t and by (1 - p_t) to the power gamma' },
  showsError: false,
  weightMean: () => 'scale',
  validate: (targets, predictions, params) => {
    requireLabels(targets);
    if (params['fromLogits'] !== true) requireProbabilities(predictions);
  },
  kernel: focalKernel,
});

const hingeAliases = { yTrue: 'labels in {-1, 1} (or {0, 1})', yPred: 'scores (any real number)' };

export const hinge = elementwiseLoss({
  id: 'hinge',
  name: 'hinge loss',
  aliases: ['hinge', 'hinge loss', 'svm loss'],
  description: 'max(0, 1 - y·score): zero once a point is on the right side with margin 1.',
  params: [],
  inputs: hingeAliases,
  formula: { latex: '\\max(0, 1 - y\\,\\hat y)', words: 'one minus label times score, or zero when that is negative' },
  showsError: false,
  weightMean: () => 'scale',
  validate: (targets) => void signLabels(targets, 'yTrue'),
  recodeTargets: (targets) => signLabels(targets, 'yTrue'),
  kernel: () => ({
    loss: (y, x) => Math.max(0, 1 - y * x),
    grad: (y, x) => (1 - y * x > 0 ? -y : 0),
    branch: (y, x) => (1 - y * x > 0 ? 'inside margin' : 'beyond margin'),
  }),
});

export const squaredHinge = elementwiseLoss({
  id: 'squared-hinge',
  name: 'squared hinge loss',
  aliases: ['squared hinge', 'squared hinge loss', 'l2 svm loss'],
  description: 'The hinge loss squared: smooth at the margin, harsher on large violations.',
  params: [],
  inputs: hingeAliases,
  formula: { latex: '\\max(0, 1 - y\\,\\hat y)^2', words: 'the hinge loss squared' },
  showsError: false,
  weightMean: () => 'scale',
  validate: (targets) => void signLabels(targets, 'yTrue'),
  recodeTargets: (targets) => signLabels(targets, 'yTrue'),
  kernel: () => ({
    loss: (y, x) => Math.max(0, 1 - y * x) ** 2,
    grad: (y, x) => -2 * y * Math.max(0, 1 - y * x),
  }),
});

