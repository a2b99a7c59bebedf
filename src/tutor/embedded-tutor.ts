/**
 * The embedded tutor: no language model, only the notes, the search index and the calculator.
 * A turn is understood (item references, parts, intents, numbers, loss names), answered part by
 * part from the sections of the notes that fit, and every number shown comes from the calculator.
 */
import { CalcError } from '../core/calc-error';
import { losses } from '../core/index';
import type { LossCase } from '../core/case';
import type { Item, KnowledgeBase } from '../kb/item';
import type { ItemSearch } from '../search/hit';
import { AnswerComposer } from './answer-composer';
import { computationRequest, isFollowUp, readFreshCase, readRequest, rerunRequest, type CalculationRequest } from './calculation-request';
import type { PendingCalcQuestion } from './calc-request';
import { greetingText, helpText } from './canned-replies';
import { clarifications } from './clarification';
import { exampleCase, runCaseSafely, writeWorkedExample } from './example-writer';
import { detectIntents, type Intent } from './intent';
import { findItemReferences, resolveItemReference, type ResolvedReference } from './item-reference';
import { detectLanguage, phrasesFor } from './language';
import { createLossFinder, type LossFinder } from './loss-mention';
import { viewItem } from './note-sections';
import { nextStep, writeClaim, writeComparison, writeSections, writeSeeAlso, writeSources } from './note-writer';
import { splitQuestions } from './question-split';
import { gradeQuizReply, isQuizReply, startQuiz } from './quiz-turn';
import type { SessionState } from './session-state';
import type { TurnContext } from './turn-context';
import { hasOwnSubject, lossOf, planParts, type PartPlan } from './turn-plan';
import type { TutorEngine, Turn, TurnResult } from './tutor-engine';

export interface EmbeddedTutorDeps {
  kb: KnowledgeBase;
  search: ItemSearch;
}

interface PartOutcome {
  clarify: boolean;
  calculated?: LossCase;
  pending?: PendingCalcQuestion;
}

function answerPart(ctx: TurnContext, plan: PartPlan, state: SessionState, level: string): PartOutcome {
  const { lang, p, out } = ctx;
  const [main] = plan.intents;
  const calculationFor = (request: CalculationRequest, heading: string): PartOutcome => {
    if (request.kind === 'clarify') {
      out.write(request.question);
      return { clarify: true, ...(request.pending ? { pending: request.pending } : {}) };
    }
    try {
      writeWorkedExample(ctx, request, heading, level);
      if (plan.item) out.cite(plan.item);
      return { clarify: false, calculated: request.lossCase };
    } catch (error) {
      if (!(error instanceof CalcError)) throw error;
      out.write(clarifications.refused(lang, ctx.finder.nameOf(request.lossCase.loss), error.message));
      return { clarify: true };
    }
  };
  const changesTermWeights = Object.keys(plan.numbers.termWeights).length > 0;
  if (isFollowUp(plan.numbers) && main !== 'quiz') {
    const older = (): CalculationRequest => rerunRequest(plan.numbers, state.lastCalculation, lang);
    return calculationFor(changesTermWeights ? older() : readRequest(plan.question, lang, state, plan.mentions, older), p.computation);
  }
  if (main === 'computation' || (state.pendingCalculation && main !== 'quiz')) {
    const itemLoss = plan.source === 'reference' || plan.source === 'conversation' ? lossOf(ctx, plan.item) : undefined;
    const older = (): CalculationRequest => computationRequest(plan.numbers, plan.mentions, itemLoss, ctx.finder, lang);
    return calculationFor(readRequest(plan.question, lang, state, plan.mentions, older), p.computation);
  }
  const fresh = main !== 'quiz' && main !== 'example' ? readFreshCase(plan.question, lang, plan.mentions) : undefined;
  if (fresh) return calculationFor(fresh, p.computation);
  if (main === 'example') {
    const lossCase = exampleCase(ctx, plan.item);
    if (!lossCase) {
      out.write(clarifications.noExample(lang, plan.item ? viewItem(plan.item, lang).text.title : p.workedExample));
      return { clarify: true };
    }
    return calculationFor({ kind: 'case', lossCase, assumedOrder: false }, p.workedExample);
  }
  if (!plan.item) {
    out.write(p.notCovered);
    return { clarify: false };
  }
  if (main === 'comparison' && plan.others.length > 0) {
    writeComparison(ctx, plan, level);
    return { clarify: false };
  }
  writeSections(ctx, plan.item, plan.intents, plan.question, plan.hits, level);
  return { clarify: false };
}

const explains: Intent[] = ['definition', 'how', 'training', 'claim'];

function clarifyReference(ctx: TurnContext, resolved: ResolvedReference): string | undefined {
  if (resolved.status === 'missing') {
    const numbers = ctx.kb.items.map((item) => item.number);
    return clarifications.itemOutOfRange(ctx.lang, resolved.number, Math.min(...numbers), Math.max(...numbers));
  }
  if (resolved.status === 'dangling') return clarifications.dangling(ctx.lang, resolved.matched);
  return undefined;
}

function respond(deps: EmbeddedTutorDeps, finder: LossFinder, turn: Turn): TurnResult {
  const { kb } = deps;
  const lang = detectLanguage(turn.text);
  const p = phrasesFor(lang);
  const out = new AnswerComposer(lang, turn.onDelta);
  const ctx: TurnContext = { ...deps, finder, lang, p, out };
  let state: SessionState = { ...turn.state, lang };
  const done = (clarify: boolean): TurnResult => ({ answer: out.finish(clarify), state });

  const [firstIntent] = detectIntents(turn.text);
  if (state.quiz && isQuizReply(turn.text)) return gradeQuizReply(ctx, turn.text, state);
  if (firstIntent === 'greeting' || firstIntent === 'help') {
    out.write(firstIntent === 'greeting' ? greetingText(lang, kb) : helpText(lang, kb));
    return done(false);
  }

  const split = splitQuestions(turn.text);
  const resolved = resolveItemReference(findItemReferences(turn.text, kb), kb, state);
  const mentions = finder.find(turn.text);
  const problem = clarifyReference(ctx, resolved);
  // "it" may point forward inside the message ("What is label smoothing? Why does it help?").
  const pointsForward = resolved.status === 'dangling' && resolved.via === 'pronoun' && (mentions.length > 0 || hasOwnSubject(split.parts[0] ?? ''));
  if (problem && !pointsForward) {
    out.write(problem);
    return done(true);
  }
  // A pronoun is resolved part by part ("What is MSE? How does it compare…" means MSE, not the old topic).
  const named = resolved.status === 'item' && resolved.via !== 'pronoun' ? kb.byNumber.get(resolved.number) : undefined;
  if (firstIntent === 'quiz') {
    const subject = resolved.status === 'item' ? kb.byNumber.get(resolved.number) : undefined;
    return startQuiz(ctx, state, subject);
  }

  const multi = split.parts.length > 1;
  const level = multi ? '###' : '##';
  const plans = planParts(ctx, split.parts, named, state);
  const shownItems = [named, ...plans.map((plan) => plan.item)].filter((item): item is Item => item !== undefined);
  if (lang !== 'en' && shownItems.some((item) => !viewItem(item, lang).inLearnersLanguage)) out.write(p.notesInEnglish);
  if (named) writeClaim(ctx, named);

  const outcomes: PartOutcome[] = [];
  plans.forEach((plan, index) => {
    if (multi) {
      out.beginPart(plan.question);
      out.write(`## ${p.part(index + 1)} ${plan.question}`);
    }
    const outcome = answerPart(ctx, plan, state, level);
    outcomes.push(outcome);
    if (outcome.calculated) state = { ...state, lastCalculation: outcome.calculated };
    const { pendingCalculation: _answered, ...rest } = state;
    state = outcome.pending ? { ...rest, pendingCalculation: outcome.pending } : rest;
    if (!multi && !named && plan.item && !outcome.calculated && !outcome.clarify) writeSeeAlso(ctx, plan, out.cited());
  });
  // A worked example belongs with the explanation of an item the learner named: it closes the last part.
  const viaNumber = resolved.status === 'item' && (resolved.via === 'number' || resolved.via === 'quote');
  const explained = plans.some((plan) => plan.intents.some((i) => explains.includes(i)));
  if (named && viaNumber && explained && !outcomes.some((o) => o.calculated || o.clarify)) {
    const lossCase = exampleCase(ctx, named);
    const example = lossCase && runCaseSafely(ctx, lossCase, level);
    if (example) state = { ...state, lastCalculation: example };
  }
  out.endPart();
  const topic = [...plans].reverse().find((plan) => plan.item)?.item ?? named;
  const clarify = outcomes.every((o) => o.clarify);
  if (!clarify) nextStep(ctx, topic, plans.flatMap((plan) => plan.hits));
  writeSources(ctx);
  state = { ...state, lastShown: out.cited() };
  if (topic && !clarify) state.topic = topic.number;
  return done(clarify);
}

export function createEmbeddedTutor(deps: EmbeddedTutorDeps): TutorEngine {
  const finder = createLossFinder(losses);
  return {
    async answer(turn: Turn): Promise<TurnResult> {
      turn.signal?.throwIfAborted();
      return respond(deps, finder, turn);
    },
  };
}
