/**
 * Worked examples: a calculator case run with steps and gradients, and written out so that
 * every number on the page is one the calculator returned (formatted by formatNumber).
 */
import { calculate, toNested } from '../core/index';
import type { CombinedTerm, LossCase, Steps } from '../core/case';
import type { Calculation } from './answer';
import type { Phrases } from './compose/phrasebook';
import { formatNumber, formatValue } from './number-format';

export function runCase(lossCase: LossCase): Calculation {
  const result = toNested(calculate(lossCase, { steps: true, grad: true }));
  const reduction = lossCase.reduction ?? 'mean';
  const steps = result.steps ?? {
    formula: { latex: 'L = \\sum_i \\lambda_i L_i', words: 'the weighted sum of the terms' },
    rows: [],
    truncated: false,
    reduction: { kind: reduction, expression: '', value: result.value },
  };
  const calculation: Calculation = {
    loss: lossCase.loss,
    params: { ...(lossCase.params ?? {}) },
    reduction,
    value: result.value,
    inputs: lossCase.inputs,
    steps,
  };
  if (result.grad) calculation.grad = result.grad;
  if (result.terms) calculation.terms = result.terms;
  if (lossCase.terms) calculation.termCases = lossCase.terms;
  return calculation;
}

const cell = (value: number | readonly number[] | undefined): string => (value === undefined ? '' : formatValue(value));

function paramsLine(params: Record<string, unknown>, p: Phrases): string | undefined {
  const entries = Object.entries(params).filter(([, v]) => typeof v === 'number' || typeof v === 'boolean');
  if (entries.length === 0) return undefined;
  return `${p.parameters}: ${entries.map(([k, v]) => `${k} = ${typeof v === 'number' ? formatNumber(v) : String(v)}`).join(', ')}`;
}

function stepsTable(steps: Steps, p: Phrases): string[] {
  const rows = steps.rows;
  if (rows.length === 0) return [];
  const hasError = rows.some((row) => row.error !== undefined);
  // Dice, Jaccard and Tversky list each element's overlap p·t; the loss is the ratio after the table.
  const overlaps = rows.every((row) => row.branch === 'p·t (overlap)');
  const header = [p.target, p.prediction, ...(hasError ? [p.error] : []), overlaps ? 'p·t' : p.loss];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) {
    const cells = [cell(row.target), cell(row.prediction), ...(hasError ? [cell(row.error)] : []), cell(row.loss)];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  if (steps.truncated) lines.push('', p.truncatedRows(String(rows.length)));
  return lines;
}

function termsTable(calculation: Calculation, p: Phrases, nameOf: (id: string) => string): string {
  const rows = (calculation.terms ?? []).map(
    (t, i) =>
      `| ${t.label ?? `${p.term} ${i + 1}`} | ${nameOf(t.loss)} | ${formatNumber(t.weight)} | ${formatNumber(t.value)} | ${formatNumber(t.weighted)} | ${formatNumber(t.share)} |`,
  );
  return [`| ${p.term} | ${p.loss} | ${p.weight} | ${p.value} | ${p.weighted} | ${p.share} |`, '|---|---|---|---|---|---|', ...rows].join('\n');
}

/** Each term's own steps: where its value comes from, before the weights are applied. */
function termSteps(calculation: Calculation, p: Phrases, nameOf: (id: string) => string): string[] {
  return (calculation.terms ?? []).flatMap((t) =>
    t.steps
      ? [
          `**${t.label ?? nameOf(t.loss)}** — ${nameOf(t.loss)}\n\n${stepsTable(t.steps, p).join('\n')}`,
          reductionLine({ loss: t.loss, params: {}, reduction: t.steps.reduction.kind, value: t.value, inputs: {}, steps: t.steps }, p),
        ]
      : [],
  );
}

/**
 * The reduction as it was made: a weighted mean divides by the total weight, an overlap loss is
 * one ratio (not a mean of its rows), batchmean divides by the rows alone.
 */
function reductionLine(calculation: Calculation, p: Phrases): string {
  const { steps, reduction, inputs } = calculation;
  const rows = String(steps.rows.length);
  const value = formatValue(calculation.value);
  if (steps.rows.length > 0 && steps.rows.every((row) => row.branch === 'p·t (overlap)')) return `${p.loss}: ${steps.reduction.expression}: **L = ${value}**`;
  if ((inputs.weights || calculation.params['classWeights']) && reduction === 'mean') return p.reductionLine('weighted mean: Σ weight × loss / Σ weight', rows, value);
  if (reduction === 'batchmean') return p.reductionLine('batchmean: Σ over classes / rows', rows, value);
  return p.reductionLine(reduction, rows, value);
}

/** The Markdown of one calculation: formula, inputs, steps table, reduction and gradient. */
export function writeCalculation(calculation: Calculation, p: Phrases, nameOf: (id: string) => string): string {
  const blocks: string[] = [];
  const title = `**${nameOf(calculation.loss)}**`;
  const params = paramsLine(calculation.params, p);
  blocks.push(params ? `${title} — ${params}` : title);
  blocks.push(`$$${calculation.steps.formula.latex}$$`);
  if (calculation.terms) {
    blocks.push(termsTable(calculation, p, nameOf), ...termSteps(calculation, p, nameOf), p.totalLine(formatValue(calculation.value)));
    return blocks.join('\n\n');
  }
  blocks.push(stepsTable(calculation.steps, p).join('\n'));
  blocks.push(reductionLine(calculation, p));
  if (calculation.grad) blocks.push(p.gradientLine(formatValue(calculation.grad)));
  return blocks.filter((b) => b.length > 0).join('\n\n');
}

/** The weight a demonstration raises a term to: +0.2 while that stays below 1, else double. */
const raised = (weight: number): number => (weight <= 0.8 ? Number((weight + 0.2).toFixed(10)) : weight * 2);

export function withTermWeight(lossCase: LossCase, index: number, weight: number): LossCase {
  const terms = (lossCase.terms ?? []).map((term, i): CombinedTerm => (i === index ? { ...term, weight } : term));
  return { ...lossCase, terms };
}

/** The same combined case with its first term's weight raised, to show what a weight does. */
export function raisedWeightCase(lossCase: LossCase): LossCase | undefined {
  const first = lossCase.terms?.[0];
  return first ? withTermWeight(lossCase, 0, raised(first.weight)) : undefined;
}

/** Two runs of a combined case that differ in one weight: shares and gradients side by side. */
export function writeWeightComparison(before: Calculation, after: Calculation, p: Phrases, nameOf: (id: string) => string): string {
  const changed = (after.terms ?? []).findIndex((term, i) => term.weight !== before.terms?.[i]?.weight);
  const was = before.terms?.[changed];
  const now = after.terms?.[changed];
  if (!was || !now) return writeCalculation(after, p, nameOf);
  const label = now.label ?? nameOf(now.loss);
  const lines = [
    p.raisedWeight(label, formatNumber(was.weight), formatNumber(now.weight)),
    termsTable(after, p, nameOf),
    p.totalLine(formatValue(after.value)),
    p.shareChange(label, formatNumber(was.share), formatNumber(now.share)),
  ];
  if (was.grad && now.grad) lines.push(p.gradientChange(label, formatValue(was.grad), formatValue(now.grad)));
  return lines.join('\n\n');
}
