/**
 * Calculations an answer runs: a request the understand stage read (or the conversation carried)
 * run by the calculator into a WorkedCalculation, or the question asked back when the request
 * lacks something or the calculator refuses the numbers.
 */
import { CalcError } from '../../core/calc-error';
import type { LossCase } from '../../core/case';
import type { Item, KnowledgeBase } from '../../kb/item';
import { askBack } from '../clarification';
import type { Lang } from '../language';
import type { LossFinder } from '../loss-mention';
import type { PendingQuestion, SessionState } from '../session-state';
import { teachingCase } from '../teaching-case';
import type { CalculationRequest } from '../understand/calculation-request';
import { assignRoles, type ExtractedNumbers } from '../understand/number-extraction';
import { raisedWeightCase, runCase } from '../worked-example';
import { noteExample } from '../note-example';
import type { ExampleSource, PartAnswer, WorkedCalculation } from './answer-plan';

/** What the decide stage works with besides the grounded turn. */
export interface DecideContext {
  kb: KnowledgeBase;
  finder: LossFinder;
  lang: Lang;
  state: SessionState;
}

/** A part's answer and what it changes in the conversation. */
export interface PartOutcome {
  answer: PartAnswer;
  calculated?: LossCase;
  /** The question asked back, for the next turn to answer. */
  pending?: PendingQuestion;
}

/** Runs a case (and the cases shown beside it) through the calculator; a CalcError is the calculator refusing. */
export function runWorked(request: CalculationRequest & { kind: 'case' }, heading: WorkedCalculation['heading']): WorkedCalculation {
  const { lossCase } = request;
  const worked: WorkedCalculation = { heading, calculation: runCase(lossCase), assumedOrder: request.assumedOrder, readings: request.readings ?? [] };
  if (request.previous) return { ...worked, previous: runCase(request.previous) };
  if (lossCase.loss === 'kl-div' && lossCase.reduction === 'batchmean') worked.pytorchDefault = runCase({ ...lossCase, reduction: 'mean' });
  const raised = raisedWeightCase(lossCase);
  if (raised) worked.raised = runCase(raised);
  return worked;
}

function pendingOf(request: CalculationRequest & { kind: 'clarify' }, numbers: ExtractedNumbers): PendingQuestion {
  const pending: PendingQuestion = { code: request.code };
  if (request.loss !== undefined) pending.loss = request.loss;
  if (request.pending !== undefined) pending.calc = request.pending;
  // The numbers wait for the loss the learner names next ("which loss?", "which hinge loss?").
  const inputs = request.code === 'no_loss' || request.code === 'ambiguous_loss' ? assignRoles(numbers.lists) : undefined;
  if (inputs && !Array.isArray(inputs.yTrue[0]) && !Array.isArray(inputs.yPred[0])) pending.inputs = { yTrue: inputs.yTrue as number[], yPred: inputs.yPred as number[] };
  return pending;
}

export function calculationOutcome(ctx: DecideContext, request: CalculationRequest, heading: WorkedCalculation['heading'], numbers: ExtractedNumbers, item?: Item): PartOutcome {
  if (request.kind === 'clarify') {
    // A name several losses share is asked back with each of them as a choice.
    const choices = request.message.key === 'ambiguousLoss' ? request.message.candidates.map((c) => c.id) : undefined;
    return { answer: { kind: 'clarification', askBack: askBack(request.code, request.message, choices) }, pending: pendingOf(request, numbers) };
  }
  try {
    const worked = runWorked(request, heading);
    return { answer: item ? { kind: 'calculation', worked, item } : { kind: 'calculation', worked }, calculated: request.lossCase };
  } catch (error) {
    if (!(error instanceof CalcError)) throw error;
    const message = { key: 'refused', loss: ctx.finder.nameOf(request.lossCase.loss), reason: error.message } as const;
    return { answer: { kind: 'clarification', askBack: askBack('calculation_refused', message) } };
  }
}

/** The loss an item is about: its front matter says, or a loss its title or claim names (a learner's list). */
export function lossOf(finder: LossFinder, item: Item | undefined): string | undefined {
  if (!item) return undefined;
  if (item.loss) return item.loss;
  const named = finder.find(`${item.title} ${item.claim}`).find((m) => m.status === 'found');
  return named?.status === 'found' ? named.id : undefined;
}

/** A worked example's case and where its numbers come from. */
export interface ExampleCase {
  lossCase: LossCase;
  source: ExampleSource;
}

/** A note's numbers for a loss: its front matter's example, else one written in its text. */
function numbersOf(finder: LossFinder, item: Item, loss: string): LossCase | undefined {
  if (item.example) return lossOf(finder, item) === loss ? item.example : undefined;
  return noteExample(item, loss, finder.nameOf(loss));
}

/**
 * The item's own worked example, else the numbers of its note (or another note on its loss), else
 * a teaching-sized case said to be illustrative: the learner is told where the numbers come from.
 */
export function exampleCase(kb: KnowledgeBase, finder: LossFinder, item: Item | undefined): ExampleCase | undefined {
  if (!item) return undefined;
  if (item.example) return { lossCase: item.example, source: { kind: 'item' } };
  const loss = lossOf(finder, item);
  if (!loss) return undefined;
  const taught = teachingCase(loss, `${item.title} ${item.claim}`);
  return notesExample(kb, finder, loss, item) ?? (taught && { lossCase: taught, source: { kind: 'illustrative' } });
}

/** The first note (the item first, if given) whose numbers make an example of the loss. */
export function notesExample(kb: KnowledgeBase, finder: LossFinder, loss: string, first?: Item): ExampleCase | undefined {
  for (const note of [...(first ? [first] : []), ...kb.items.filter((other) => other !== first && lossOf(finder, other) === loss)]) {
    const lossCase = numbersOf(finder, note, loss);
    if (lossCase) return { lossCase, source: { kind: 'note', item: note.number } };
  }
  return undefined;
}

/** A worked example the answer may add on its own: left out when the calculator refuses it. */
export function optionalExample({ lossCase, source }: ExampleCase): WorkedCalculation | undefined {
  try {
    return { ...runWorked({ kind: 'case', lossCase, assumedOrder: false }, 'workedExample'), source };
  } catch (error) {
    if (error instanceof CalcError) return undefined;
    throw error;
  }
}
