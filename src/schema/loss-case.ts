import { z } from 'zod';
import type { LossCase } from '../core';

/**
 * The calculate() case as it arrives from outside (a `calc --batch` line, POST /api/calc, the model's
 * calculate_loss tool): checked for shape here, so the core only ever sees well-formed cases. The
 * numbers themselves (domains, lengths, finiteness) are the calculator's to judge.
 */
const numbers = z.array(z.number({ error: 'expected a number' }));
const tensor = z.union([numbers, z.array(numbers)], { error: 'expected a list of numbers, or a list of rows of numbers' });
const paramValue = z.union([z.number(), z.boolean(), z.string(), numbers], { error: 'expected a number, true/false, a string or a list of numbers' });

const inputs = z.strictObject({
  yTrue: tensor.optional(),
  yPred: tensor.optional(),
  weights: numbers.optional(),
  var: tensor.optional(),
  anchor: z.array(numbers).optional(),
  positive: z.array(numbers).optional(),
  negative: z.array(numbers).optional(),
  x1: tensor.optional(),
  x2: tensor.optional(),
  y: numbers.optional(),
});

const term = z.strictObject({
  weight: z.number(),
  label: z.string().optional(),
  loss: z.string(),
  params: z.record(z.string(), paramValue).optional(),
  reduction: z.enum(['mean', 'sum']).optional(),
  inputs: inputs.optional(),
});

export const lossCaseSchema = z.object({
  loss: z.string().min(1),
  params: z.record(z.string(), paramValue).optional(),
  reduction: z.string().optional(),
  inputs: inputs.default({}),
  terms: z.array(term).min(1).optional(),
});

/** A case with an optional id, as `calc --batch` reads it (other fields, like `reference`, are ignored). */
export const batchCaseSchema = lossCaseSchema.extend({ id: z.union([z.string(), z.number()]).optional() });

/** "inputs.yTrue.2: expected number, received string" — where the shape is wrong, and how. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'the case'}: ${issue.message}`)
    .join('; ');
}

export function parseLossCase(value: unknown): { ok: true; case: LossCase } | { ok: false; message: string } {
  const parsed = lossCaseSchema.safeParse(value);
  return parsed.success ? { ok: true, case: parsed.data as LossCase } : { ok: false, message: describeIssues(parsed.error) };
}
