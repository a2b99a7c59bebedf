import type { Reduction, StepRow } from './case';
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
  summedGrad: number[] | number[][] | undefined,
  rows: () => StepRow[],
): Evaluation {
  const divisor = reduction === 'mean' || reduction === 'batchmean' ? meanDivisor : 1;
  let total = 0;
  for (let i = 0; i < perRow.length; i++) total += perRow[i]!;
  const evaluation: Evaluation = { value: reduction === 'none' ? Array.from(perRow) : total / divisor };
  if (summedGrad && reduction !== 'none') evaluation.grad = scale(summedGrad, 1 / divisor);
  if (wanted.steps) {
    evaluation.rows = rows().slice(0, wanted.maxStepRows);
    evaluation.totalRows = perRow.length;
    evaluation.reduced = { losses: perRow, divisor };
  }
  return evaluation;
}

function scale(grad: number[] | number[][], factor: number): number[] | number[][] {
  if (factor === 1) return grad;
  return grad.map((entry) => (typeof entry === 'number' ? entry * factor : entry.map((v) => v * factor))) as number[] | number[][];
}
