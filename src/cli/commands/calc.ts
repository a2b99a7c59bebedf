import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { calculate, CalcError, formatNumber, losses, type CalcResult, type LossCase, type LossInputs, type StepRow } from '../../core';
import { batchCaseSchema, describeIssues, parseLossCase } from '../../schema/loss-case';
import { CliError } from '../cli-error';
import type { CommandRun } from '../command';
import { writeJson, type CliIo } from '../io';

const inputFlags = {
  'y-true': 'yTrue',
  'y-pred': 'yPred',
  weights: 'weights',
  var: 'var',
  x1: 'x1',
  x2: 'x2',
  y: 'y',
  anchor: 'anchor',
  positive: 'positive',
  negative: 'negative',
} as const satisfies Record<string, keyof LossInputs>;

const options = {
  ...Object.fromEntries(Object.keys(inputFlags).map((flag) => [flag, { type: 'string' as const }])),
  param: { type: 'string', multiple: true },
  reduction: { type: 'string' },
  terms: { type: 'string' },
  batch: { type: 'boolean' },
  json: { type: 'boolean' },
  kb: { type: 'string' },
} as const;

/** "1,2,3" → [1, 2, 3]; "1,2;3,4" or "[[1,2],[3,4]]" → rows. */
export function parseNumbers(text: string, flag: string): number[] | number[][] {
  const trimmed = text.trim();
  const parsed: unknown = trimmed.startsWith('[')
    ? (() => {
        try {
          return JSON.parse(trimmed);
        } catch {
          throw new CliError('bad_numbers', `--${flag} is not valid JSON: write numbers like 1,2,3 or [[0.1,0.9],[0.8,0.2]].`);
        }
      })()
    : trimmed.includes(';')
      ? trimmed.split(';').map((row) => row.split(',').map((cell) => Number(cell.trim())))
      : trimmed.split(',').map((cell) => Number(cell.trim()));
  const flat = (Array.isArray(parsed) ? parsed : [parsed]).flat() as unknown[];
  if (trimmed === '' || flat.some((value) => typeof value !== 'number' || Number.isNaN(value))) {
    throw new CliError('bad_numbers', `--${flag} "${text}" is not a list of numbers: write them like 1,2,3 (rows separated by ;).`);
  }
  return parsed as number[] | number[][];
}

/** "delta=1" → ["delta", 1]; booleans and lists are recognised; anything else stays a string. */
export function parseParam(text: string): [string, number | boolean | string | number[]] {
  const at = text.indexOf('=');
  if (at <= 0) throw new CliError('bad_param', `--param "${text}" is not name=value: write it like --param delta=1.`);
  const name = text.slice(0, at).trim();
  const raw = text.slice(at + 1).trim();
  if (raw === 'true' || raw === 'false') return [name, raw === 'true'];
  if (raw !== '' && !Number.isNaN(Number(raw))) return [name, Number(raw)];
  if (raw.includes(',') || raw.startsWith('[')) return [name, parseNumbers(raw, `param ${name}`) as number[]];
  return [name, raw];
}

function caseFromFlags(loss: string, values: Record<string, unknown>): LossCase {
  const inputs: Record<string, unknown> = {};
  for (const [flag, input] of Object.entries(inputFlags)) {
    const text = values[flag];
    if (typeof text === 'string') inputs[input] = parseNumbers(text, flag);
  }
  const raw: Record<string, unknown> = { loss, inputs, params: Object.fromEntries(((values['param'] as string[] | undefined) ?? []).map(parseParam)) };
  if (typeof values['reduction'] === 'string') raw['reduction'] = values['reduction'];
  if (typeof values['terms'] === 'string') {
    try {
      raw['terms'] = JSON.parse(values['terms']);
    } catch {
      throw new CliError('bad_terms', '--terms is not valid JSON: write it like \'[{"weight":0.7,"loss":"mse"},{"weight":0.3,"loss":"mae"}]\'.');
    }
  }
  const parsed = parseLossCase(raw);
  if (!parsed.ok) throw new CliError('bad_case', `the case is malformed: ${parsed.message}.`);
  return parsed.case;
}

const cell = (value: number | number[] | undefined): string =>
  value === undefined ? '' : typeof value === 'number' ? formatNumber(value) : `[${value.map(formatNumber).join(', ')}]`;

function table(rows: StepRow[]): string[] {
  const columns: [string, (row: StepRow) => string][] = [
    ['#', (row) => String(row.index)],
    ['target', (row) => cell(row.target)],
    ['prediction', (row) => cell(row.prediction)],
    ...(rows.some((row) => row.error !== undefined) ? [['error', (row: StepRow) => cell(row.error)] as [string, (row: StepRow) => string]] : []),
    ...(rows.some((row) => row.weight !== undefined) ? [['weight', (row: StepRow) => cell(row.weight)] as [string, (row: StepRow) => string]] : []),
    ['loss', (row) => cell(row.loss)],
    ...(rows.some((row) => row.grad !== undefined) ? [['gradient', (row: StepRow) => cell(row.grad)] as [string, (row: StepRow) => string]] : []),
    ...(rows.some((row) => row.branch !== undefined) ? [['note', (row: StepRow) => row.branch ?? ''] as [string, (row: StepRow) => string]] : []),
  ];
  const cells = [columns.map(([name]) => name), ...rows.map((row) => columns.map(([, read]) => read(row)))];
  const widths = columns.map((_, c) => Math.max(...cells.map((line) => line[c]!.length)));
  return cells.map((line) => `  ${line.map((text, c) => text.padEnd(widths[c]!)).join('  ')}`.trimEnd());
}

function describe(lossCase: LossCase, result: CalcResult): string {
  const info = losses.find((loss) => loss.id === lossCase.loss) ?? losses.find((loss) => loss.aliases.includes(lossCase.loss));
  const lines = [`${info?.name ?? lossCase.loss} = ${cell(result.value as number | number[])}`];
  if (result.terms) {
    lines.push(`  ${result.steps?.formula.words ?? ''}`, '');
    for (const term of result.terms) {
      lines.push(`  ${term.label ?? term.loss}: ${formatNumber(term.weight)} × ${term.loss} ${formatNumber(term.value)} = ${formatNumber(term.weighted)} (${(100 * term.share).toFixed(1)}% of the total)`);
    }
    lines.push('', `  ${result.steps?.reduction.expression ?? ''}`);
  } else if (result.steps) {
    lines.push(`  ${result.steps.formula.words}`, '', ...table(result.steps.rows));
    if (result.steps.truncated) lines.push('  …');
    lines.push('', `  ${result.steps.reduction.expression}`);
  }
  if (result.grad) lines.push('', `gradient d loss / d ${result.gradOf}: ${JSON.stringify(result.grad, (_key, v: unknown) => (typeof v === 'number' ? Number(formatNumber(v)) : v))}`);
  return `${lines.join('\n')}\n`;
}

function errorRow(id: unknown, code: string, message: string) {
  return { id: id ?? null, error: { code, message } };
}

/** One JSON line per input line, in order; a bad line gets an error row and the batch goes on. */
async function runBatch(io: CliIo): Promise<number> {
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    io.stdout.write(`${JSON.stringify(batchRow(line, lineNumber))}\n`);
  }
  return 0;
}

function batchRow(line: string, lineNumber: number): object {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return errorRow(null, 'bad_json', `line ${lineNumber} is not JSON: write one case per line, like {"id":"a","loss":"mse","inputs":{"yTrue":[1],"yPred":[2]}}.`);
  }
  const id = typeof json === 'object' && json !== null ? (json as { id?: unknown }).id : undefined;
  const parsed = batchCaseSchema.safeParse(json);
  if (!parsed.success) return errorRow(id, 'bad_case', `line ${lineNumber}: ${describeIssues(parsed.error)}.`);
  try {
    const { id: _id, ...lossCase } = parsed.data;
    const result = calculate(lossCase as LossCase, { grad: lossCase.reduction !== 'none' });
    return { id: id ?? null, value: result.value, grad: result.grad ?? null };
  } catch (error) {
    if (error instanceof CalcError) return errorRow(id, error.code, error.message);
    throw error;
  }
}

export const calc: CommandRun = {
  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    if (values.batch === true) return runBatch(io);
    const loss = positionals[0];
    if (loss === undefined) throw new CliError('missing_loss', `name a loss, e.g. "loss-tutor calc mse --y-true 1,2 --y-pred 1,3". The losses: ${losses.map((l) => l.id).join(', ')}.`);
    const lossCase = caseFromFlags(loss, values);
    const result = calculate(lossCase, { grad: lossCase.reduction !== 'none', steps: true });
    if (values.json === true) {
      writeJson(io, { loss: lossCase.loss, params: lossCase.params ?? {}, reduction: lossCase.reduction ?? 'mean', ...result });
    } else {
      io.stdout.write(describe(lossCase, result));
    }
    return 0;
  },
};
