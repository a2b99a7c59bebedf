/** The property test of the calc-request reader: a sentence written from a random case of any loss of the calculator reads back to that case. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { losses } from '../../../src/core/registry';
import { readCalcRequest } from '../../../src/tutor/calc-request';
import { shapes, spokenCases, spokenFollowUps, spokenParamNames, unspokenParams } from './spoken-cases';

describe('a sentence written from a random case reads back to that case (loss, inputs, params, reduction)', () => {
  it('has a generator for every loss of the calculator and says or lists every parameter', () => {
    expect(losses.map((l) => l.id).filter((id) => !(id in shapes))).toEqual([]);
    const params = losses.flatMap((l) => l.params.map((p) => p.name));
    expect(params.filter((name) => !spokenParamNames.includes(name) && !(name in unspokenParams))).toEqual([]);
  });

  for (const loss of losses) {
    it(loss.id, () => {
      const cases = spokenCases(loss.id, loss);
      if (!cases) throw new Error(`no generator for ${loss.id}`);
      fc.assert(
        fc.property(cases, ({ lossCase, lang, text }) => {
          const reading = readCalcRequest(text, { lang });
          expect(reading.kind === 'case' ? reading.lossCase : reading, text).toEqual(lossCase);
        }),
        { numRuns: 80 },
      );
    });
  }

  for (const loss of losses) {
    const followUps = spokenFollowUps(loss.id, loss);
    if (!followUps) continue;
    it(`${loss.id}: a follow-up that sets its parameters changes the previous case`, () => {
      fc.assert(
        fc.property(followUps, ({ previous, lossCase, lang, text }) => {
          const reading = readCalcRequest(text, { lang, previous: { case: previous } });
          expect(reading.kind === 'case' ? reading.lossCase : reading, text).toEqual(lossCase);
        }),
        { numRuns: 40 },
      );
    });
  }
});
