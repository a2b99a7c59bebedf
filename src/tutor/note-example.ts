/**
 * A worked example a note writes in its own words ("targets 0,0 preds 0.5, 3 and delta=1", "true
 * 200k 250k 300k, predicted 210k 240k 310k"), read by the calculation reader, so an example uses
 * the learner's numbers rather than numbers of the tutor's own.
 */
import { CalcError } from '../core/calc-error';
import type { LossCase } from '../core/case';
import type { Item } from '../kb/item';
import { readCalcRequest } from './calc-request';
import { runCase } from './worked-example';

/** Learners write "200k" for 200000 and lists with only spaces between the numbers. */
function asRequest(sentence: string): string {
  return sentence.replace(/(\d+(?:\.\d+)?)k\b/gi, (_, n: string) => String(Number(n) * 1000)).replace(/(\d)[ \t]+(?=-?\d)/g, '$1, ');
}

/** A sentence with an example says which numbers are the targets and which the predictions. */
const namesBoth = [/target|true|actual|label|(?<![a-z])y(?![a-z])|真實|目標|標籤/i, /pred|prob|output|logit|score|預測|機率/i];

function computes(lossCase: LossCase): boolean {
  try {
    runCase(lossCase);
    return true;
  } catch (error) {
    if (error instanceof CalcError) return false;
    throw error;
  }
}

/** The first sentence of the note whose lists are labelled (targets, predictions) and make a case of the loss. */
export function noteExample(item: Item, loss: string, lossName: string): LossCase | undefined {
  const text = [item.claim, ...item.sections.map((section) => section.text)].join('\n');
  for (const sentence of text.split(/\n|(?<=\.)\s+/)) {
    if ((sentence.match(/\d+/g) ?? []).length < 2) continue;
    const reading = readCalcRequest(`${lossName}: ${asRequest(sentence)}`, { lang: 'en' });
    if (!namesBoth.every((words) => words.test(sentence)) || reading.kind !== 'case' || reading.lossCase.loss !== loss) continue;
    if (reading.interpretations.some((i) => i.kind === 'order' && i.assumed) || !computes(reading.lossCase)) continue;
    return reading.lossCase;
  }
  return undefined;
}
