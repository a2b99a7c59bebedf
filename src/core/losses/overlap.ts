import type { LossInputs, Reduction } from '../case';
import type { Evaluation, LossDefinition, Wanted } from '../loss-definition';
import { formatNumber } from '../number-format';
import type { ResolvedParams } from '../param-spec';
import { Gradient } from '../gradient';
import { flatten, requireInRange, requireInput, requireSameShape } from '../tensor';

/** Soft overlap counts of a predicted mask p against a target mask t: the whole array is one mask. */
interface Overlap {
  /** Σ p·t */
  intersection: number;
  sumP: number;
  sumT: number;
  sumP2: number;
  sumT2: number;
}

/** A ratio N/D of overlap counts, with the derivatives of N and D with respect to p_i. */
interface OverlapRatio {
  numerator(o: Overlap): number;
  denominator(o: Overlap): number;
  dNumerator(p: number, t: number): number;
  dDenominator(p: number, t: number): number;
}

function readMasks(inputs: LossInputs) {
  const targets = flatten(requireInput(inputs.yTrue, 'yTrue', 'a target mask in [0, 1]'), 'yTrue');
  const predictions = flatten(requireInput(inputs.yPred, 'yPred', 'a predicted mask of probabilities'), 'yPred');
  requireSameShape(targets.shape, 'yTrue', predictions.shape, 'yPred');
  requireInRange(targets.data, 'yTrue', 0, 1, 'label_out_of_range', 'mask values must lie in [0, 1]');
  requireInRange(predictions.data, 'yPred', 0, 1, 'probability_out_of_range', 'predicted mask values must be probabilities in [0, 1]');
  return { targets: targets.data, predictions: predictions.data, shape: predictions.shape };
}

function overlapLoss(ratio: (params: ResolvedParams) => OverlapRatio) {
  return (inputs: LossInputs, params: ResolvedParams, _reduction: Reduction, wanted: Wanted): Evaluation => {
    const { targets, predictions, shape } = readMasks(inputs);
    const o: Overlap = { intersection: 0, sumP: 0, sumT: 0, sumP2: 0, sumT2: 0 };
    for (let i = 0; i < targets.length; i++) {
      const p = predictions[i]!;
      const t = targets[i]!;
      o.intersection += p * t;
      o.sumP += p;
      o.sumT += t;
      o.sumP2 += p * p;
      o.sumT2 += t * t;
    }
    const r = ratio(params);
    const numerator = r.numerator(o);
    const denominator = r.denominator(o);
    const value = denominator === 0 ? 0 : 1 - numerator / denominator;
    const evaluation: Evaluation = { value };
    if (wanted.grad) {
      const grad = new Float64Array(targets.length);
      if (denominator !== 0) {
        for (let i = 0; i < targets.length; i++) {
          const p = predictions[i]!;
          const t = targets[i]!;
          grad[i] = -(r.dNumerator(p, t) * denominator - numerator * r.dDenominator(p, t)) / (denominator * denominator);
        }
      }
      evaluation.grad = Gradient.of(grad, shape);
    }
    if (wanted.steps) {
      evaluation.rows = Array.from({ length: Math.min(targets.length, wanted.maxStepRows) }, (_, i) => ({
        index: i,
        target: targets[i]!,
        prediction: predictions[i]!,
        loss: predictions[i]! * targets[i]!,
        branch: 'p·t (overlap)',
      }));
      evaluation.totalRows = targets.length;
      evaluation.reduced = {
        losses: [value],
        divisor: 1,
        expression: `1 - ${formatNumber(numerator)} / ${formatNumber(denominator)} = ${formatNumber(value)}`,
      };
    }
    return evaluation;
  };
}

const maskInputs = { yTrue: 'target mask values in [0, 1]', yPred: 'predicted mask probabilities' };

export const dice: LossDefinition = {
  id: 'dice',
  name: 'Dice loss',
  aliases: ['dice', 'dice loss', 'soft dice', 'f1 loss', 'sorensen dice'],
  description: 'One minus the soft Dice coefficient (F1 score) of the predicted and target masks.',
  params: [
    { name: 'smooth', type: 'number', default: 1, min: 0, description: 'Added to numerator and denominator; keeps empty masks defined.' },
    { name: 'squared', type: 'boolean', default: false, description: 'Use Σp² + Σt² in the denominator (V-Net).' },
  ],
  inputs: maskInputs,
  reductions: ['mean', 'sum'],
  gradOf: 'yPred',
  formula: { latex: '1 - \\frac{2\\sum p t + s}{\\sum p + \\sum t + s}', words: 'one minus twice the overlap over the total size of both masks' },
  evaluate: overlapLoss((params) => {
    const s = params['smooth'] as number;
    const squared = params['squared'] === true;
    return {
      numerator: (o) => 2 * o.intersection + s,
      denominator: (o) => (squared ? o.sumP2 + o.sumT2 : o.sumP + o.sumT) + s,
      dNumerator: (_p, t) => 2 * t,
      dDenominator: (p) => (squared ? 2 * p : 1),
    };
  }),
};

export const jaccard: LossDefinition = {
  id: 'jaccard',
  name: 'Jaccard (IoU) loss',
  aliases: ['jaccard', 'jaccard loss', 'iou', 'iou loss', 'intersection over union', 'soft iou'],
  description: 'One minus the soft intersection over union of the predicted and target masks.',
  params: [{ name: 'smooth', type: 'number', default: 1, min: 0, description: 'Added to numerator and denominator; keeps empty masks defined.' }],
  inputs: maskInputs,
  reductions: ['mean', 'sum'],
  gradOf: 'yPred',
  formula: { latex: '1 - \\frac{I + s}{\\sum p + \\sum t - I + s}', words: 'one minus the overlap over the union' },
  evaluate: overlapLoss((params) => {
    const s = params['smooth'] as number;
    return {
      numerator: (o) => o.intersection + s,
      denominator: (o) => o.sumP + o.sumT - o.intersection + s,
      dNumerator: (_p, t) => t,
      dDenominator: (_p, t) => 1 - t,
    };
  }),
};

export const tversky: LossDefinition = {
  id: 'tversky',
  name: 'Tversky loss',
  aliases: ['tversky', 'tversky loss'],
  description: 'A Dice loss with separate weights for false positives (alpha) and false negatives (beta).',
  params: [
    { name: 'alpha', type: 'number', default: 0.5, min: 0, description: 'Weight of false positives.' },
    { name: 'beta', type: 'number', default: 0.5, min: 0, description: 'Weight of false negatives.' },
    { name: 'smooth', type: 'number', default: 1, min: 0, description: 'Added to numerator and denominator.' },
  ],
  inputs: maskInputs,
  reductions: ['mean', 'sum'],
  gradOf: 'yPred',
  formula: { latex: '1 - \\frac{TP + s}{TP + \\alpha FP + \\beta FN + s}', words: 'one minus true positives over true positives plus weighted false positives and false negatives' },
  evaluate: overlapLoss((params) => {
    const alpha = params['alpha'] as number;
    const beta = params['beta'] as number;
    const s = params['smooth'] as number;
    return {
      numerator: (o) => o.intersection + s,
      denominator: (o) => o.intersection + alpha * (o.sumP - o.intersection) + beta * (o.sumT - o.intersection) + s,
      dNumerator: (_p, t) => t,
      dDenominator: (_p, t) => t + alpha * (1 - t) - beta * t,
    };
  }),
};

