import { CalcError } from '../calc-error';
import type { NumberArray } from '../case';
import { Gradient } from '../gradient';
import type { LossDefinition } from '../loss-definition';
import { reduceRows } from '../row-reduction';
import { flatten, requireFinite, requireInput, requireSameLength, toRows, type Rows } from '../tensor';

function readRows(value: Parameters<typeof toRows>[0] | undefined, name: string, what: string): Rows {
  const rows = toRows(requireInput(value, name, what), name);
  requireFinite(rows.data, name);
  return rows;
}

function requireSameRows(a: Rows, aName: string, b: Rows, bName: string): void {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new CalcError('length_mismatch', `inputs.${bName} is ${b.rows}×${b.cols} but inputs.${aName} is ${a.rows}×${a.cols}: they must have the same shape.`, `inputs.${bName}`);
  }
}

function readSigns(value: NumberArray | undefined, count: number): NumberArray {
  const y = requireInput(value, 'y', 'a label of 1 or -1 per pair');
  requireSameLength({ length: count }, 'x1', y, 'y');
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1 && y[i] !== -1) throw new CalcError('label_out_of_range', `inputs.y[${i}] is ${y[i]}: y must be 1 (similar / x1 first) or -1.`, `inputs.y[${i}]`);
  }
  return y;
}

const rowOf = (rows: Rows, r: number): number[] => Array.from(rows.data as ArrayLike<number>).slice(r * rows.cols, (r + 1) * rows.cols);

/** PyTorch's pairwise_distance: the p-norm of (u - v + eps), and its gradient with respect to u. */
function distance(u: Rows, v: Rows, r: number, p: number, eps: number, grad?: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < u.cols; k++) sum += Math.abs(u.data[r * u.cols + k]! - v.data[r * v.cols + k]! + eps) ** p;
  const d = sum ** (1 / p);
  if (grad) {
    for (let k = 0; k < u.cols; k++) {
      const z = u.data[r * u.cols + k]! - v.data[r * v.cols + k]! + eps;
      grad[k] = d === 0 ? 0 : (Math.sign(z) * Math.abs(z) ** (p - 1)) / d ** (p - 1);
    }
  }
  return d;
}

export const triplet: LossDefinition = {
  id: 'triplet',
  name: 'triplet margin loss',
  aliases: ['triplet', 'triplet loss', 'triplet margin', 'TripletMarginLoss'],
  description: 'Pulls an anchor toward a positive and pushes it from a negative until they differ by a margin.',
  params: [
    { name: 'margin', type: 'number', default: 1, min: 0, description: 'How much farther the negative must be than the positive.' },
    { name: 'p', type: 'number', default: 2, min: 1, description: 'The norm of the distance.' },
    { name: 'eps', type: 'number', default: 1e-6, min: 0, description: 'Added to the difference before the norm, as PyTorch does.' },
    { name: 'swap', type: 'boolean', default: false, description: 'Use the positive–negative distance when it is smaller (distance swap).' },
  ],
  inputs: { anchor: 'rows of anchor embeddings', positive: 'rows of positive embeddings', negative: 'rows of negative embeddings' },
  reductions: ['mean', 'sum', 'none'],
  gradOf: 'anchor',
  formula: { latex: '\\max(0, d(a,p) - d(a,n) + m)', words: 'the anchor–positive distance minus the anchor–negative distance plus the margin, or zero' },
  evaluate(inputs, params, reduction, wanted) {
    const anchor = readRows(inputs.anchor, 'anchor', 'rows of anchor embeddings');
    const positive = readRows(inputs.positive, 'positive', 'rows of positive embeddings');
    const negative = readRows(inputs.negative, 'negative', 'rows of negative embeddings');
    requireSameRows(anchor, 'anchor', positive, 'positive');
    requireSameRows(anchor, 'anchor', negative, 'negative');
    const [margin, p, eps] = [params['margin'] as number, params['p'] as number, params['eps'] as number];
    const perRow = new Float64Array(anchor.rows);
    const grad = wanted.grad ? new Float64Array(anchor.rows * anchor.cols) : undefined;
    const toPositive = new Float64Array(anchor.cols);
    const toNegative = new Float64Array(anchor.cols);
    const branches: string[] = [];
    for (let r = 0; r < anchor.rows; r++) {
      const dPositive = distance(anchor, positive, r, p, eps, toPositive);
      let dNegative = distance(anchor, negative, r, p, eps, toNegative);
      let swapped = false;
      if (params['swap'] === true) {
        const dSwap = distance(positive, negative, r, p, eps);
        if (dSwap < dNegative) [dNegative, swapped] = [dSwap, true];
      }
      perRow[r] = Math.max(0, dPositive - dNegative + margin);
      branches.push(perRow[r]! > 0 ? 'violates margin' : 'satisfied');
      if (grad && perRow[r]! > 0) {
        for (let k = 0; k < anchor.cols; k++) grad[r * anchor.cols + k] = toPositive[k]! - (swapped ? 0 : toNegative[k]!);
      }
    }
    const summed = grad ? new Gradient(grad, [anchor.rows, anchor.cols]) : undefined;
    return reduceRows(perRow, reduction, anchor.rows, wanted, summed, () =>
      Array.from({ length: anchor.rows }, (_, r) => ({ index: r, target: rowOf(positive, r), prediction: rowOf(anchor, r), loss: perRow[r]!, branch: branches[r]! })),
    );
  },
};

const EPSILON = 1e-12;

export const cosineEmbedding: LossDefinition = {
  id: 'cosine-embedding',
  name: 'cosine embedding loss',
  aliases: ['cosine embedding', 'cosine embedding loss', 'cosine loss', 'CosineEmbeddingLoss'],
  description: 'Makes similar pairs point the same way (1 - cos) and dissimilar pairs apart (cos above a margin).',
  params: [{ name: 'margin', type: 'number', default: 0, min: -1, max: 1, description: 'Dissimilar pairs cost nothing once their cosine is below this.' }],
  inputs: { x1: 'rows of first embeddings', x2: 'rows of second embeddings', y: '1 for similar pairs, -1 for dissimilar' },
  reductions: ['mean', 'sum', 'none'],
  gradOf: 'x1',
  formula: { latex: '\\begin{cases} 1 - \\cos(x_1, x_2) & y = 1 \\\\ \\max(0, \\cos(x_1, x_2) - m) & y = -1 \\end{cases}', words: 'one minus the cosine for similar pairs, the cosine above the margin for dissimilar ones' },
  evaluate(inputs, params, reduction, wanted) {
    const x1 = readRows(inputs.x1 as Parameters<typeof toRows>[0] | undefined, 'x1', 'rows of first embeddings');
    const x2 = readRows(inputs.x2 as Parameters<typeof toRows>[0] | undefined, 'x2', 'rows of second embeddings');
    requireSameRows(x1, 'x1', x2, 'x2');
    const y = readSigns(inputs.y, x1.rows);
    const margin = params['margin'] as number;
    const perRow = new Float64Array(x1.rows);
    const summed = new Float64Array(x1.rows * x1.cols);
    const cosines: number[] = [];
    for (let r = 0; r < x1.rows; r++) {
      let dot = 0;
      let square1 = EPSILON;
      let square2 = EPSILON;
      for (let k = 0; k < x1.cols; k++) {
        const a = x1.data[r * x1.cols + k]!;
        const b = x2.data[r * x2.cols + k]!;
        dot += a * b;
        square1 += a * a;
        square2 += b * b;
      }
      const norm = Math.sqrt(square1 * square2);
      const cos = dot / norm;
      cosines.push(cos);
      perRow[r] = y[r] === 1 ? 1 - cos : Math.max(0, cos - margin);
      const slope = y[r] === 1 ? -1 : cos > margin ? 1 : 0;
      for (let k = 0; k < x1.cols; k++) {
        const a = x1.data[r * x1.cols + k]!;
        summed[r * x1.cols + k] = slope * (x2.data[r * x2.cols + k]! / norm - (cos * a) / square1);
      }
    }
    return reduceRows(perRow, reduction, x1.rows, wanted, wanted.grad ? new Gradient(summed, [x1.rows, x1.cols]) : undefined, () =>
      Array.from({ length: x1.rows }, (_, r) => ({ index: r, target: y[r]!, prediction: cosines[r]!, loss: perRow[r]!, branch: `cos = ${cosines[r]!.toPrecision(6)}` })),
    );
  },
};

export const marginRanking: LossDefinition = {
  id: 'margin-ranking',
  name: 'margin ranking loss',
  aliases: ['margin ranking', 'ranking loss', 'pairwise ranking', 'MarginRankingLoss'],
  description: 'For each pair, the score that should rank higher (y = 1: x1) must lead by the margin.',
  params: [{ name: 'margin', type: 'number', default: 0, description: 'The lead the higher-ranked score must have.' }],
  inputs: { x1: 'first scores', x2: 'second scores', y: '1 when x1 should rank higher, -1 when x2 should' },
  reductions: ['mean', 'sum', 'none'],
  gradOf: 'x1',
  formula: { latex: '\\max(0, -y(x_1 - x_2) + m)', words: 'the margin minus the signed lead of the right score, or zero' },
  evaluate(inputs, params, reduction, wanted) {
    const x1 = flatten(requireInput(inputs.x1, 'x1', 'first scores'), 'x1').data;
    const x2 = flatten(requireInput(inputs.x2, 'x2', 'second scores'), 'x2').data;
    requireSameLength(x1, 'x1', x2, 'x2');
    requireFinite(x1, 'x1');
    requireFinite(x2, 'x2');
    const y = readSigns(inputs.y, x1.length);
    const margin = params['margin'] as number;
    const perRow = new Float64Array(x1.length);
    const summed = new Float64Array(x1.length);
    for (let i = 0; i < x1.length; i++) {
      perRow[i] = Math.max(0, -y[i]! * (x1[i]! - x2[i]!) + margin);
      summed[i] = perRow[i]! > 0 ? -y[i]! : 0;
    }
    return reduceRows(perRow, reduction, x1.length, wanted, wanted.grad ? new Gradient(summed, [x1.length]) : undefined, () =>
      Array.from({ length: x1.length }, (_, i) => ({ index: i, target: y[i]!, prediction: x1[i]! - x2[i]!, loss: perRow[i]! })),
    );
  },
};

