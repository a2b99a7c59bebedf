import type { Reduction, StepRow } from './case';
import type { Gradient } from './gradient';
import type { Evaluation, Wanted } from './loss-definition';

/**
 * Reduces per-row (or per-element) losses and scales a gradient that was accumulated as the sum
 * over rows, for the losses that are not elementwise.
 */
export function reduceRows(
  perRow: Float64Array,
  reduction: Reduction,
  meanDivisor: number,
  wanted: Wanted,
  summedGrad: Gradient | undefined,
  rows: () => StepRow[],
): Evaluation {
  const divisor = reduction === 'mean' || reduction === 'batchmean' ? meanDivisor : 1;
  let total = 0;
  for (let i = 0; i < perRow.length; i++) total += perRow[i]!;
  const evaluation: Evaluation = { value: reduction === 'none' ? Array.from(perRow) : total / divisor };
  if (wanted.steps) {
    evaluation.rows = rows().slice(0, wanted.maxStepRows);
    evaluation.totalRows = perRow.length;
    evaluation.reduced = { losses: perRow, divisor };
  }
  // After the rows: they read the summed gradient, which is scaled where it lies.
  if (summedGrad && reduction !== 'none') evaluation.grad = divisor === 1 ? summedGrad : scaleInPlace(summedGrad, 1 / divisor);
  return evaluation;
}

/** The summed gradient is the loss's own scratch array, so it is scaled without a copy. */
function scaleInPlace(grad: Gradient, factor: number): Gradient {
  const data = grad.data;
  for (let i = 0; i < data.length; i++) data[i] = data[i]! * factor;
  return grad;
}
