/** Held-out v2 is well formed: its numbers are the reference formulas' and its files parse. No floors: the sets are only scored by `npm run eval`. */
import { describe, expect, it } from 'vitest';
import { notesQuestions } from '../../eval/notes';
import { heldOutV2 } from '../fixtures/calc-requests/held-out-v2';
import { referenceValue } from '../fixtures/calc-requests/reference-values';
import { heldOutV2File, loadHeldOut } from './held-out-check';

describe('held-out v2', () => {
  it('writes into each calculation row the value the reference formulas give its case', () => {
    const disagreeing = heldOutV2.flatMap((row) => {
      if (row.kind === 'ask-back') return [];
      const reference = referenceValue(row.expected);
      return Math.abs(reference - row.value) <= 1e-9 * Math.max(1, Math.abs(reference)) ? [] : [`${row.text}: ${row.value} vs ${reference}`];
    });
    expect(disagreeing).toEqual([]);
  });

  it('covers every loss and the combined case, with requests to ask back', () => {
    expect(new Set(heldOutV2.map((row) => row.loss)).size).toBe(29);
    expect(heldOutV2.filter((row) => row.kind === 'ask-back').length).toBeGreaterThan(0);
  });

  it('parses the tutor turns and the notes questions', () => {
    const threads = loadHeldOut(heldOutV2File);
    expect(threads.flatMap((t) => t.turns).length).toBeGreaterThanOrEqual(60);
    expect(threads.filter((t) => t.turns.length >= 3).flatMap((t) => t.turns).length).toBeGreaterThanOrEqual(15);
    expect(notesQuestions('held-out-v2').formats.map((f) => f.format)).toContain('pdf');
  });
});
