/** Scores the reader against a phrasing table: a row is read right when the case it reads has the expected loss and the value the reference formulas give. */
import { calculate, type LossCase } from '../../../src/core';
import { readCalcRequest } from '../../../src/tutor/calc-request';
import type { HeldOutV2Row } from '../../fixtures/calc-requests/held-out-v2';
import type { Phrasing } from '../../fixtures/calc-requests/phrasings';
import { referenceValue } from '../../fixtures/calc-requests/reference-values';

const close = (value: number, expected: number): boolean => Math.abs(value - expected) <= 1e-6 * Math.max(1, Math.abs(expected));

export interface RowOutcome { row: Phrasing; right: boolean; got: string }

export function scoreRow(row: Phrasing): RowOutcome {
  const expected = referenceValue(row.expected);
  try {
    const reading = readCalcRequest(row.text, { lang: row.lang, ...(row.previous ? { previous: { case: row.previous as LossCase } } : {}) });
    if (reading.kind !== 'case') return { row, right: false, got: reading.kind === 'missing' ? `asked: ${reading.question}` : 'not read as a request' };
    const value = calculate(reading.lossCase).value as number;
    const right = reading.lossCase.loss === row.expected.loss && close(value, expected);
    return { row, right, got: `${JSON.stringify(reading.lossCase)} = ${value} (expected ${expected})` };
  } catch (error) {
    return { row, right: false, got: `error: ${(error as Error).message}` };
  }
}

export interface V2Outcome { row: HeldOutV2Row; right: boolean; got: string }

/**
 * A v2 row is read right when its case has the row's loss and value; an ask-back row when the
 * reader asks for what is missing or the calculator refuses the case it read, never a number.
 */
export function scoreV2Row(row: HeldOutV2Row): V2Outcome {
  try {
    const previous = row.kind !== 'ask-back' && row.previous ? { previous: { case: row.previous as LossCase } } : {};
    const reading = readCalcRequest(row.text, { lang: row.lang, ...previous });
    if (reading.kind === 'none') return { row, right: false, got: 'not read as a request' };
    if (reading.kind === 'missing') return { row, right: row.kind === 'ask-back', got: `asked: ${reading.question}` };
    if (row.kind === 'ask-back') {
      const refusal = refusalOf(reading.lossCase);
      return { row, right: refusal !== undefined, got: refusal ?? `a number for ${JSON.stringify(reading.lossCase)}` };
    }
    const value = calculate(reading.lossCase).value as number;
    return { row, right: reading.lossCase.loss === row.loss && close(value, row.value), got: `${JSON.stringify(reading.lossCase)} = ${value} (expected ${row.value})` };
  } catch (error) {
    return { row, right: false, got: `error: ${(error as Error).message}` };
  }
}

/** The calculator's refusal of a case, or undefined when it gives a value. */
function refusalOf(lossCase: LossCase): string | undefined {
  try {
    calculate(lossCase);
    return undefined;
  } catch (error) {
    return `refused: ${(error as Error).message}`;
  }
}

export type Tally = Map<string, { right: number; total: number }>;

export function tally<Row>(outcomes: { row: Row; right: boolean }[], key: (row: Row) => string): Tally {
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
