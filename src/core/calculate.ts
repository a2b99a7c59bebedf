import { CalcError } from './calc-error';
import type { CalcResult, CalculateOptions, LossCase } from './case';
import { calculateCombined } from './combined';
import { resolveLoss, singleLoss } from './registry';
import { calculateSingle } from './single-loss';

/**
 * Computes one loss case: `{loss, params?, reduction?, inputs}` (and `terms` for a combined loss).
 * Gradients and worked steps cost nothing unless asked for. Throws CalcError on any bad input.
 */
export function calculate(lossCase: LossCase, options: CalculateOptions = {}): CalcResult {
  if (typeof lossCase !== 'object' || lossCase === null) {
    throw new CalcError('invalid_input', 'a case must be an object such as {"loss": "mse", "inputs": {"yTrue": [1, 2], "yPred": [1, 3]}}.');
  }
  const id = resolveLoss(lossCase.loss);
  const definition = singleLoss(id);
  return definition ? calculateSingle(definition, lossCase, options) : calculateCombined(lossCase, options);
}
