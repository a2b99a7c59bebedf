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
import type { Clarification, ClarifyCode } from './answer';
import { AnswerComposer } from './answer-composer';
import { carriedCalculation } from './carried-calculation';
import { computationRequest, isFollowUp, readFreshCase, readRequest, rerunRequest, type CalculationRequest } from './understand/calculation-request';
import { assignRoles, type ExtractedNumbers } from './understand/number-extraction';
import { greetingText, helpText, outOfScopeText, smallTalkText } from './canned-replies';
import { clarifications } from './clarification';
import { exampleCase, runCaseSafely, writeWorkedExample } from './example-writer';
import { detectIntents, type Intent } from './intent';
import type { ResolvedReference } from './item-reference';
import { phrasesFor } from './language';
import { createLossFinder, type LossFinder, type LossMention } from './loss-mention';
import { viewItem } from './note-sections';
import { nextStep, writeClaim, writeComparison, writeSections, writeSeeAlso, writeSources } from './note-writer';
import { asksNextQuestion, gradeQuizReply, isQuizReply, startQuiz } from './quiz-turn';
import { quizItemForLoss } from './quiz';
import { afterTurn, reviewTurn } from './review-turn';
import { nextState, readSessionState, type PendingQuestion, type SessionState, type StateEvent } from './session-state';
import type { TurnContext } from './turn-context';
import { hasOwnSubject, lossOf, planParts, type PartPlan } from './turn-plan';
import type { TutorEngine, Turn, TurnResult } from './tutor-engine';
import { understand } from './understand/turn-reading';

export interface EmbeddedTutorDeps {
  kb: KnowledgeBase;
  search: ItemSearch;
}

interface PartOutcome {
  clarify: boolean;
  clarification?: Clarification;
  calculated?: LossCase;
  /** The question asked back, for the next turn to answer. */
  pending?: PendingQuestion;
}

function calculationOutcome(ctx: TurnContext, request: CalculationRequest, heading: string, level: string, numbers: ExtractedNumbers, item?: Item): PartOutcome {
  const { lang, out } = ctx;
  if (request.kind === 'clarify') {
    out.write(request.question);
    const pending: PendingQuestion = { code: request.code };
    if (request.loss !== undefined) pending.loss = request.loss;
    if (request.pending !== undefined) pending.calc = request.pending;
    const inputs = request.code === 'no_loss' ? assignRoles(numbers.lists) : undefined;
    if (inputs && !Array.isArray(inputs.yTrue[0]) && !Array.isArray(inputs.yPred[0])) pending.inputs = { yTrue: inputs.yTrue as number[], yPred: inputs.yPred as number[] };
    return { clarify: true, clarification: { code: request.code }, pending };
  }
  try {
    writeWorkedExample(ctx, request, heading, level);
    if (item) out.cite(item);
    return { clarify: false, calculated: request.lossCase };
  } catch (error) {
    if (!(error instanceof CalcError)) throw error;
    out.write(clarifications.refused(lang, ctx.finder.nameOf(request.lossCase.loss), error.message));
    return { clarify: true, clarification: { code: 'calculation_refused' } };
  }
}

function answerPart(ctx: TurnContext, plan: PartPlan, state: SessionState, level: string): PartOutcome {
  const { lang, p, out } = ctx;
  const [main] = plan.intents;
  const calculationFor = (request: CalculationRequest, heading: string): PartOutcome => calculationOutcome(ctx, request, heading, level, plan.numbers, plan.item);
  const changesTermWeights = Object.keys(plan.numbers.termWeights).length > 0;
  if (isFollowUp(plan.numbers) && main !== 'quiz') {
    const older = (): CalculationRequest => rerunRequest(plan.numbers, state.lastCalculation, lang);
    return calculationFor(changesTermWeights ? older() : readRequest(plan.question, lang, state, plan.mentions, older), p.computation);
  }
  if (main === 'computation' || (state.pending?.calc !== undefined && main !== 'quiz')) {
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
      return { clarify: true, clarification: { code: 'no_example' } };
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

function clarifyReference(ctx: TurnContext, resolved: ResolvedReference): { text: string; code: ClarifyCode } | undefined {
  if (resolved.status === 'missing') {
    const numbers = ctx.kb.items.map((item) => item.number);
    return { text: clarifications.itemOutOfRange(ctx.lang, resolved.number, Math.min(...numbers), Math.max(...numbers)), code: 'item_out_of_range' };
  }
  if (resolved.status === 'dangling') return { text: clarifications.dangling(ctx.lang, resolved.matched), code: 'dangling_reference' };
  return undefined;
}

/** What a quiz request names: an item it refers to, else a loss it names ("quiz me on focal loss"). */
function quizSubject(kb: KnowledgeBase, resolved: ResolvedReference, mentions: LossMention[]): Item | undefined {
  if (resolved.status === 'item') return kb.byNumber.get(resolved.number);
  for (const mention of mentions) {
    const id = mention.status === 'found' ? mention.id : (mention.exact ?? mention.candidates[0]);
    const item = id === undefined ? undefined : quizItemForLoss(kb, id);
    if (item) return item;
  }
  return undefined;
}

function respond(deps: EmbeddedTutorDeps, finder: LossFinder, turn: Turn): TurnResult {
  const { kb } = deps;
  const stored = readSessionState(turn.state);
  const reading = understand(turn.text, stored, kb, finder);
  const { lang, text } = reading;
  const p = phrasesFor(lang);
  const out = new AnswerComposer(lang, turn.onDelta);
  const ctx: TurnContext = { ...deps, finder, lang, p, out };
  const state: SessionState = { ...stored, lang };
  const events: StateEvent[] = [{ type: 'language', lang }];
  const done = (clarify: boolean, clarification?: Clarification): TurnResult => ({ answer: out.finish(clarify, clarification), state: nextState(state, events) });

  const [firstIntent] = detectIntents(text);
  if (reading.act === 'greeting' || reading.act === 'help') {
    out.write(reading.act === 'greeting' ? greetingText(lang, kb) : helpText(lang, kb));
    return done(false);
  }
  if (reading.act === 'thanks' || reading.act === 'farewell' || reading.act === 'acknowledgement') {
    out.write(smallTalkText(lang, reading.act));
    return done(false);
  }
  // Small talk first: "thanks!" while a quiz question is open is not its answer (the question stays open).
  if (state.quiz && isQuizReply(text, state)) return gradeQuizReply(ctx, text, nextState(state, events));
  if (asksNextQuestion(text, state)) return startQuiz(ctx, nextState(state, events), undefined, true);
  if (reading.act === 'out_of_scope') {
    out.write(outOfScopeText(lang, kb));
    return done(false);
  }
  const carried = carriedCalculation(reading, state, finder);
  if (carried) {
    const outcome = calculationOutcome(ctx, carried, p.computation, '##', reading.calculation.numbers);
    if (outcome.calculated) events.push({ type: 'calculated', lossCase: outcome.calculated });
    if (outcome.pending) events.push({ type: 'asked_back', pending: outcome.pending });
    writeSources(ctx);
    return done(outcome.clarify, outcome.clarification);
  }

  const split = { parts: reading.parts };
  const resolved = reading.reference;
  const mentions = reading.mentions;
  const problem = clarifyReference(ctx, resolved);
  // "it" may point forward inside the message ("What is label smoothing? Why does it help?").
  const pointsForward = resolved.status === 'dangling' && resolved.via === 'pronoun' && (mentions.length > 0 || hasOwnSubject(split.parts[0] ?? ''));
  if (problem && !pointsForward) {
    out.write(problem.text);
    return done(true, { code: problem.code });
  }
  // A pronoun is resolved part by part ("What is MSE? How does it compare…" means MSE, not the old topic).
  const named = resolved.status === 'item' && resolved.via !== 'pronoun' ? kb.byNumber.get(resolved.number) : undefined;
  if (reading.underspecifiedChoice) {
    out.write(clarifications.underspecifiedChoice(lang));
    return done(true, { code: 'underspecified_choice', choices: ['regression', 'classification', 'ranking', 'segmentation'] });
  }
  if (firstIntent === 'quiz') return startQuiz(ctx, nextState(state, events), quizSubject(kb, resolved, mentions));

  const multi = split.parts.length > 1;
  const level = multi ? '###' : '##';
  const plans = planParts(ctx, split.parts, named, state);
  const shownItems = [named, ...plans.map((plan) => plan.item)].filter((item): item is Item => item !== undefined);
  if (lang !== 'en' && shownItems.some((item) => !viewItem(item, lang).inLearnersLanguage)) out.write(p.notesInEnglish);
  // A comparison opens with both sides' headings, not with the claim of the first item named.
  const comparing = plans.length === 1 && plans[0]?.intents[0] === 'comparison' && plans[0].others.length > 0;
  if (named && !comparing) writeClaim(ctx, named);

  const outcomes: PartOutcome[] = [];
  let partState = state;
  plans.forEach((plan, index) => {
    if (multi) {
      out.beginPart(plan.question);
      out.write(`## ${p.part(index + 1)} ${plan.question}`);
    }
    const outcome = answerPart(ctx, plan, partState, level);
    outcomes.push(outcome);
    if (outcome.calculated) {
      events.push({ type: 'calculated', lossCase: outcome.calculated });
      partState = { ...partState, lastCalculation: outcome.calculated };
    }
    if (!multi && !named && plan.item && !outcome.calculated && !outcome.clarify) writeSeeAlso(ctx, plan, out.cited());
  });
  // A worked example belongs with the explanation of an item the learner named: it closes the last part.
  const viaNumber = resolved.status === 'item' && (resolved.via === 'number' || resolved.via === 'quote');
  const explained = plans.some((plan) => plan.intents.some((i) => explains.includes(i)));
  if (named && viaNumber && explained && !outcomes.some((o) => o.calculated || o.clarify)) {
    const lossCase = exampleCase(ctx, named);
    const example = lossCase && runCaseSafely(ctx, lossCase, level);
    if (example) events.push({ type: 'calculated', lossCase: example });
  }
  out.endPart();
  const topic = [...plans].reverse().find((plan) => plan.item)?.item ?? named;
  const clarify = outcomes.every((o) => o.clarify);
  if (!clarify) nextStep(ctx, topic, plans.flatMap((plan) => plan.hits));
  writeSources(ctx);
  events.push({ type: 'shown', items: out.cited() });
  if (topic && !clarify) events.push({ type: 'topic', item: topic.number });
  const asked = clarify ? outcomes.find((o) => o.pending)?.pending : undefined;
  if (asked) events.push({ type: 'asked_back', pending: asked });
  return done(clarify, clarify ? outcomes.find((o) => o.clarification)?.clarification : undefined);
}

export function createEmbeddedTutor(deps: EmbeddedTutorDeps): TutorEngine {
  const finder = createLossFinder(losses);
  return {
    async answer(turn: Turn): Promise<TurnResult> {
      turn.signal?.throwIfAborted();
      // Study turns (docs/study.md) are answered before the rest; a graded quiz question reviews its card.
      return reviewTurn(deps, finder, turn) ?? afterTurn(deps, finder, turn, respond(deps, finder, turn));
    },
  };
}
