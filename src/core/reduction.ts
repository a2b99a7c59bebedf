import { CalcError } from './calc-error';
import type { Reduction } from './case';
import { formatNumber } from './number-format';

const reductions: readonly Reduction[] = ['mean', 'sum', 'none', 'batchmean'];

export function requireReduction(loss: string, value: unknown, allowed: readonly Reduction[]): Reduction {
  if (value === undefined) return 'mean';
  if (typeof value !== 'string' || !reductions.includes(value as Reduction)) {
    throw new CalcError('unknown_reduction', `reduction ${JSON.stringify(value)} is not known: use one of ${allowed.join(', ')}.`, 'reduction');
  }
  if (!allowed.includes(value as Reduction)) {
    throw new CalcError('unknown_reduction', `${loss} does not take reduction "${value}": use one of ${allowed.join(', ')}.`, 'reduction');
  }
  return value as Reduction;
}

const listed = (values: ArrayLike<number>, limit = 6): string =>
  values.length <= limit ? Array.from(values, formatNumber).join(' + ') : `the ${values.length} losses`;

/** The reduction written out, e.g. "(100000000 + 100000000 + 100000000) / 3 = 100000000". */
export function reductionExpression(kind: Reduction, losses: ArrayLike<number>, divisor: number, value: number | number[]): string {
  if (kind === 'none') return 'no reduction: one loss per element';
  const total = typeof value === 'number' ? formatNumber(value) : '';
  if (kind === 'sum') return `${listed(losses)} = ${total}`;
  const over = kind === 'batchmean' ? `${formatNumber(divisor)} rows` : formatNumber(divisor);
  return losses.length <= 6 ? `(${listed(losses)}) / ${over} = ${total}` : `(sum of ${listed(losses)}) / ${over} = ${total}`;
}
