/**
 * Worked examples inside an answer: the case an item (or the question) calls for, run by the
 * calculator, written out and recorded in `calculations`.
 */
import { CalcError } from '../core/calc-error';
import type { LossCase } from '../core/case';
import type { Item } from '../kb/item';
import type { Calculation } from './answer';
import type { CalculationRequest } from './understand/calculation-request';
import { teachingCase } from './teaching-case';
import { lossOf } from './turn-plan';
import type { TurnContext } from './turn-context';
import { formatValue } from './number-format';
import { raisedWeightCase, runCase, writeCalculation, writeWeightComparison } from './worked-example';

/** Runs a case (and, for a combined loss, the same case with one weight raised) and writes it. */
export function writeWorkedExample(ctx: TurnContext, request: CalculationRequest & { kind: 'case' }, heading: string, level: string): Calculation {
  const { p, out, finder } = ctx;
  const calculation = runCase(request.lossCase);
  out.record(calculation);
  const blocks = [`${level} ${heading}`];
  if (request.assumedOrder) blocks.push(p.assumedOrder);
  if (request.readings && request.readings.length > 0) blocks.push(request.readings.join(' '));
  if (request.previous) {
    const before = runCase(request.previous);
    out.record(before);
    blocks.push(before.terms ? writeWeightComparison(before, calculation, p, finder.nameOf) : writeCalculation(calculation, p, finder.nameOf));
    out.write(blocks.join('\n\n'));
    return calculation;
  }
  blocks.push(writeCalculation(calculation, p, finder.nameOf));
  if (request.lossCase.loss === 'kl-div' && request.lossCase.reduction === 'batchmean') {
    const pytorchDefault = runCase({ ...request.lossCase, reduction: 'mean' });
    out.record(pytorchDefault);
    const shown = formatValue(pytorchDefault.value);
    blocks.push(ctx.lang === 'en' ? `PyTorch's default reduction='mean' divides by every element (rows × classes) and would print ${shown}.` : `PyTorch 預設的 reduction='mean' 會除以所有元素（列數 × 類別數），會印出 ${shown}。`);
  }
  const raised = raisedWeightCase(request.lossCase);
  if (raised) {
    const after = runCase(raised);
    out.record(after);
    blocks.push(writeWeightComparison(calculation, after, p, finder.nameOf));
  }
  out.write(blocks.join('\n\n'));
  return calculation;
}

export function exampleCase(ctx: TurnContext, item: Item | undefined): LossCase | undefined {
  if (!item) return undefined;
  const loss = lossOf(ctx, item);
  return item.example ?? (loss ? teachingCase(loss, `${item.title} ${item.claim}`) : undefined);
}

export function runCaseSafely(ctx: TurnContext, lossCase: LossCase, level: string): LossCase | undefined {
  try {
    writeWorkedExample(ctx, { kind: 'case', lossCase, assumedOrder: false }, ctx.p.workedExample, level);
    return lossCase;
  } catch (error) {
    if (error instanceof CalcError) return undefined;
    throw error;
  }
}
