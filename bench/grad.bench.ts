/**
 * calculate() with its gradient over 1,000,000 elements (MSE, BCE, and cross-entropy over
 * 100,000 rows × 10 classes) beside plain loops that read the same inputs and write the same
 * gradient, written two ways: the fast way over module-level typed arrays into a gradient array
 * allocated once, and the current way, receiving the arrays as arguments and allocating the
 * gradient on every call, as calculate() does unless given `gradInto`, its own array to reuse.
 * Three rounds in one run; min / median / max.
 * Goal: calculate() with grad ≤ 1.5x each loop.
 */
import { calculate } from '../src/core';
import { medianMs, ms, printTable, ratio } from './measure';

const N = 1_000_000;
const CLASSES = 10;
const ROWS = N / CLASSES;
const ROUNDS = 3;

function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const next = seeded(42);
const yTrue = new Float64Array(N);
const yPred = new Float64Array(N);
const labels = new Float64Array(N);
const probabilities = new Float64Array(N);
const logits = new Float64Array(N);
const classes = new Float64Array(ROWS);
for (let i = 0; i < N; i++) {
  yTrue[i] = next() * 10;
  yPred[i] = yTrue[i]! + next() - 0.5;
  labels[i] = next() < 0.5 ? 0 : 1;
  probabilities[i] = 0.01 + 0.98 * next();
  logits[i] = 4 * next() - 2;
}
for (let r = 0; r < ROWS; r++) classes[r] = Math.floor(next() * CLASSES);
/** The fast loops' output, allocated once. */
const gradOut = new Float64Array(N);

// The fast way: the loops read module-level arrays, which V8 sees as one fixed typed array each.
function fastMse(): number {
  let sum = 0;
  for (let i = 0; i < N; i++) {
    const e = yPred[i]! - yTrue[i]!;
    sum += e * e;
    gradOut[i] = (2 * e) / N;
  }
  return sum / N;
}

function fastBce(): number {
  let sum = 0;
  for (let i = 0; i < N; i++) {
    const t = labels[i]!;
    const p = probabilities[i]!;
    sum -= t * Math.log(p) + (1 - t) * Math.log(1 - p);
    gradOut[i] = (p - t) / ((1 - p) * p) / N;
  }
  return sum / N;
}

function fastCrossEntropy(): number {
  let total = 0;
  for (let r = 0; r < ROWS; r++) {
    const offset = r * CLASSES;
    let max = -Infinity;
    for (let j = 0; j < CLASSES; j++) max = Math.max(max, logits[offset + j]!);
    let sum = 0;
    for (let j = 0; j < CLASSES; j++) sum += gradOut[offset + j] = Math.exp(logits[offset + j]! - max);
    const c = classes[r]!;
    total += max + Math.log(sum) - logits[offset + c]!;
    for (let j = 0; j < CLASSES; j++) gradOut[offset + j] = gradOut[offset + j]! / (sum * ROWS);
    gradOut[offset + c] = gradOut[offset + c]! - 1 / ROWS;
  }
  return total / ROWS;
}

// The current way: the arrays come in as arguments and the gradient is a new array per call.
function argumentMse(t: Float64Array, p: Float64Array): Float64Array {
  const grad = new Float64Array(t.length);
  let sum = 0;
  for (let i = 0; i < t.length; i++) {
    const e = p[i]! - t[i]!;
    sum += e * e;
    grad[i] = (2 * e) / t.length;
  }
  grad[0] = grad[0]! + 0 * sum;
  return grad;
}

function argumentBce(y: Float64Array, p: Float64Array): Float64Array {
  const grad = new Float64Array(y.length);
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    sum -= y[i]! * Math.log(p[i]!) + (1 - y[i]!) * Math.log(1 - p[i]!);
    grad[i] = (p[i]! - y[i]!) / ((1 - p[i]!) * p[i]!) / y.length;
  }
  grad[0] = grad[0]! + 0 * sum;
  return grad;
}

function argumentCrossEntropy(x: Float64Array, c: Float64Array, cols: number): Float64Array {
  const rows = c.length;
  const grad = new Float64Array(x.length);
  let total = 0;
  for (let r = 0; r < rows; r++) {
    const offset = r * cols;
    let max = -Infinity;
    for (let j = 0; j < cols; j++) max = Math.max(max, x[offset + j]!);
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += grad[offset + j] = Math.exp(x[offset + j]! - max);
    total += max + Math.log(sum) - x[offset + c[r]!]!;
    for (let j = 0; j < cols; j++) grad[offset + j] = grad[offset + j]! / (sum * rows);
    grad[offset + c[r]!] = grad[offset + c[r]!]! - 1 / rows;
  }
  grad[0] = grad[0]! + 0 * total;
  return grad;
}

/** calculate()'s own output array, reused call after call as the fast loop reuses its own. */
const calcOut = new Float64Array(N);

const cases = [
  {
    loss: 'mse',
    ours: () => calculate({ loss: 'mse', inputs: { yTrue, yPred } }, { grad: true }),
    reusing: () => calculate({ loss: 'mse', inputs: { yTrue, yPred } }, { grad: true, gradInto: calcOut }),
    fast: fastMse,
    current: () => argumentMse(yTrue, yPred),
  },
  {
    loss: 'bce',
    ours: () => calculate({ loss: 'bce', inputs: { yTrue: labels, yPred: probabilities } }, { grad: true }),
    reusing: () => calculate({ loss: 'bce', inputs: { yTrue: labels, yPred: probabilities } }, { grad: true, gradInto: calcOut }),
    fast: fastBce,
    current: () => argumentBce(labels, probabilities),
  },
  {
    loss: 'cross-entropy 100,000 × 10',
    ours: () => calculate({ loss: 'cross-entropy', inputs: { yTrue: classes, yPred: { data: logits, shape: [ROWS, CLASSES] } } }, { grad: true }),
    reusing: () => calculate({ loss: 'cross-entropy', inputs: { yTrue: classes, yPred: { data: logits, shape: [ROWS, CLASSES] } } }, { grad: true, gradInto: calcOut }),
    fast: fastCrossEntropy,
    current: () => argumentCrossEntropy(logits, classes, CLASSES),
  },
];

const spread = (values: number[]): string => {
  const sorted = [...values].sort((a, b) => a - b);
  return `${ratio(sorted[0]!)} / ${ratio(sorted[1]!)} / ${ratio(sorted[sorted.length - 1]!)}`;
};

/** The gradients agree, so the loops and calculate() are doing the same work. */
function checkAgreement(): void {
  for (const c of cases) {
    const ours = c.ours().grad!.data;
    const current = c.current();
    c.fast();
    for (let i = 0; i < N; i += 9973) {
      const tolerance = 1e-9 * Math.max(1, Math.abs(current[i]!));
      if (Math.abs(ours[i]! - current[i]!) > tolerance || Math.abs(gradOut[i]! - current[i]!) > tolerance) {
        throw new Error(`${c.loss}: the gradients differ at ${i}: calculate ${ours[i]}, loop ${current[i]}, fast loop ${gradOut[i]}`);
      }
    }
  }
}

export async function run(): Promise<void> {
  checkAgreement();
  const results = cases.map(() => ({ ours: [] as number[], reusing: [] as number[], reusingVsFast: [] as number[], fast: [] as number[], current: [] as number[], vsFast: [] as number[], vsCurrent: [] as number[] }));
  for (let round = 0; round < ROUNDS; round++) {
    cases.forEach((c, i) => {
      const ours = medianMs(c.ours);
      const reusing = medianMs(c.reusing);
      const fast = medianMs(c.fast);
      const current = medianMs(c.current);
      const r = results[i]!;
      r.ours.push(ours);
      r.reusing.push(reusing);
      r.reusingVsFast.push(reusing / fast);
      r.fast.push(fast);
      r.current.push(current);
      r.vsFast.push(ours / fast);
      r.vsCurrent.push(ours / current);
    });
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[1]!;
  process.stdout.write(`1,000,000 elements, gradient included; each time the median of 15 calls (ms), median of ${ROUNDS} rounds; ratios min / median / max over the rounds. Goal: ≤ 1.50x both loops.\n\n`);
  printTable(
    ['loss', 'calculate() + grad', 'same, gradInto', 'fast loop', 'current-way loop', 'new array vs current-way loop', 'gradInto vs fast loop', 'new array vs fast loop'],
    cases.map((c, i) => {
      const r = results[i]!;
      return [c.loss, ms(median(r.ours)), ms(median(r.reusing)), ms(median(r.fast)), ms(median(r.current)), spread(r.vsCurrent), spread(r.reusingVsFast), spread(r.vsFast)];
    }),
  );
}
