import { CalcError } from './calc-error';
import type { CalcResult, CalculateOptions, CombinedTerm, LossCase, TermResult } from './case';
import { formatNumber } from './number-format';
import { combinedInfo, resolveLoss, singleLoss } from './registry';
import { calculateSingle, requireInputs } from './single-loss';

function requireTerms(lossCase: LossCase): readonly CombinedTerm[] {
  const terms = lossCase.terms;
  if (!Array.isArray(terms) || terms.length === 0) {
    throw new CalcError('missing_input', 'a combined loss needs "terms": a list such as [{"weight": 0.7, "loss": "mse"}, {"weight": 0.3, "loss": "mae"}].', 'terms');
  }
  return terms;
}

function requireWeight(term: CombinedTerm, index: number): number {
  if (typeof term.weight !== 'number' || !Number.isFinite(term.weight) || term.weight < 0) {
    throw new CalcError('invalid_param', `terms[${index}].weight is ${JSON.stringify(term.weight)}: each weight must be a number of 0 or more.`, `terms[${index}].weight`);
  }
  return term.weight;
}

function termCase(term: CombinedTerm, index: number, shared: LossCase['inputs'] | undefined): LossCase {
  const inputs = term.inputs ?? shared;
  if (!inputs) throw new CalcError('missing_input', `terms[${index}] has no inputs and the combined case has none to share: give the term "inputs" or the case "inputs".`, `terms[${index}].inputs`);
  if ((term.reduction as string | undefined) === 'none') {
    throw new CalcError('unknown_reduction', `terms[${index}] asks for reduction "none": a term of a combined loss must reduce to one number (mean or sum).`, `terms[${index}].reduction`);
  }
  return { loss: term.loss, params: term.params ?? {}, reduction: term.reduction ?? 'mean', inputs };
}

/**
 * λ1·L1 + λ2·L2 + …, with each term's value, weighted value, share of the total and gradient:
 * raising a weight raises that term's share of the loss and of every gradient step.
 */
export function calculateCombined(lossCase: LossCase, options: CalculateOptions = {}): CalcResult {
  const terms = requireTerms(lossCase);
  if (lossCase.params && Object.keys(lossCase.params).length > 0) {
    throw new CalcError('unknown_param', `combined has no parameters of its own (got ${Object.keys(lossCase.params).join(', ')}): put parameters on each term.`, 'params');
  }
  if (lossCase.reduction !== undefined && !combinedInfo.reductions.includes(lossCase.reduction)) {
    throw new CalcError('unknown_reduction', `combined does not take reduction "${lossCase.reduction}": the terms are always added with their weights; give each term its own reduction.`, 'reduction');
  }
  const shared = lossCase.inputs && Object.keys(lossCase.inputs).length > 0 ? requireInputs(lossCase) : undefined;
  const results = terms.map((term, index) => {
    const weight = requireWeight(term, index);
    const id = resolveLoss(term.loss);
    const definition = singleLoss(id);
    if (!definition) throw new CalcError('invalid_input', `terms[${index}] is itself a combined loss: list its terms in the outer combination instead.`, `terms[${index}].loss`);
    const { gradInto: _shared, ...termOptions } = options;
    const result = calculateSingle(definition, { ...termCase(term, index, shared), loss: id }, termOptions);
    return { term, weight, id, result };
  });
  const value = results.reduce((sum, { weight, result }) => sum + weight * (result.value as number), 0);
  const termResults: TermResult[] = results.map(({ term, weight, id, result }) => {
    const weighted = weight * (result.value as number);
    const entry: TermResult = { loss: id, weight, value: result.value as number, weighted, share: value === 0 ? 0 : weighted / value };
    if (term.label !== undefined) entry.label = term.label;
    if (result.grad) entry.grad = result.grad.scaled(weight);
    if (result.steps) entry.steps = result.steps;
    return entry;
  });
  const combinedResult: CalcResult = { value, terms: termResults };
  const everyTermShares = terms.every((term) => term.inputs === undefined);
  if (options.grad && everyTermShares && termResults.every((t) => t.grad)) {
    combinedResult.grad = termResults.map((t) => t.grad!).reduce((sum, grad) => sum.plus(grad));
    combinedResult.gradOf = 'yPred';
  }
  if (options.steps) {
    const expression = termResults.map((t) => `${formatNumber(t.weight)} × ${formatNumber(t.value)}`).join(' + ');
    combinedResult.steps = {
      formula: combinedInfo.formula,
      rows: termResults.map((t, index) => ({ index, target: t.weight, prediction: t.value, loss: t.weighted, branch: t.label ?? t.loss })),
      truncated: false,
      reduction: { kind: 'sum', expression: `${expression} = ${formatNumber(value)}`, value },
    };
  }
  return combinedResult;
}
