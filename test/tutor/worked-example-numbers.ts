/**
 * The honesty check on worked examples: every number written in a worked-example block of an
 * answer must be one the calculator returned (values, step rows, inputs, params, weights, shares).
 */
import type { AnswerBody, Calculation } from '../../src/tutor/answer';
import { formatNumber, numbersInText } from '../../src/tutor/number-format';

const exampleHeading = /^#{2,3} (?:Worked example|Computation|計算範例|計算)\s*$/;
const blockEnd = /^(?:#{1,3} |---|\*\*(?:Sources|Next step|出處|下一步)\*\*)/;

/** The worked-example blocks of an answer's Markdown, formulas ($$...$$, $...$) removed. */
export function workedExampleText(markdown: string): string {
  const kept: string[] = [];
  let inside = false;
  for (const line of markdown.split('\n')) {
    if (exampleHeading.test(line)) {
      inside = true;
      continue;
    }
    if (inside && blockEnd.test(line)) inside = false;
    if (inside) kept.push(line);
  }
  // Formulas are symbolic: their constants (the 2 of e^2) are the loss's definition, not results.
  return kept.join('\n').replace(/\$\$[\s\S]*?\$\$/g, ' ').replace(/\$[^$\n]*\$/g, ' ');
}

function collect(value: unknown, into: Set<string>): void {
  if (typeof value === 'number') into.add(formatNumber(value));
  else if (Array.isArray(value) || ArrayBuffer.isView(value)) for (const v of value as ArrayLike<unknown> & Iterable<unknown>) collect(v, into);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) collect(v, into);
}

/** Every number a calculation holds, formatted as the tutor writes numbers. */
export function listedNumbers(calculations: readonly Calculation[]): Set<string> {
  const listed = new Set<string>();
  for (const calculation of calculations) {
    collect(calculation.value, listed);
    collect(calculation.params, listed);
    collect(calculation.inputs, listed);
    collect(calculation.grad, listed);
    collect(calculation.terms, listed);
    collect(calculation.termCases, listed);
    collect(calculation.steps.rows, listed);
    collect(calculation.steps.reduction.value, listed);
    // The reduction's expression ("1 - 3.534 / 6.772") is the calculator's own text.
    for (const steps of [calculation.steps, ...(calculation.terms ?? []).map((t) => t.steps)]) {
      if (!steps) continue;
      for (const n of numbersInText(steps.reduction.expression)) listed.add(n);
      listed.add(String(steps.rows.length));
    }
  }
  return listed;
}

export function unlistedNumbers(answer: AnswerBody): string[] {
  const listed = listedNumbers(answer.calculations);
  return numbersInText(workedExampleText(answer.text)).filter((n) => !listed.has(n));
}
