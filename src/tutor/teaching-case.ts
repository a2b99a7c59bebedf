/**
 * A small case for an item whose note names a loss but brings no example of its own (a learner's
 * numbered list, say). The numbers are teaching-sized; the calculator still computes every result.
 */
import type { LossCase } from '../core/case';

const regression = { yTrue: [3, 4, 5], yPred: [2.5, 4, 6] };
const probabilities = { yTrue: [1, 0, 1], yPred: [0.9, 0.2, 0.6] };
const logits = { yTrue: [1, 0, 1], yPred: [2, -1, 0.5] };
const margins = { yTrue: [1, -1, 1], yPred: [0.8, -2, -0.3] };
const classRows = { yTrue: [0, 2], yPred: [[2, 1, 0.1], [0.5, 0.2, 1.5]] };

const inputsByLoss: Record<string, LossCase['inputs']> = {
  mse: regression, mae: regression, rmse: regression, huber: regression, 'smooth-l1': regression,
  'log-cosh': regression, msle: regression, mape: regression, pinball: regression,
  bce: probabilities, 'bce-logits': logits, focal: logits,
  hinge: margins, 'squared-hinge': margins,
  'cross-entropy': classRows,
};

/** "balance quality and quantity", "quality against quantity", "between speed and accuracy". */
function twoGoals(text: string): [string, string] {
  const match = /(?:balance|between|trade(?:s|-off)?(?: off)?)\s+(?:the\s+)?([a-z]+)\s+(?:and|against|with|versus)\s+(?:the\s+)?([a-z]+)/i.exec(text)
    ?? /\b([a-z]+)\s+against\s+([a-z]+)/i.exec(text);
  return match?.[1] && match[2] ? [match[1].toLowerCase(), match[2].toLowerCase()] : ['goal A', 'goal B'];
}

export function teachingCase(loss: string, claim: string): LossCase | undefined {
  if (loss === 'combined') {
    const [first, second] = twoGoals(claim);
    return {
      loss: 'combined',
      inputs: {},
      terms: [
        { label: first, weight: 0.7, loss: 'mse', inputs: { yTrue: [3, 4, 5], yPred: [2.5, 4, 6] } },
        { label: second, weight: 0.3, loss: 'mae', inputs: { yTrue: [10, 12], yPred: [8, 12] } },
      ],
    };
  }
  const inputs = inputsByLoss[loss];
  return inputs ? { loss, inputs } : undefined;
}
