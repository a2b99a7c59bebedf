import { describe, expect, it } from 'vitest';
import { calculate, losses, resolveLoss, type Gradient } from '../../src/core';

const housePrices = { yTrue: [200000, 250000, 300000], yPred: [210000, 240000, 310000] };

describe('calculate', () => {
  it('reads typed arrays exactly as number arrays', () => {
    const plain = calculate({ loss: 'huber', params: { delta: 0.5 }, inputs: { yTrue: [0.1, 2, -1], yPred: [0.3, 0.5, -1.2] } }, { grad: true });
    const typed = calculate({ loss: 'huber', params: { delta: 0.5 }, inputs: { yTrue: new Float64Array([0.1, 2, -1]), yPred: new Float32Array([0.3, 0.5, -1.2]) } }, { grad: true });
    expect(typed.value).toBeCloseTo(plain.value as number, 6);
    expect(typed.grad?.shape).toEqual([3]);
    expect(typed.grad?.data).toBeInstanceOf(Float64Array);
    plain.grad!.data.forEach((g, i) => expect(typed.grad!.data[i]).toBeCloseTo(g, 6));
  });

  it('reads rows given as a Float64Array with a shape exactly as row arrays, and takes its gradient back in', () => {
    const logits = [[2, 0.5, -1], [0.1, 0.2, 3]];
    const nested = calculate({ loss: 'cross-entropy', inputs: { yTrue: [0, 2], yPred: logits } }, { grad: true });
    const shaped = calculate({ loss: 'cross-entropy', inputs: { yTrue: [0, 2], yPred: { data: new Float64Array(logits.flat()), shape: [2, 3] } } }, { grad: true });
    expect(shaped.value).toBe(nested.value);
    expect(shaped.grad?.toNested()).toEqual(nested.grad?.toNested());
    const again = calculate({ loss: 'mse', inputs: { yTrue: nested.grad!, yPred: nested.grad! } });
    expect(again.value).toBe(0);
    expect(() => calculate({ loss: 'mse', inputs: { yTrue: { data: [1, 2, 3], shape: [2, 2] }, yPred: [1, 2, 3] } })).toThrow(/shape \[2, 2\] and 3 values/);
  });

  it('writes the gradient into the caller’s array when given one, with the same numbers', () => {
    const inputs = { yTrue: [1, 2, 3], yPred: [1.5, 1, 3.5] };
    const into = new Float64Array(3).fill(99);
    const result = calculate({ loss: 'mse', inputs }, { grad: true, gradInto: into });
    expect(result.grad!.data).toBe(into);
    expect(result.grad!.toNested()).toEqual(calculate({ loss: 'mse', inputs }, { grad: true }).grad!.toNested());
    const rows = new Float64Array(6).fill(99);
    const ce = calculate({ loss: 'cross-entropy', inputs: { yTrue: [0, -100], yPred: [[1, 2, 3], [1, 1, 1]] } }, { grad: true, gradInto: rows });
    expect(ce.grad!.data).toBe(rows);
    expect(Array.from(rows.subarray(3))).toEqual([0, 0, 0]);
  });

  it('gives the same loss and gradient from the fused loop (grad alone) as from the element-by-element one (grad with steps)', () => {
    const close = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));
    const mixed = (n: number) => Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 0 : i % 3 === 1 ? 1 : 0.25 + i / (4 * n)));
    // Lengths around the fused loops' four-element steps, hard and soft labels, probabilities at 0 and 1.
    for (let n = 1; n <= 11; n++) {
      const yPred = Array.from({ length: n }, (_, i) => (i === 0 ? 0 : i === n - 1 ? 1 : (i * 0.37) % 1));
      for (const lossCase of [
        { loss: 'mse', inputs: { yTrue: mixed(n).map((v) => 3 * v - 1), yPred } },
        { loss: 'bce', inputs: { yTrue: mixed(n), yPred } },
        { loss: 'bce', reduction: 'sum' as const, inputs: { yTrue: mixed(n).map((v) => 1 - v), yPred } },
      ]) {
        const fused = calculate(lossCase, { grad: true });
        const stepped = calculate(lossCase, { grad: true, steps: true });
        close(fused.value as number, stepped.value as number);
        stepped.grad!.data.forEach((g, i) => close(fused.grad!.data[i]!, g));
      }
    }
  });

  it('costs no gradient or steps unless asked', () => {
    const result = calculate({ loss: 'mse', inputs: housePrices });
    expect(result).toEqual({ value: 100000000 });
  });

  it('writes the worked steps of the house-price MSE', () => {
    const { steps } = calculate({ loss: 'mse', inputs: housePrices }, { steps: true, grad: true });
    expect(steps?.rows.map((row) => [row.target, row.prediction, row.error, row.loss])).toEqual([
      [200000, 210000, 10000, 100000000],
      [250000, 240000, -10000, 100000000],
      [300000, 310000, 10000, 100000000],
    ]);
    expect(steps?.reduction.expression).toBe('(100000000 + 100000000 + 100000000) / 3 = 100000000');
    expect(steps?.formula.latex).toContain('\\sum');
    expect(steps?.truncated).toBe(false);
  });

  it('cuts the steps of a long input at maxStepRows', () => {
    const yTrue = Array.from({ length: 50 }, (_, i) => i);
    const { steps } = calculate({ loss: 'mae', inputs: { yTrue, yPred: yTrue.map((v) => v + 1) } }, { steps: true, maxStepRows: 5 });
    expect(steps?.rows).toHaveLength(5);
    expect(steps?.truncated).toBe(true);
    expect(steps?.reduction.expression).toBe('(sum of the 50 losses) / 50 = 1');
  });

  it('names the branch of a piecewise loss', () => {
    const { steps } = calculate({ loss: 'huber', params: { delta: 1 }, inputs: { yTrue: [0, 0], yPred: [0.5, 3] } }, { steps: true });
    expect(steps?.rows.map((row) => row.branch)).toEqual(['quadratic', 'linear']);
  });

  it('keeps log-cosh finite for huge errors', () => {
    expect(calculate({ loss: 'log-cosh', inputs: { yTrue: [0], yPred: [1000] } }).value).toBeCloseTo(1000 - Math.LN2, 9);
  });

  it('keeps BCE with logits finite for huge logits', () => {
    const result = calculate({ loss: 'bce-logits', inputs: { yTrue: [0, 1], yPred: [800, -800] } }, { grad: true });
    expect(result.value).toBeCloseTo(800, 9);
    expect(result.grad?.toNested()).toEqual([0.5, -0.5]);
  });

  it('caps a confident wrong BCE at 100, as PyTorch does', () => {
    expect(calculate({ loss: 'bce', inputs: { yTrue: [1], yPred: [0] } }).value).toBe(100);
  });

  it('weights mse by the sum of the weights unless told to count', () => {
    const inputs = { yTrue: [0, 0], yPred: [1, 3], weights: [3, 1] };
    expect(calculate({ loss: 'mse', inputs }).value).toBe((3 * 1 + 1 * 9) / 4);
    expect(calculate({ loss: 'mse', params: { weightNormalization: 'count' }, inputs }).value).toBe((3 * 1 + 1 * 9) / 2);
  });
});

describe('a combined loss', () => {
  const quality = { yTrue: [3, 4, 5], yPred: [2.5, 4, 6] };
  const quantity = { yTrue: [10, 12], yPred: [8, 12] };
  const combined = (qualityWeight: number) =>
    calculate(
      {
        loss: 'combined',
        inputs: {},
        terms: [
          { label: 'quality', weight: qualityWeight, loss: 'mse', inputs: quality },
          { label: 'quantity', weight: 1 - qualityWeight, loss: 'mae', inputs: quantity },
        ],
      },
      { grad: true, steps: true },
    );

  it('adds each term times its weight and gives each term its share', () => {
    const result = combined(0.7);
    const mse = calculate({ loss: 'mse', inputs: quality }).value as number;
    const mae = calculate({ loss: 'mae', inputs: quantity }).value as number;
    expect(result.value).toBeCloseTo(0.7 * mse + 0.3 * mae, 12);
    expect(result.terms?.map((t) => t.label)).toEqual(['quality', 'quantity']);
    expect(result.terms?.reduce((sum, t) => sum + t.share, 0)).toBeCloseTo(1, 12);
    expect(result.steps?.reduction.expression).toContain('0.7 ×');
  });

  it('raises a term’s share of the loss and its gradient when its weight rises', () => {
    const low = combined(0.7);
    const high = combined(0.9);
    expect(high.terms![0]!.share).toBeGreaterThan(low.terms![0]!.share);
    const size = (grad: Gradient | undefined) => Array.from(grad!.data).reduce((sum, g) => sum + Math.abs(g), 0);
    expect(size(high.terms![0]!.grad)).toBeGreaterThan(size(low.terms![0]!.grad));
    expect(size(high.terms![1]!.grad)).toBeLessThan(size(low.terms![1]!.grad));
  });

  it('sums the gradients of terms that share their inputs', () => {
    const inputs = { yTrue: [1, 2], yPred: [2, 0] };
    const result = calculate({ loss: 'combined', inputs, terms: [{ weight: 2, loss: 'mse' }, { weight: 1, loss: 'mae' }] }, { grad: true });
    const mse = calculate({ loss: 'mse', inputs }, { grad: true }).grad!.toNested() as number[];
    const mae = calculate({ loss: 'mae', inputs }, { grad: true }).grad!.toNested() as number[];
    expect(result.grad?.toNested()).toEqual(mse.map((g, i) => 2 * g + mae[i]!));
  });
});

describe('the list of losses', () => {
  it('gives every loss its parameters with defaults and its aliases', () => {
    const huber = losses.find((loss) => loss.id === 'huber');
    expect(huber?.params).toEqual([expect.objectContaining({ name: 'delta', default: 1 })]);
    expect(losses.length).toBe(29);
    for (const loss of losses) expect(loss.formula.words.length).toBeGreaterThan(10);
  });

  it('resolves the names learners use', () => {
    const names: Record<string, string> = {
      L2: 'mse', 'quadratic loss': 'mse', l1: 'mae', 'log loss': 'bce', 'Logistic Loss': 'bce', 'binary cross entropy': 'bce',
      CE: 'cross-entropy', 'softmax cross-entropy': 'cross-entropy', 'sparse categorical cross-entropy': 'cross-entropy',
      KLD: 'kl-div', quantile: 'pinball', IoU: 'jaccard', 'smooth l1': 'smooth-l1', Smooth_L1: 'smooth-l1', MSELoss: 'mse',
    };
    for (const [name, id] of Object.entries(names)) expect(resolveLoss(name), name).toBe(id);
  });
});
