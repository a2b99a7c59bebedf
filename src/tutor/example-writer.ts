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
import { raisedWeightCase, runCase, writeCalculation, writeWeightComparison } from './worked-example';

/** Runs a case (and, for a combined loss, the same case with one weight raised) and writes it. */
export function writeWorkedExample(ctx: TurnContext, request: CalculationRequest & { kind: 'case' }, heading: string, level: string): Calculation {
  const { p, out, finder } = ctx;
  const calculation = runCase(request.lossCase);
  out.record(calculation);
  const blocks = [`${level} ${heading}`];
  if (request.assumedOrder) blocks.push(p.assumedOrder);
  if (request.previous) {
    const before = runCase(request.previous);
    out.record(before);
    blocks.push(before.terms ? writeWeightComparison(before, calculation, p, finder.nameOf) : writeCalculation(calculation, p, finder.nameOf));
    out.write(blocks.join('\n\n'));
    return calculation;
  }
  blocks.push(writeCalculation(calculation, p, finder.nameOf));
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
