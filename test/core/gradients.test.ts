import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculate, losses, type LossCase, type LossInputs } from '../../src/core';

/**
 * Every analytic gradient against a central finite difference of the loss itself, on random
 * inputs inside each loss's domain. Inputs keep away from kinks (|e| near delta, margins), where
 * a finite difference straddles two branches.
 */
const h = 1e-6;
const float = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const vector = (n: number, min: number, max: number) => fc.array(float(min, max), { minLength: n, maxLength: n });
const matrix = (rows: number, cols: number, min: number, max: number) => fc.array(vector(cols, min, max), { minLength: rows, maxLength: rows });
const probabilityRows = (rows: number, cols: number) =>
  matrix(rows, cols, 0.05, 1).map((m) => m.map((row) => row.map((v) => v / row.reduce((a, b) => a + b, 0))));

type Generator = fc.Arbitrary<LossCase>;
const n = 5;
/** A number at least 0.1 away from zero: offsets that keep a prediction off its target's kink. */
const away = fc.tuple(float(0.1, 2), fc.boolean()).map(([size, negative]) => (negative ? -size : size));
const offsets = (count: number) => fc.array(away, { minLength: count, maxLength: count });
/** Targets, and predictions that differ from each target by at least 0.1. */
const pair = (min: number, max: number) =>
  fc.tuple(vector(n, min, max), offsets(n)).map(([yTrue, offset]) => [yTrue, yTrue.map((t, i) => t + offset[i]!)] as const);
const elementwise = (loss: string, params: Record<string, number>, min = -3, max = 3): Generator =>
  pair(min, max).map(([yTrue, yPred]) => ({ loss, params, inputs: { yTrue, yPred } }));
/** Rows whose entries are distinct enough that no max or norm sits on a tie. */
const spreadRows = (rows: number, cols: number) =>
  fc.array(fc.tuple(float(-2, 2), offsets(cols)), { minLength: rows, maxLength: rows }).map((list) =>
    list.map(([base, offset]) => offset.map((o, j) => base + o + j * 0.37)),
  );
const labels = fc.array(fc.constantFrom(0, 1), { minLength: n, maxLength: n });
const signs = fc.array(fc.constantFrom(-1, 1), { minLength: 3, maxLength: 3 });
const indices = (rows: number, classes: number) => fc.array(fc.integer({ min: 0, max: classes - 1 }), { minLength: rows, maxLength: rows });

const generators: Record<string, Generator> = {
  mse: elementwise('mse', {}),
  mae: elementwise('mae', {}),
  rmse: elementwise('rmse', {}),
  huber: elementwise('huber', { delta: 1.5 }),
  'smooth-l1': elementwise('smooth-l1', { beta: 0.7 }),
  'log-cosh': elementwise('log-cosh', {}),
  msle: pair(2.5, 10).map(([yTrue, yPred]) => ({ loss: 'msle', inputs: { yTrue, yPred } })),
  mape: pair(0.5, 5).map(([yTrue, yPred]) => ({ loss: 'mape', inputs: { yTrue, yPred } })),
  pinball: elementwise('pinball', { quantile: 0.8 }),
  'poisson-nll': fc.tuple(vector(n, 0, 6), vector(n, -2, 2)).map(([yTrue, yPred]) => ({ loss: 'poisson-nll', inputs: { yTrue, yPred } })),
  'gaussian-nll': fc.tuple(vector(n, -3, 3), vector(n, -3, 3), vector(n, 0.1, 4)).map(([yTrue, yPred, v]) => ({ loss: 'gaussian-nll', params: { full: true }, inputs: { yTrue, yPred, var: v } })),
  bce: fc.tuple(labels, vector(n, 0.02, 0.98)).map(([yTrue, yPred]) => ({ loss: 'bce', inputs: { yTrue, yPred } })),
  'bce-logits': fc.tuple(labels, vector(n, -6, 6)).map(([yTrue, yPred]) => ({ loss: 'bce-logits', params: { posWeight: 2.5 }, inputs: { yTrue, yPred } })),
  'cross-entropy': fc.tuple(indices(3, 4), matrix(3, 4, -4, 4)).map(([yTrue, yPred]) => ({ loss: 'cross-entropy', params: { classWeights: [1, 2, 0.5, 1.5], labelSmoothing: 0.1 }, inputs: { yTrue, yPred } })),
  'categorical-cross-entropy': fc.tuple(probabilityRows(3, 4), probabilityRows(3, 4)).map(([yTrue, yPred]) => ({ loss: 'categorical-cross-entropy', inputs: { yTrue, yPred } })),
  nll: fc.tuple(indices(3, 4), matrix(3, 4, -5, 0)).map(([yTrue, yPred]) => ({ loss: 'nll', inputs: { yTrue, yPred } })),
  'kl-div': fc.tuple(probabilityRows(2, 4), probabilityRows(2, 4)).map(([yTrue, yPred]) => ({ loss: 'kl-div', reduction: 'batchmean', inputs: { yTrue, yPred } })),
  hinge: fc.tuple(labels, vector(n, -3, 3)).map(([yTrue, yPred]) => ({ loss: 'hinge', inputs: { yTrue, yPred } })),
  'squared-hinge': fc.tuple(labels, vector(n, -3, 3)).map(([yTrue, yPred]) => ({ loss: 'squared-hinge', inputs: { yTrue, yPred } })),
  'categorical-hinge': fc.tuple(indices(3, 4), spreadRows(3, 4)).map(([classes, yPred]) => ({
    loss: 'categorical-hinge',
    inputs: { yTrue: classes.map((c) => [0, 1, 2, 3].map((j) => (j === c ? 1 : 0))), yPred },
  })),
  'multi-margin': fc.tuple(indices(3, 4), spreadRows(3, 4)).map(([yTrue, yPred]) => ({ loss: 'multi-margin', params: { p: 2 }, inputs: { yTrue, yPred } })),
  focal: fc.tuple(labels, vector(n, -4, 4)).map(([yTrue, yPred]) => ({ loss: 'focal', inputs: { yTrue, yPred } })),
  dice: fc.tuple(labels, vector(n, 0.05, 0.95)).map(([yTrue, yPred]) => ({ loss: 'dice', params: { squared: true }, inputs: { yTrue, yPred } })),
  jaccard: fc.tuple(labels, vector(n, 0.05, 0.95)).map(([yTrue, yPred]) => ({ loss: 'jaccard', inputs: { yTrue, yPred } })),
  tversky: fc.tuple(labels, vector(n, 0.05, 0.95)).map(([yTrue, yPred]) => ({ loss: 'tversky', params: { alpha: 0.7, beta: 0.3 }, inputs: { yTrue, yPred } })),
  triplet: fc.tuple(matrix(3, 4, -2, 2), spreadRows(3, 4), spreadRows(3, 4)).map(([anchor, toPositive, toNegative]) => ({
    loss: 'triplet',
    params: { margin: 5 },
    inputs: { anchor, positive: anchor.map((row, i) => row.map((a, j) => a + toPositive[i]![j]!)), negative: anchor.map((row, i) => row.map((a, j) => a + toNegative[i]![j]!)) },
  })),
  'cosine-embedding': fc.tuple(spreadRows(3, 4), spreadRows(3, 4), signs).map(([x1, x2, y]) => ({ loss: 'cosine-embedding', params: { margin: -1 }, inputs: { x1, x2, y } })),
  'margin-ranking': fc.tuple(vector(3, -3, 3), vector(3, -3, 3), signs).map(([x1, x2, y]) => ({ loss: 'margin-ranking', params: { margin: 10 }, inputs: { x1, x2, y } })),
  combined: pair(-3, 3).map(([yTrue, yPred]) => ({ loss: 'combined', inputs: { yTrue, yPred }, terms: [{ weight: 0.7, loss: 'mse' }, { weight: 0.3, loss: 'log-cosh' }] })),
};

function gradInput(lossCase: LossCase): keyof LossInputs {
  return lossCase.inputs.anchor ? 'anchor' : lossCase.inputs.x1 ? 'x1' : 'yPred';
}

function withNudge(lossCase: LossCase, input: keyof LossInputs, path: number[], delta: number): LossCase {
  const copy = structuredClone(lossCase);
  const target = copy.inputs[input] as number[] | number[][];
  if (path.length === 1) (target as number[])[path[0]!]! += delta;
  else (target as number[][])[path[0]!]![path[1]!]! += delta;
  return copy;
}

function finiteDifference(lossCase: LossCase): number[][] {
  const input = gradInput(lossCase);
  const values = lossCase.inputs[input] as number[] | number[][];
  const loss = (c: LossCase) => calculate(c).value as number;
  return values.map((entry, i) =>
    typeof entry === 'number'
      ? [(loss(withNudge(lossCase, input, [i], h)) - loss(withNudge(lossCase, input, [i], -h))) / (2 * h)]
      : entry.map((_, j) => (loss(withNudge(lossCase, input, [i, j], h)) - loss(withNudge(lossCase, input, [i, j], -h))) / (2 * h)),
  );
}

describe('gradients agree with a central finite difference', () => {
  it('covers every loss the calculator knows', () => {
    expect(Object.keys(generators).sort()).toEqual(losses.map((loss) => loss.id).sort());
  });

  for (const [id, generator] of Object.entries(generators)) {
    it(`for ${id}`, () => {
      fc.assert(
        fc.property(generator, (lossCase) => {
          const grad = calculate(lossCase, { grad: true }).grad!;
          const nested = grad.toNested().map((g) => (typeof g === 'number' ? [g] : g));
          const numeric = finiteDifference(lossCase);
          const cols = numeric[0]!.length;
          expect(grad.data.length).toBe(numeric.length * cols);
          numeric.forEach((row, i) =>
            row.forEach((value, j) => {
              expect(nested[i]![j]!).toBeCloseTo(value, 4);
              expect(grad.data[i * cols + j]!).toBeCloseTo(value, 4);
            }),
          );
        }),
        { numRuns: 60, seed: 20261125 },
      );
    });
  }
});
