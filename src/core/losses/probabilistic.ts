import { CalcError } from '../calc-error';
import { Gradient } from '../gradient';
import type { LossDefinition } from '../loss-definition';
import { reduceRows } from '../row-reduction';
import { flatten, requireFinite, requireInput, requireSameShape, unflatten } from '../tensor';
import { mse } from './regression';

export const rmse: LossDefinition = {
  id: 'rmse',
  name: 'root mean squared error',
  aliases: ['root mean squared error', 'root mean square error', 'RootMeanSquaredError'],
  description: 'The square root of the MSE: the typical error, in the units of the target.',
  params: [],
  inputs: { yTrue: 'target values', yPred: 'predicted values' },
  reductions: ['mean', 'none'],
  gradOf: 'yPred',
  formula: { latex: '\\sqrt{\\frac{1}{n}\\sum_i (\\hat y_i - y_i)^2}', words: 'the square root of the mean squared error' },
  evaluate(inputs, _params, reduction, wanted) {
    const base = mse.evaluate(inputs, { weightNormalization: 'sum-of-weights' }, reduction, wanted);
    if (reduction === 'none') return { ...base, value: (base.value as number[]).map(Math.sqrt) };
    const value = Math.sqrt(base.value as number);
    const evaluation = { ...base, value };
    // d sqrt(m) = dm / (2 sqrt(m)); at a perfect fit the subgradient 0 is used.
    if (base.grad) evaluation.grad = base.grad.scaled(value === 0 ? 0 : 1 / (2 * value));
    return evaluation;
  },
};

export const gaussianNll: LossDefinition = {
  id: 'gaussian-nll',
  name: 'Gaussian negative log-likelihood',
  aliases: ['gaussian nll', 'gaussian negative log likelihood', 'GaussianNLLLoss', 'heteroscedastic loss'],
  description: 'The negative log-likelihood of targets under a normal distribution with predicted mean and variance.',
  params: [
    { name: 'full', type: 'boolean', default: false, description: 'Add the constant 0.5·log(2π).' },
    { name: 'eps', type: 'number', default: 1e-6, min: 0, exclusiveMin: true, description: 'Variances are clamped to at least eps.' },
  ],
  inputs: { yTrue: 'target values', yPred: 'predicted means', var: 'predicted variances, positive (one per element, or one for all)' },
  reductions: ['mean', 'sum', 'none'],
  gradOf: 'yPred',
  formula: {
    latex: '\\tfrac12\\left(\\log\\max(\\sigma^2,\\epsilon) + \\frac{(\\hat y - y)^2}{\\max(\\sigma^2,\\epsilon)}\\right)',
    words: 'half of (log variance + squared error / variance)',
  },
  evaluate(inputs, params, reduction, wanted) {
    const targets = flatten(requireInput(inputs.yTrue, 'yTrue', 'target values'), 'yTrue');
    const means = flatten(requireInput(inputs.yPred, 'yPred', 'predicted means'), 'yPred');
    const variances = flatten(requireInput(inputs.var, 'var', 'predicted variances'), 'var');
    requireSameShape(targets.shape, 'yTrue', means.shape, 'yPred');
    const shared = variances.data.length === 1;
    if (!shared) requireSameShape(variances.shape, 'var', means.shape, 'yPred');
    requireFinite(targets.data, 'yTrue');
    requireFinite(means.data, 'yPred');
    requireFinite(variances.data, 'var');
    for (let i = 0; i < variances.data.length; i++) {
      if (variances.data[i]! <= 0) throw new CalcError('non_positive_variance', `inputs.var[${i}] is ${variances.data[i]}: a variance must be positive.`, `inputs.var[${i}]`);
    }
    const eps = params['eps'] as number;
    const constant = params['full'] === true ? 0.5 * Math.log(2 * Math.PI) : 0;
    const n = means.data.length;
    const perElement = new Float64Array(n);
    const grad = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = Math.max(variances.data[shared ? 0 : i]!, eps);
      const e = means.data[i]! - targets.data[i]!;
      perElement[i] = 0.5 * (Math.log(v) + (e * e) / v) + constant;
      grad[i] = e / v;
    }
    const evaluation = reduceRows(perElement, reduction, n, wanted, wanted.grad ? Gradient.of(grad, means.shape) : undefined, () =>
      Array.from({ length: Math.min(n, wanted.maxStepRows) }, (_, i) => ({
        index: i,
        target: targets.data[i]!,
        prediction: means.data[i]!,
        error: means.data[i]! - targets.data[i]!,
        loss: perElement[i]!,
        ...(wanted.grad && reduction !== 'none' ? { grad: grad[i]! / (reduction === 'mean' ? n : 1) } : {}),
      })),
    );
    if (reduction === 'none') evaluation.value = unflatten(perElement, means.shape) as number[];
    return evaluation;
  },
};
