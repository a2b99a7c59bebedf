/** Scores the reader against a phrasing table: a row is read right when the case it reads has the expected loss and the value the reference formulas give. */
import { calculate, type LossCase } from '../../../src/core';
import { readCalcRequest } from '../../../src/tutor/calc-request';
import type { Phrasing } from '../../fixtures/calc-requests/phrasings';
import { referenceValue } from '../../fixtures/calc-requests/reference-values';

export interface RowOutcome { row: Phrasing; right: boolean; got: string }

export function scoreRow(row: Phrasing): RowOutcome {
  const expected = referenceValue(row.expected);
  try {
    const reading = readCalcRequest(row.text, { lang: row.lang, ...(row.previous ? { previous: { case: row.previous as LossCase } } : {}) });
    if (reading.kind !== 'case') return { row, right: false, got: reading.kind === 'missing' ? `asked: ${reading.question}` : 'not read as a request' };
    const value = calculate(reading.lossCase).value as number;
    const right = reading.lossCase.loss === row.expected.loss && Math.abs(value - expected) <= 1e-6 * Math.max(1, Math.abs(expected));
    return { row, right, got: `${JSON.stringify(reading.lossCase)} = ${value} (expected ${expected})` };
  } catch (error) {
    return { row, right: false, got: `error: ${(error as Error).message}` };
  }
}

export type Tally = Map<string, { right: number; total: number }>;

export function tally(outcomes: RowOutcome[], key: (row: Phrasing) => string): Tally {
  const counts: Tally = new Map();
  for (const { row, right } of outcomes) {
    const entry = counts.get(key(row)) ?? { right: 0, total: 0 };
    entry.total += 1;
    if (right) entry.right += 1;
    counts.set(key(row), entry);
  }
  return counts;
}

export const share = (outcomes: RowOutcome[]): number => outcomes.filter((o) => o.right).length / outcomes.length;
