import { calculate, CalcError, losses, toNested } from '../core';
import { parseLossCase } from '../schema/loss-case';
import type { Calculation } from '../tutor/answer';
import type { ToolCall } from './chat-completions';

/** The calculator offered to the model as `calculate_loss`; its arguments are the calculate() case. */
export const calculateLossTool = {
  type: 'function',
  function: {
    name: 'calculate_loss',
    description: `Compute a loss exactly, with its worked steps. Use it for every number you state. Losses: ${losses.map((l) => l.id).join(', ')}.`,
    parameters: {
      type: 'object',
      properties: {
        loss: { type: 'string', description: 'the loss id, e.g. "mse"' },
        params: { type: 'object', description: 'parameters such as {"delta": 1}' },
        reduction: { type: 'string', enum: ['mean', 'sum', 'none', 'batchmean'] },
        inputs: { type: 'object', description: '{"yTrue": [...], "yPred": [...]} and other inputs the loss needs' },
        terms: { type: 'array', description: 'for loss "combined": [{"weight", "loss", "inputs"}]' },
      },
      required: ['loss', 'inputs'],
    },
  },
} as const;

export interface ToolOutcome {
  /** What goes back to the model as the tool message. */
  reply: string;
  calculation?: Calculation;
}

/** A tool call the model makes: calculate_loss is the only tool; any other name is refused, never run. */
export function runToolCall(call: ToolCall): ToolOutcome {
  if (call.function.name !== calculateLossTool.function.name) {
    return { reply: JSON.stringify({ error: { code: 'unknown_tool', message: `there is no tool "${call.function.name.slice(0, 60)}": the only tool is calculate_loss` } }) };
  }
  return runCalculateLoss(call.function.arguments);
}

/** Runs one tool call on the shared core; a bad call gets the calculator's error back, not an exception. */
export function runCalculateLoss(argumentsJson: string): ToolOutcome {
  let args: unknown;
  try {
    args = JSON.parse(argumentsJson);
  } catch {
    return { reply: JSON.stringify({ error: { code: 'bad_arguments', message: 'the arguments are not JSON' } }) };
  }
  const parsed = parseLossCase(args);
  if (!parsed.ok) return { reply: JSON.stringify({ error: { code: 'bad_case', message: parsed.message } }) };
  try {
    const result = toNested(calculate(parsed.case, { grad: parsed.case.reduction !== 'none', steps: true }));
    const calculation: Calculation = {
      loss: parsed.case.loss,
      params: parsed.case.params ?? {},
      reduction: parsed.case.reduction ?? 'mean',
      value: result.value,
      inputs: parsed.case.inputs,
      steps: result.steps!,
      ...(result.grad ? { grad: result.grad } : {}),
      ...(result.terms ? { terms: result.terms } : {}),
    };
    return { reply: JSON.stringify({ value: result.value, reduction: result.steps?.reduction.expression, terms: result.terms?.map((t) => ({ label: t.label, weighted: t.weighted, share: t.share })) }), calculation };
  } catch (error) {
    if (error instanceof CalcError) return { reply: JSON.stringify({ error: error.toJSON() }) };
    throw error;
  }
}
