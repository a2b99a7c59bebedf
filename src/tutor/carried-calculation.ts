/**
 * Calculations a turn asks for by leaning on the conversation: the numbers for a loss the tutor
 * just asked them for, the loss for numbers it just asked about, or the last numbers again with
 * another loss ("and with mae?", "same numbers with rmse").
 */
import type { LossCase } from '../core/case';
import { describeReading } from './calc-request';
import type { LossFinder } from './loss-mention';
import type { PendingQuestion, SessionState } from './session-state';
import { computationRequest, type CalculationRequest } from './understand/calculation-request';
import type { TurnReading } from './understand/turn-reading';

const leansOnLast = /^\s*(?:and|what about|how about|now|same|with|then|try|using|also|switch)\b|\bsame (?:numbers|data|inputs)\b|\bthose numbers\b|換成|改用|同樣的數字|那.{0,8}呢/iu;

function foundLoss(reading: TurnReading): string | undefined {
  const found = reading.mentions.filter((m) => m.status === 'found');
  const ids = [...new Set(found.map((m) => (m.status === 'found' ? m.id : '')))];
  return ids.length === 1 ? ids[0] : undefined;
}

/**
 * The loss a reply to "which loss?" names: one found, or, when the tutor asked which of several
 * losses a name meant, the one that name is exactly ("hinge", "plain hinge" → hinge).
 */
function chosenLoss(reading: TurnReading, pending: PendingQuestion): string | undefined {
  const found = foundLoss(reading);
  if (found || pending.code !== 'ambiguous_loss') return found;
  const exact = [...new Set(reading.mentions.map((m) => (m.status === 'ambiguous' ? m.exact : undefined)))];
  return exact.length === 1 ? exact[0] : undefined;
}

function withInputs(loss: string, inputs: { yTrue: number[]; yPred: number[] }, params: Record<string, number>): CalculationRequest {
  const lossCase: LossCase = { loss, inputs: { yTrue: inputs.yTrue, yPred: inputs.yPred } };
  if (Object.keys(params).length > 0) lossCase.params = { ...params };
  return { kind: 'case', lossCase, assumedOrder: false };
}

function lastInputs(last: LossCase | undefined): { yTrue: number[]; yPred: number[] } | undefined {
  const inputs = last?.inputs as { yTrue?: unknown; yPred?: unknown } | undefined;
  const flat = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number');
  return inputs && flat(inputs.yTrue) && flat(inputs.yPred) ? { yTrue: inputs.yTrue, yPred: inputs.yPred } : undefined;
}

const asksWhatIf = /\b(?:what if|and if|if it(?:'s| is| were| was)|what about|how about)\b|如果|若是|那.{0,8}呢/iu;

/** "and if it is 0.9?" after a case of one prediction: the same case with that prediction. */
function anotherPrediction(reading: TurnReading, last: LossCase | undefined): CalculationRequest | undefined {
  const inputs = lastInputs(last);
  const numbers = reading.text.match(/(?<![\w.])-?\d*\.?\d+(?![\w.])/g) ?? [];
  const { calculation } = reading;
  if (!last || !inputs || inputs.yPred.length !== 1 || numbers.length !== 1 || calculation.hasLists || calculation.rerun || !asksWhatIf.test(reading.text)) return undefined;
  const to = Number(numbers[0]);
  const lossCase: LossCase = { ...last, inputs: { ...last.inputs, yPred: [to] } };
  return { kind: 'case', lossCase, assumedOrder: false, previous: last, readings: describeReading([{ kind: 'replaced-prediction', from: inputs.yPred[0]!, to }], reading.lang) };
}

export function carriedCalculation(reading: TurnReading, state: SessionState, finder: LossFinder): CalculationRequest | undefined {
  const { calculation } = reading;
  const loss = foundLoss(reading);
  const pending = state.pending;
  if (pending?.loss && calculation.hasLists && (loss === undefined || loss === pending.loss)) {
    return computationRequest(calculation.numbers, [], pending.loss, finder);
  }
  const chosen = pending && (pending.code === 'no_loss' || pending.code === 'ambiguous_loss') ? chosenLoss(reading, pending) : undefined;
  if (pending?.inputs && chosen && !calculation.hasLists) {
    return withInputs(chosen, pending.inputs, calculation.numbers.params);
  }
  const inputs = lastInputs(state.lastCalculation);
  if (inputs && loss && loss !== state.lastCalculation?.loss && !calculation.hasLists && leansOnLast.test(reading.text)) {
    return withInputs(loss, inputs, calculation.numbers.params);
  }
  return loss === undefined ? anotherPrediction(reading, state.lastCalculation) : undefined;
}
