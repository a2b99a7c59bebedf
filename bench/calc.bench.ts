/**
 * The calculator on 1,000,000 elements of MSE and BCE: calculate() beside a plain for-loop over the
 * same Float64Arrays and beside TensorFlow.js's CPU backend on the same numbers, in one run.
 * Goals: calculate() within 1.5x of the loop, and at most half of TensorFlow.js's time.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { calculate } from '../src/core';
import { medianMs, ms, printTable, ratio } from './measure';

const N = 1_000_000;

function randomArrays(seed: number) {
  let state = seed;
  const next = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const yTrue = new Float64Array(N);
  const yPred = new Float64Array(N);
  const labels = new Float64Array(N);
  const probabilities = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    yTrue[i] = next() * 10;
    yPred[i] = yTrue[i]! + next() - 0.5;
    labels[i] = next() < 0.5 ? 0 : 1;
    probabilities[i] = 0.01 + 0.98 * next();
  }
  return { yTrue, yPred, labels, probabilities };
}

function loopMse(yTrue: Float64Array, yPred: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const e = yPred[i]! - yTrue[i]!;
    sum += e * e;
  }
  return sum / yTrue.length;
}

function loopBce(y: Float64Array, p: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum -= y[i]! * Math.log(p[i]!) + (1 - y[i]!) * Math.log(1 - p[i]!);
  return sum / y.length;
}

export async function run(): Promise<void> {
  await tf.setBackend('cpu');
  const data = randomArrays(42);
  const tfTrue = tf.tensor1d(Float32Array.from(data.yTrue));
  const tfPred = tf.tensor1d(Float32Array.from(data.yPred));
  const tfLabels = tf.tensor1d(Float32Array.from(data.labels));
  const tfProbabilities = tf.tensor1d(Float32Array.from(data.probabilities));

  const cases = [
    {
      loss: 'mse',
      ours: () => calculate({ loss: 'mse', inputs: { yTrue: data.yTrue, yPred: data.yPred } }),
      withGrad: () => calculate({ loss: 'mse', inputs: { yTrue: data.yTrue, yPred: data.yPred } }, { grad: true }),
      loop: () => loopMse(data.yTrue, data.yPred),
      tfjs: () => tf.tidy(() => tf.losses.meanSquaredError(tfTrue, tfPred).dataSync()),
    },
    {
      loss: 'bce',
      ours: () => calculate({ loss: 'bce', inputs: { yTrue: data.labels, yPred: data.probabilities } }),
      withGrad: () => calculate({ loss: 'bce', inputs: { yTrue: data.labels, yPred: data.probabilities } }, { grad: true }),
      loop: () => loopBce(data.labels, data.probabilities),
      tfjs: () => tf.tidy(() => tf.losses.logLoss(tfLabels, tfProbabilities).dataSync()),
    },
  ];
  const rows = cases.map((c) => {
    const ours = medianMs(c.ours);
    const loop = medianMs(c.loop);
    const tfjs = medianMs(c.tfjs);
    const withGrad = medianMs(c.withGrad);
    return [c.loss, ms(ours), ms(withGrad), ms(loop), ms(tfjs), ratio(ours / loop), ratio(ours / tfjs)];
  });
  process.stdout.write(`1,000,000 elements, median of 15 runs (ms); goals: ≤ 1.50x the loop, ≤ 0.50x TensorFlow.js\n\n`);
  printTable(['loss', 'calculate()', 'with grad', 'plain loop', 'tfjs-cpu', 'vs loop', 'vs tfjs'], rows);
  tf.dispose([tfTrue, tfPred, tfLabels, tfProbabilities]);
}
