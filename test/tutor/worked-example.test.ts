import { describe, expect, it } from 'vitest';
import { losses } from '../../src/core/index';
import type { LossCase } from '../../src/core/case';
import { phrasebookFor } from '../../src/tutor/compose/phrasebook';
import { createLossFinder } from '../../src/tutor/loss-mention';
import { raisedWeightCase, runCase, writeCalculation, writeWeightComparison } from '../../src/tutor/worked-example';
import { listedNumbers } from './worked-example-numbers';
import { numbersInText } from '../../src/tutor/number-format';

const { nameOf } = createLossFinder(losses);
const en = phrasebookFor('en').phrases;
const housePrices: LossCase = { loss: 'mse', inputs: { yTrue: [200000, 250000, 300000], yPred: [210000, 240000, 310000] } };
const qualityAndQuantity: LossCase = {
  loss: 'combined',
  inputs: {},
  terms: [
    { label: 'quality', weight: 0.7, loss: 'mse', inputs: { yTrue: [3, 4, 5], yPred: [2.5, 4, 6] } },
    { label: 'quantity', weight: 0.3, loss: 'mae', inputs: { yTrue: [10, 12], yPred: [8, 12] } },
  ],
};

const withoutFormulas = (text: string): string => text.replace(/\$\$[\s\S]*?\$\$/g, ' ');

describe('a worked example', () => {
  it('shows a steps table, the reduction and the value, every number from the calculation', () => {
    const calculation = runCase(housePrices);
    const text = writeCalculation(calculation, en, nameOf);
    expect(calculation.value).toBe(100000000);
    expect(text).toContain('| target | prediction | error | loss |');
    expect(text).toContain('| 200000 | 210000 | 10000 | 100000000 |');
    expect(text).toContain('**L = 100000000**');
    const listed = listedNumbers([calculation]);
    expect(numbersInText(withoutFormulas(text)).filter((n) => !listed.has(n))).toEqual([]);
  });

  it('raises the first weight of a combined loss and shows its share and gradient grow', () => {
    const before = runCase(qualityAndQuantity);
    const raised = raisedWeightCase(qualityAndQuantity);
    expect(raised?.terms?.[0]?.weight).toBe(0.9);
    const after = runCase(raised!);
    expect(after.terms?.[0]?.share).toBeGreaterThan(before.terms?.[0]?.share ?? Infinity);
    const text = writeWeightComparison(before, after, en, nameOf);
    expect(text).toContain('from 0.7 to 0.9');
    const listed = listedNumbers([before, after]);
    expect(numbersInText(withoutFormulas(text)).filter((n) => !listed.has(n))).toEqual([]);
  });

  it('has nothing to raise for a single loss', () => {
    expect(raisedWeightCase(housePrices)).toBeUndefined();
  });
});
