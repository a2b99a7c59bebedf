import { CalcError } from '../calc-error';
import type { NumberArray } from '../case';
import { elementwiseLoss, type ElementKernel } from '../elementwise';
import type { ResolvedParams } from '../param-spec';

const values = { yTrue: 'target values', yPred: 'predicted values' };
const sklearnMean = (): 'average' => 'average';
const sign = (x: number): number => (x > 0 ? 1 : x < 0 ? -1 : 0);

export const mse = elementwiseLoss({
  id: 'mse',
  name: 'mean squared error',
  aliases: ['mean squared error', 'mean square error', 'l2', 'l2 loss', 'quadratic loss', 'squared error', 'squared loss', 'MSELoss'],
  description: 'The average of the squared errors; large errors dominate.',
  params: [
    {
      name: 'weightNormalization',
      type: 'choice',
      choices: ['sum-of-weights', 'count'],
      default: 'sum-of-weights',
      description: 'With weights, divide by the sum of the weights (scikit-learn) or by the number of elements.',
    },
  ],
  inputs: values,
  formula: { latex: '\\frac{1}{n}\\sum_i (\\hat y_i - y_i)^2', words: 'the mean of the squared differences between prediction and target' },
  showsError: true,
  weightMean: (params) => (params['weightNormalization'] === 'count' ? 'scale' : 'average'),
  kernel: () => ({ loss: (t, p) => (p - t) * (p - t), grad: (t, p) => 2 * (p - t) }),
  fastSum(targets, predictions) {
    let sum = 0;
    for (let i = 0; i < targets.length; i++) {
      const e = predictions[i]! - targets[i]!;
      sum += e * e;
    }
    return sum;
  },
  fastSumGrad(targets, predictions, _params, grad, divisor) {
    // A multiplication per element, not a division, and one addition to the running sum per four
    // elements: adding each element to it makes every element wait for the addition before it
    // (about 4 cycles each), which held the loop at 1.7x a hand-written one. The odd elements come
    // first and nothing is computed after the loop: V8 compiles this function in the middle of its
    // first call, before any code after the loop has run, and code compiled without knowing the
    // types there would be thrown away at the end of every call.
    const slope = 2 / divisor;
    const n = targets.length;
    let sum = 0;
    let i = 0;
    for (; i < n % 4; i++) {
      const e = predictions[i]! - targets[i]!;
      sum += e * e;
      grad[i] = slope * e;
    }
    for (; i < n; i += 4) {
      const e0 = predictions[i]! - targets[i]!;
      const e1 = predictions[i + 1]! - targets[i + 1]!;
      const e2 = predictions[i + 2]! - targets[i + 2]!;
      const e3 = predictions[i + 3]! - targets[i + 3]!;
      sum += e0 * e0 + e1 * e1 + (e2 * e2 + e3 * e3);
      grad[i] = slope * e0;
      grad[i + 1] = slope * e1;
      grad[i + 2] = slope * e2;
      grad[i + 3] = slope * e3;
    }
    return sum;
  },
});

export const mae = elementwiseLoss({
  id: 'mae',
  name: 'mean absolute error',
  aliases: ['mean absolute error', 'l1', 'l1 loss', 'absolute error', 'L1Loss'],
  description: 'The average of the absolute errors; every unit of error costs the same.',
  params: [],
  inputs: values,
  formula: { latex: '\\frac{1}{n}\\sum_i |\\hat y_i - y_i|', words: 'the mean of the absolute differences between prediction and target' },
  showsError: true,
  weightMean: sklearnMean,
  kernel: () => ({ loss: (t, p) => Math.abs(p - t), grad: (t, p) => sign(p - t) }),
});

function huberKernel(params: ResolvedParams): ElementKernel {
  const delta = params['delta'] as number;
  return {
    loss: (t, p) => {
      const a = Math.abs(p - t);
      return a <= delta ? 0.5 * a * a : delta * (a - 0.5 * delta);
    },
    grad: (t, p) => (Math.abs(p - t) <= delta ? p - t : delta * sign(p - t)),
    branch: (t, p) => (Math.abs(p - t) <= delta ? 'quadratic' : 'linear'),
  };
}

export const huber = elementwiseLoss({
  id: 'huber',
  name: 'Huber loss',
  aliases: ['huber', 'huber loss', 'HuberLoss'],
  description: 'Quadratic for errors up to delta, linear beyond: MSE near zero, MAE for outliers.',
  params: [{ name: 'delta', type: 'number', default: 1, min: 0, exclusiveMin: true, description: 'Where the loss turns from quadratic to linear.' }],
  inputs: values,
  formula: {
    latex: '\\ell = \\begin{cases} \\tfrac12 e^2 & |e| \\le \\delta \\\\ \\delta(|e| - \\tfrac12\\delta) & \\text{otherwise} \\end{cases}',
    words: 'half the squared error while the error is within delta, and delta times (|error| - delta/2) beyond it',
  },
  showsError: true,
  weightMean: sklearnMean,
  kernel: huberKernel,
});

export const smoothL1 = elementwiseLoss({
  id: 'smooth-l1',
  name: 'smooth L1 loss',
  aliases: ['smooth l1', 'smooth l1 loss', 'SmoothL1Loss'],
  description: 'Huber loss divided by beta: quadratic below beta, L1 above.',
  params: [{ name: 'beta', type: 'number', default: 1, min: 0, description: 'Where the loss turns from quadratic to linear; 0 gives the L1 loss.' }],
  inputs: values,
  formula: {
    latex: '\\ell = \\begin{cases} 0.5 e^2/\\beta & |e| < \\beta \\\\ |e| - 0.5\\beta & \\text{otherwise} \\end{cases}',
    words: 'half the squared error over beta while the error is below beta, and |error| - beta/2 beyond it',
  },
  showsError: true,
  weightMean: sklearnMean,
  kernel: (params) => {
    const beta = params['beta'] as number;
    return {
      loss: (t, p) => {
        const a = Math.abs(p - t);
        return a < beta ? (0.5 * a * a) / beta : a - 0.5 * beta;
      },
      grad: (t, p) => (Math.abs(p - t) < beta ? (p - t) / beta : sign(p - t)),
      branch: (t, p) => (Math.abs(p - t) < beta ? 'quadratic' : 'linear'),
    };
  },
});

/** log(cosh(x)) = |x| + log1p(exp(-2|x|)) - log 2, which never overflows. */
const logCoshOf = (x: number): number => {
  const a = Math.abs(x);
  return a + Math.log1p(Math.exp(-2 * a)) - Math.LN2;
};

export const logCosh = elementwiseLoss({
  id: 'log-cosh',
  name: 'log-cosh loss',
  aliases: ['log cosh', 'logcosh', 'log-cosh loss', 'LogCosh'],
  description: 'log(cosh(error)): about e²/2 for small errors and |e| - log 2 for large ones, smooth everywhere.',
  params: [],
  inputs: values,
  formula: { latex: '\\frac{1}{n}\\sum_i \\log\\cosh(\\hat y_i - y_i)', words: 'the mean of the log of the hyperbolic cosine of the error' },
  showsError: true,
  weightMean: sklearnMean,
  kernel: () => ({ loss: (t, p) => logCoshOf(p - t), grad: (t, p) => Math.tanh(p - t) }),
});

function requireNonNegative(data: NumberArray, name: string): void {
  for (let i = 0; i < data.length; i++) {
    if (data[i]! < 0) throw new CalcError('negative_value', `inputs.${name}[${i}] is ${data[i]}: MSLE takes logarithms, so targets and predictions must be zero or more.`, `inputs.${name}[${i}]`);
  }
}

export const msle = elementwiseLoss({
  id: 'msle',
  name: 'mean squared logarithmic error',
  aliases: ['mean squared logarithmic error', 'mean squared log error', 'MeanSquaredLogarithmicError'],
  description: 'MSE of log(1 + value): relative errors count, suited to targets spanning orders of magnitude.',
  params: [],
  inputs: { yTrue: 'target values, zero or more', yPred: 'predicted values, zero or more' },
  formula: { latex: '\\frac{1}{n}\\sum_i (\\log(1+\\hat y_i) - \\log(1+y_i))^2', words: 'the mean of the squared differences of log(1 + value)' },
  showsError: true,
  weightMean: sklearnMean,
  validate: (targets, predictions) => {
    requireNonNegative(targets, 'yTrue');
    requireNonNegative(predictions, 'yPred');
  },
  kernel: () => ({
    loss: (t, p) => (Math.log1p(p) - Math.log1p(t)) ** 2,
    grad: (t, p) => (2 * (Math.log1p(p) - Math.log1p(t))) / (1 + p),
  }),
});

export const mape = elementwiseLoss({
  id: 'mape',
  name: 'mean absolute percentage error',
  aliases: ['mean absolute percentage error', 'MeanAbsolutePercentageError'],
  description: 'The average absolute error as a percentage of the target; undefined for zero targets.',
  params: [],
  inputs: { yTrue: 'target values, none of them zero', yPred: 'predicted values' },
  formula: { latex: '\\frac{100}{n}\\sum_i \\frac{|y_i - \\hat y_i|}{|y_i|}', words: '100 times the mean of |target - prediction| / |target|, in percent' },
  showsError: true,
  weightMean: sklearnMean,
  validate: (targets) => {
    for (let i = 0; i < targets.length; i++) {
      if (targets[i] === 0) throw new CalcError('zero_target', `inputs.yTrue[${i}] is 0: MAPE divides by the target, so no target may be zero; use MAE or sMAPE for data with zeros.`, `inputs.yTrue[${i}]`);
    }
  },
  kernel: () => ({ loss: (t, p) => (100 * Math.abs(t - p)) / Math.abs(t), grad: (t, p) => (100 * sign(p - t)) / Math.abs(t) }),
});

export const pinball = elementwiseLoss({
  id: 'pinball',
  name: 'pinball (quantile) loss',
  aliases: ['pinball', 'pinball loss', 'quantile', 'quantile loss', 'mean pinball loss'],
  description: 'An asymmetric absolute error whose minimiser is the chosen quantile of the target.',
  params: [{ name: 'quantile', type: 'number', default: 0.5, min: 0, max: 1, description: 'The quantile q in [0, 1] the prediction should estimate.' }],
  inputs: values,
  formula: { latex: '\\max(q (y - \\hat y), (q - 1)(y - \\hat y))', words: 'q times the shortfall when the prediction is too low, (1 - q) times the excess when it is too high' },
  showsError: true,
  weightMean: sklearnMean,
  kernel: (params) => {
    const q = params['quantile'] as number;
    return {
      loss: (t, p) => Math.max(q * (t - p), (q - 1) * (t - p)),
      grad: (t, p) => (t > p ? -q : t < p ? 1 - q : 0),
      branch: (t, p) => (t > p ? 'under-prediction' : t < p ? 'over-prediction' : 'exact'),
    };
  },
});

export const poissonNll = elementwiseLoss({
  id: 'poisson-nll',
  name: 'Poisson negative log-likelihood',
  aliases: ['poisson', 'poisson nll', 'poisson loss', 'PoissonNLLLoss'],
  description: 'The negative log-likelihood of counts under a Poisson rate (without the constant log(y!) term).',
  params: [
    { name: 'logInput', type: 'boolean', default: true, description: 'Predictions are log-rates (true) or rates (false).' },
    { name: 'eps', type: 'number', default: 1e-8, min: 0, description: 'Added to the rate before the log when logInput is false.' },
  ],
  inputs: { yTrue: 'observed counts', yPred: 'log-rates (logInput) or rates' },
  formula: { latex: '\\exp(\\hat y) - y\\,\\hat y \\;\\text{(log input)}, \\quad \\hat y - y\\log(\\hat y + \\epsilon) \\;\\text{(rates)}', words: 'the predicted rate minus the count times the log of the rate' },
  showsError: false,
  weightMean: sklearnMean,
  validate: (_targets, predictions, params) => {
    if (params['logInput'] === true) return;
    for (let i = 0; i < predictions.length; i++) {
      if (predictions[i]! < 0) throw new CalcError('negative_value', `inputs.yPred[${i}] is ${predictions[i]}: with logInput false the predictions are rates, which cannot be negative; pass log-rates with logInput true instead.`, `inputs.yPred[${i}]`);
    }
  },
  kernel: (params) => {
    const eps = params['eps'] as number;
    return params['logInput'] === true
      ? { loss: (t, p) => Math.exp(p) - t * p, grad: (t, p) => Math.exp(p) - t }
      : { loss: (t, p) => p - t * Math.log(p + eps), grad: (t, p) => 1 - t / (p + eps) };
  },
});

