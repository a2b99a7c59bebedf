/**
 * Calculations a turn asks for by leaning on the conversation: the numbers for a loss the tutor
 * just asked them for, the loss for numbers it just asked about, or the last numbers again with
 * another loss ("and with mae?", "same numbers with rmse").
 */
import type { LossCase } from '../core/case';
import type { LossFinder } from './loss-mention';
import type { SessionState } from './session-state';
import { computationRequest, type CalculationRequest } from './understand/calculation-request';
import type { TurnReading } from './understand/turn-reading';

const leansOnLast = /^\s*(?:and|what about|how about|now|same|with|then|try|using|also|switch)\b|\bsame (?:numbers|data|inputs)\b|\bthose numbers\b|換成|改用|同樣的數字|那.{0,8}呢/iu;

function foundLoss(reading: TurnReading): string | undefined {
  const found = reading.mentions.filter((m) => m.status === 'found');
  const ids = [...new Set(found.map((m) => (m.status === 'found' ? m.id : '')))];
  return ids.length === 1 ? ids[0] : undefined;
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

export function carriedCalculation(reading: TurnReading, state: SessionState, finder: LossFinder): CalculationRequest | undefined {
  const { calculation } = reading;
  const loss = foundLoss(reading);
  const pending = state.pending;
  if (pending?.loss && calculation.hasLists && (loss === undefined || loss === pending.loss)) {
    return computationRequest(calculation.numbers, [], pending.loss, finder);
  }
  if (pending?.code === 'no_loss' && pending.inputs && loss && !calculation.hasLists) {
    return withInputs(loss, pending.inputs, calculation.numbers.params);
  }
  const inputs = lastInputs(state.lastCalculation);
  if (inputs && loss && loss !== state.lastCalculation?.loss && !calculation.hasLists && leansOnLast.test(reading.text)) {
    return withInputs(loss, inputs, calculation.numbers.params);
  }
  return undefined;
}
