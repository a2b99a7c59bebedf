import { CalcError } from './calc-error';
import type { CalcResult, CalculateOptions, LossCase } from './case';
import type { LossDefinition, Wanted } from './loss-definition';
import { resolveParams } from './param-spec';
import { reductionExpression, requireReduction } from './reduction';

export const DEFAULT_MAX_STEP_ROWS = 20;

export function requireInputs(lossCase: LossCase): LossCase['inputs'] {
  if (typeof lossCase.inputs !== 'object' || lossCase.inputs === null || Array.isArray(lossCase.inputs)) {
    throw new CalcError('missing_input', 'the case has no "inputs" object: give inputs such as {"yTrue": [...], "yPred": [...]}.', 'inputs');
  }
  return lossCase.inputs;
}

/** One loss, one case: parameters and reduction checked, then the loss's own evaluation. */
export function calculateSingle(definition: LossDefinition, lossCase: LossCase, options: CalculateOptions = {}): CalcResult {
  const params = resolveParams(definition.id, definition.params, lossCase.params as Record<string, unknown> | undefined);
  const reduction = requireReduction(definition.id, lossCase.reduction, definition.reductions);
  const wanted: Wanted = { grad: options.grad === true, steps: options.steps === true, maxStepRows: options.maxStepRows ?? DEFAULT_MAX_STEP_ROWS };
  if (options.gradInto) wanted.gradInto = options.gradInto;
  const evaluation = definition.evaluate(requireInputs(lossCase), params, reduction, wanted);
  const result: CalcResult = { value: evaluation.value };
  if (evaluation.grad) {
    result.grad = evaluation.grad;
    result.gradOf = definition.gradOf;
  }
  if (wanted.steps && evaluation.rows && evaluation.reduced) {
    const { losses, divisor, expression } = evaluation.reduced;
    result.steps = {
      formula: definition.formula,
      rows: evaluation.rows,
      truncated: (evaluation.totalRows ?? evaluation.rows.length) > evaluation.rows.length,
      reduction: { kind: reduction, expression: expression ?? reductionExpression(reduction, losses, divisor, evaluation.value), value: evaluation.value },
    };
  }
  return result;
}
