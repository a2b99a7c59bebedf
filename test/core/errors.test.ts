import { describe, expect, it } from 'vitest';
import { calculate, CalcError, type CalcErrorCode, type LossCase } from '../../src/core';

function codeOf(lossCase: LossCase): CalcErrorCode | 'no error' {
  try {
    calculate(lossCase, { grad: true, steps: true });
    return 'no error';
  } catch (error) {
    expect(error).toBeInstanceOf(CalcError);
    return (error as CalcError).code;
  }
}

const values = (yTrue: unknown, yPred: unknown) => ({ yTrue, yPred }) as LossCase['inputs'];

describe('bad input is refused with a typed error, never NaN', () => {
  const cases: [string, LossCase, CalcErrorCode][] = [
    ['lengths that differ', { loss: 'mse', inputs: values([1, 2, 3], [1, 2]) }, 'length_mismatch'],
    ['empty input', { loss: 'mae', inputs: values([], []) }, 'empty_input'],
    ['ragged rows', { loss: 'cross-entropy', inputs: values([0, 1], [[1, 2, 3], [1, 2]]) }, 'ragged_rows'],
    ['a NaN prediction', { loss: 'mse', inputs: values([1, 2], [1, Number.NaN]) }, 'non_finite'],
    ['an infinite target', { loss: 'huber', inputs: values([Number.POSITIVE_INFINITY], [1]) }, 'non_finite'],
    ['a probability above 1', { loss: 'bce', inputs: values([1, 0], [0.5, 1.2]) }, 'probability_out_of_range'],
    ['a negative probability', { loss: 'dice', inputs: values([1, 0], [-0.1, 0.5]) }, 'probability_out_of_range'],
    ['a label outside [0, 1]', { loss: 'bce-logits', inputs: values([2], [0.3]) }, 'label_out_of_range'],
    ['a hinge label of 3', { loss: 'hinge', inputs: values([3, -1], [0.2, 0.1]) }, 'label_out_of_range'],
    ['a class index out of range', { loss: 'cross-entropy', inputs: values([0, 3], [[1, 2, 3], [3, 2, 1]]) }, 'class_out_of_range'],
    ['a fractional class index', { loss: 'nll', inputs: values([0.5], [[-0.1, -2]]) }, 'class_out_of_range'],
    ['a zero target for MAPE', { loss: 'mape', inputs: values([1, 0], [1, 1]) }, 'zero_target'],
    ['a negative value for MSLE', { loss: 'msle', inputs: values([1, -2], [1, 1]) }, 'negative_value'],
    ['a zero variance', { loss: 'gaussian-nll', inputs: { yTrue: [1], yPred: [1], var: [0] } }, 'non_positive_variance'],
    ['an unknown loss', { loss: 'mean squirrel error', inputs: values([1], [1]) }, 'unknown_loss'],
    ['an unknown parameter (a typo)', { loss: 'huber', params: { deltta: 1 }, inputs: values([1], [1]) }, 'unknown_param'],
    ['an invalid parameter value', { loss: 'huber', params: { delta: -1 }, inputs: values([1], [1]) }, 'invalid_param'],
    ['a quantile above 1', { loss: 'pinball', params: { quantile: 1.5 }, inputs: values([1], [1]) }, 'invalid_param'],
    ['class weights of the wrong length', { loss: 'cross-entropy', params: { classWeights: [1, 2] }, inputs: values([0], [[1, 2, 3]]) }, 'invalid_param'],
    ['an unknown reduction', { loss: 'mse', reduction: 'median' as never, inputs: values([1], [1]) }, 'unknown_reduction'],
    ['batchmean on a loss other than kl-div', { loss: 'mse', reduction: 'batchmean', inputs: values([1], [1]) }, 'unknown_reduction'],
    ['a missing input', { loss: 'mse', inputs: { yTrue: [1] } }, 'missing_input'],
    ['every row ignored', { loss: 'cross-entropy', inputs: values([-100], [[1, 2]]) }, 'invalid_input'],
    ['a combined loss without terms', { loss: 'combined', inputs: values([1], [1]) }, 'missing_input'],
    ['a negative term weight', { loss: 'combined', inputs: values([1], [2]), terms: [{ weight: -1, loss: 'mse' }] }, 'invalid_param'],
    ['an unknown loss inside a combined term', { loss: 'combined', inputs: values([1], [2]), terms: [{ weight: 1, loss: 'msee' }] }, 'unknown_loss'],
    ['reduction none inside a combined term', { loss: 'combined', inputs: values([1], [2]), terms: [{ weight: 1, loss: 'mse', reduction: 'none' as never }] }, 'unknown_reduction'],
    ['a Q of zero where P has mass', { loss: 'kl-div', inputs: values([[0.5, 0.5]], [[1, 0]]) }, 'probability_out_of_range'],
  ];
  for (const [what, lossCase, code] of cases) {
    it(`refuses ${what} with ${code}`, () => {
      expect(codeOf(lossCase)).toBe(code);
    });
  }

  it('names the input and the rule in the message', () => {
    expect(() => calculate({ loss: 'bce', inputs: values([1, 0, 1], [0.2, 0.4, 1.5]) })).toThrow(
      'inputs.yPred[2] is 1.5: predictions must be probabilities in [0, 1]; pass logits to bce-logits instead.',
    );
  });

  it('suggests the parameter that was meant', () => {
    expect(() => calculate({ loss: 'focal', params: { gamme: 2 }, inputs: values([1], [0.3]) })).toThrow('focal has no parameter "gamme": did you mean gamma?');
  });

  it('suggests the loss that was meant', () => {
    expect(() => calculate({ loss: 'hubr', inputs: values([1], [1]) })).toThrow(/did you mean huber/);
  });

  it('names the offending element on the fast path too', () => {
    const yPred = new Float64Array(1000).fill(0.5);
    yPred[737] = Number.NaN;
    expect(() => calculate({ loss: 'bce', inputs: { yTrue: new Float64Array(1000), yPred } })).toThrow('inputs.yPred[737] is NaN');
  });

  it('refuses an overflow instead of answering infinity', () => {
    expect(codeOf({ loss: 'mse', inputs: values([0], [1e200]) })).toBe('non_finite');
  });
});
