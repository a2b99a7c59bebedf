/**
 * How one part of a turn is answered: the first answerer in the table that accepts the grounded
 * part plans it. Calculations come first (a follow-up on the last numbers, a computation, a case
 * the learner's words give, a worked example), then the notes (nothing found, a comparison, an
 * explanation).
 */
import type { LossCase } from '../../core/case';
import { takesParam } from '../calc-request/param-words';
import type { GroundedPart } from '../ground/grounded-turn';
import type { ItemEvidence } from '../ground/item-evidence';
import { askBack } from '../clarification';
import { viewItem } from '../note-sections';
import { chooseLoss, computationRequest, readRequest, rerunRequest, type CalculationRequest } from '../understand/calculation-request';
import type { Explanation, PartAnswer } from './answer-plan';
import { calculationOutcome, exampleCase, lossOf, notesExample, type DecideContext, type ExampleCase, type PartOutcome } from './calculation';

export interface PartAnswerer {
  kind: string;
  accepts(part: GroundedPart, ctx: DecideContext): boolean;
  plan(part: GroundedPart, ctx: DecideContext): PartOutcome;
}

const mainIntent = (part: GroundedPart) => part.reading.intents[0];

function explanationOf(evidence: ItemEvidence): Explanation {
  const explanation: Explanation = { item: evidence.item, sections: evidence.sections, support: evidence.support };
  if (evidence.passage) explanation.passage = evidence.passage;
  return explanation;
}

const fromNotes = (answer: PartAnswer): PartOutcome => ({ answer });

/** "show me an example with gamma 0": the example with the parameters the learner set that its loss takes. */
function withParamsSaid(lossCase: LossCase, params: Record<string, number>): LossCase {
  const taken = Object.entries(params).filter(([name]) => takesParam(lossCase.loss, name));
  return taken.length === 0 ? lossCase : { ...lossCase, params: { ...(lossCase.params ?? {}), ...Object.fromEntries(taken) } };
}

/** "the MSE for the house price example in my notes": a computation whose numbers are a note's example. */
function namedNotesExample(part: GroundedPart, ctx: DecideContext): ExampleCase | undefined {
  if (!/\bexample\b|\bmy notes?\b|筆記|例子|範例/i.test(part.reading.question)) return undefined;
  const loss = chooseLoss(part.reading.mentions, lossOf(ctx.finder, part.item));
  return loss && 'id' in loss ? notesExample(ctx.kb, ctx.finder, loss.id, part.item) : undefined;
}

/** The part's note is the conversation's, or one search found on the same loss (a card topic, a fact on it). */
function onTheThreadsLoss(part: GroundedPart, ctx: DecideContext): boolean {
  if (part.source === 'conversation') return true;
  const topic = ctx.state.topic === undefined ? undefined : ctx.kb.items.find((item) => item.number === ctx.state.topic);
  const loss = lossOf(ctx.finder, topic);
  return part.source === 'search' && loss !== undefined && lossOf(ctx.finder, part.item) === loss;
}

/** "gamma 改成 0 呢？" with nothing computed yet, in a thread on focal loss: the topic's example with that gamma. */
function topicExampleWith(part: GroundedPart, ctx: DecideContext): ExampleCase | undefined {
  const { params } = part.reading.numbers;
  const example = onTheThreadsLoss(part, ctx) ? exampleCase(ctx.kb, ctx.finder, part.item) : undefined;
  const names = Object.keys(params);
  if (!example || names.length === 0 || !names.every((name) => takesParam(example.lossCase.loss, name))) return undefined;
  return { ...example, lossCase: withParamsSaid(example.lossCase, params) };
}

function exampleOutcome(ctx: DecideContext, example: ExampleCase, part: GroundedPart): PartOutcome {
  const outcome = calculationOutcome(ctx, { kind: 'case', lossCase: example.lossCase, assumedOrder: false }, 'workedExample', part.reading.numbers, part.item);
  if (outcome.answer.kind === 'calculation') outcome.answer.worked.source = example.source;
  return outcome;
}

export const partAnswerers: readonly PartAnswerer[] = [
  {
    kind: 'rerun',
    accepts: (part) => part.reading.rerun,
    plan: (part, ctx) => {
      const { question, numbers, mentions } = part.reading;
      const example = ctx.state.lastCalculation ? undefined : topicExampleWith(part, ctx);
      if (example) return exampleOutcome(ctx, example, part);
      const older = (): CalculationRequest => rerunRequest(numbers, ctx.state.lastCalculation);
      const changesTermWeights = Object.keys(numbers.termWeights).length > 0;
      const request = changesTermWeights ? older() : readRequest(question, ctx.lang, ctx.state, mentions, older);
      return calculationOutcome(ctx, request, 'computation', numbers, part.item);
    },
  },
  {
    kind: 'computation',
    accepts: (part, ctx) => mainIntent(part) === 'computation' || (ctx.state.pending?.calc !== undefined && mainIntent(part) !== 'quiz'),
    plan: (part, ctx) => {
      const { question, numbers, mentions } = part.reading;
      // Only a reference or the conversation may settle which loss the numbers are for.
      const itemLoss = part.source === 'reference' || part.source === 'conversation' ? lossOf(ctx.finder, part.item) : undefined;
      const older = (): CalculationRequest => computationRequest(numbers, mentions, itemLoss, ctx.finder);
      const request = readRequest(question, ctx.lang, ctx.state, mentions, older);
      const example = request.kind === 'clarify' && numbers.lists.length === 0 ? namedNotesExample(part, ctx) : undefined;
      return example ? exampleOutcome(ctx, example, part) : calculationOutcome(ctx, request, 'computation', numbers, part.item);
    },
  },
  {
    kind: 'case in words',
    accepts: (part) => part.reading.freshCase !== undefined,
    plan: (part, ctx) => calculationOutcome(ctx, part.reading.freshCase!, 'computation', part.reading.numbers, part.item),
  },
  {
    kind: 'worked example',
    accepts: (part) => mainIntent(part) === 'example',
    plan: (part, ctx) => {
      const example = exampleCase(ctx.kb, ctx.finder, part.item);
      if (!example) {
        const message = part.item ? { key: 'noExample', title: viewItem(part.item, ctx.lang).text.title } as const : { key: 'noExample' } as const;
        return { answer: { kind: 'clarification', askBack: askBack('no_example', message) } };
      }
      return exampleOutcome(ctx, { ...example, lossCase: withParamsSaid(example.lossCase, part.reading.numbers.params) }, part);
    },
  },
  {
    kind: 'not covered',
    accepts: (part) => part.item === undefined,
    plan: () => fromNotes({ kind: 'not_covered' }),
  },
  {
    kind: 'comparison',
    accepts: (part) => mainIntent(part) === 'comparison' && part.others.length > 0,
    plan: (part) => fromNotes({ kind: 'comparison', sides: part.evidence.map(explanationOf) }),
  },
  {
    kind: 'explanation',
    accepts: (part) => part.evidence.length > 0,
    plan: (part) => fromNotes({ kind: 'explanation', explanation: explanationOf(part.evidence[0]!) }),
  },
];

export function answerPart(part: GroundedPart, ctx: DecideContext): PartOutcome {
  const answerer = partAnswerers.find((candidate) => candidate.accepts(part, ctx));
  return answerer ? answerer.plan(part, ctx) : fromNotes({ kind: 'not_covered' });
}
