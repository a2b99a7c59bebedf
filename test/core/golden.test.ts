import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calculate, toNested, type LossCase } from '../../src/core';

interface GoldenCase extends LossCase {
  id: string;
  expected: number | number[];
  expectedGrad?: number[] | number[][];
}

const golden = JSON.parse(readFileSync(join(__dirname, '../fixtures/golden/losses.json'), 'utf8')) as { cases: GoldenCase[] };

/** |got - expected| <= 1e-9 * max(1, |expected|), element by element, over nested arrays. */
function expectClose(got: unknown, expected: unknown, path: string): void {
  if (Array.isArray(expected)) {
    expect(Array.isArray(got), `${path} is an array`).toBe(true);
    expect((got as unknown[]).length, `${path} length`).toBe(expected.length);
    expected.forEach((value, i) => expectClose((got as unknown[])[i], value, `${path}[${i}]`));
    return;
  }
  const want = expected as number;
  const tolerance = 1e-9 * Math.max(1, Math.abs(want));
  expect(Math.abs((got as number) - want), `${path}: got ${String(got)}, expected ${want}`).toBeLessThanOrEqual(tolerance);
}

describe('the calculator against the PyTorch and scikit-learn reference values', () => {
  it('has every case of the reference file', () => {
    expect(golden.cases.length).toBeGreaterThan(150);
  });

  for (const goldenCase of golden.cases) {
    it(`${goldenCase.id}: ${goldenCase.loss} ${goldenCase.reduction ?? 'mean'} ${JSON.stringify(goldenCase.params ?? {})}`, () => {
      const result = calculate(goldenCase, { grad: goldenCase.expectedGrad !== undefined });
      expectClose(result.value, goldenCase.expected, 'value');
      if (!goldenCase.expectedGrad) return;
      const expected = goldenCase.expectedGrad;
      // The typed form: the row-major values and the shape of the expected nested arrays.
      const shape = typeof expected[0] === 'number' ? [expected.length] : [expected.length, (expected[0] as number[]).length];
      expect(result.grad!.shape, 'grad.shape').toEqual(shape);
      expect(result.grad!.data, 'grad.data').toBeInstanceOf(Float64Array);
      expectClose(Array.from(result.grad!.data), expected.flat(), 'grad.data');
      // The nested forms: toNested(), and the JSON the CLI and the server send.
      expectClose(toNested(result).grad, expected, 'grad');
      expectClose(JSON.parse(JSON.stringify(result)).grad, expected, 'JSON grad');
    });
  }
});
