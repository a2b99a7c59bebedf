/**
 * The decide stage: what to answer, as an AnswerPlan, and the state events the turn causes. The
 * first answerer in the table that accepts the grounded turn plans it; the order is the priority
 * (small talk before a quiz reply, a question asked back before the notes).
 */
import type { Item } from '../../kb/item';
import type { ResolvedReference } from '../item-reference';
import { viewItem } from '../note-sections';
import { carriedCalculation } from '../carried-calculation';
import { askBack, type AskBack } from '../clarification';
import type { Intent } from '../intent';
import { asksAboutClaim, gradeReply, pickNextQuestion, pickQuestion, quizQuestion, type Grade } from '../quiz';
import type { SessionState, StateEvent } from '../session-state';
import type { GroundedIdea, GroundedQuiz, GroundedTurn } from '../ground/grounded-turn';
import type { AnswerKind, AnswerPlan, NextStep, PartAnswer, PlannedPart, WorkedCalculation } from './answer-plan';
import { calculationOutcome, exampleCase, optionalExample, type DecideContext, type PartOutcome } from './calculation';
import { answerPart } from './part-answerers';

export interface Decision {
  plan: AnswerPlan;
  /** What the turn changes in the conversation, for nextState. */
  events: StateEvent[];
}

export interface Answerer {
  kind: AnswerKind | string;
  accepts(turn: GroundedTurn, ctx: DecideContext): boolean;
  plan(turn: GroundedTurn, ctx: DecideContext): Decision;
}

const said = (plan: AnswerPlan, events: StateEvent[] = []): Decision => ({ plan, events });

function itemRange(ctx: DecideContext): string {
  const numbers = ctx.kb.items.map((item) => item.number);
  return numbers.length === 0 ? '' : `${Math.min(...numbers)}–${Math.max(...numbers)}`;
}

/** Items that have quiz questions, to choose from: the named item's related items first. */
function quizChoices(ctx: DecideContext, named: Item | undefined): string[] {
  const related = (named?.related ?? []).map((n) => ctx.kb.byNumber.get(n)).filter((item): item is Item => item !== undefined);
  const withQuiz = [...related, ...ctx.kb.items].filter((item) => item.quiz.length > 0);
  return [...new Set(withQuiz.map((item) => `#${item.number}`))].slice(0, 3);
}

/**
 * A quiz question on what the request names (the named item, else a card on its topic), or the next
 * one after the last asked, or the learner's oldest miss.
 */
function startQuiz(ctx: DecideContext, named: Item | undefined, next: boolean, before: StateEvent[] = [], quizItems: Item[] = []): Decision {
  const asked = quizItems.length > 0 ? quizItems : named ? [named] : [];
  const pick = next && asked.length === 0 ? pickNextQuestion(ctx.kb, ctx.state) : pickQuestion(ctx.kb, ctx.state, asked.map((item) => item.number));
  const item = pick && ctx.kb.byNumber.get(pick.item);
  const question = item && pick && quizQuestion(item, pick, ctx.lang);
  if (!item || !pick || !question) return said({ kind: 'clarification', askBack: askBack('no_quiz', { key: 'noQuiz' }, quizChoices(ctx, named)) }, before);
  return said({ kind: 'quiz_question', item, question, ...(asksAboutClaim(item) ? { aboutClaim: true as const } : {}) }, [
    ...before,
    { type: 'quiz_asked', item: item.number, question: pick.question },
    { type: 'topic', item: item.number },
    { type: 'shown', items: [item.number] },
  ]);
}

function withoutOpenQuestion(state: SessionState): SessionState {
  const { quiz: _closed, ...rest } = state;
  return rest;
}

/** The ideas a grade found missing, each once, with where the note says it. */
function missedIdeas(quiz: GroundedQuiz, grade: Grade): GroundedIdea[] {
  const missed = quiz.ideas.filter((grounded) => grade.missingIdeas.some((idea) => idea.text === grounded.idea.text));
  return missed.filter((grounded, i) => missed.findIndex((other) => other.idea.text === grounded.idea.text) === i);
}

function referenceProblem(ctx: DecideContext, resolved: ResolvedReference): AskBack | undefined {
  if (resolved.status === 'missing') {
    const numbers = ctx.kb.items.map((item) => item.number);
    return askBack('item_out_of_range', { key: 'itemOutOfRange', n: resolved.number, first: Math.min(...numbers), last: Math.max(...numbers) });
  }
  if (resolved.status === 'dangling') return askBack('dangling_reference', { key: 'dangling', word: resolved.matched });
  return undefined;
}

/** "it" may point forward inside the message ("What is label smoothing? Why does it help?"). */
function pointsForward(turn: GroundedTurn): boolean {
  const { reference, mentions, parts } = turn.reading;
  return reference.status === 'dangling' && reference.via === 'pronoun' && (mentions.length > 0 || (parts[0]?.ownSubject ?? false));
}

/** The items a part's answer cites, in the order compose cites them. */
function citedBy(answer: PartAnswer): Item[] {
  const ofExplanation = (e: { item: Item; support: { item: Item }[] }): Item[] => [e.item, ...e.support.map((s) => s.item)];
  if (answer.kind === 'explanation') return ofExplanation(answer.explanation);
  if (answer.kind === 'comparison') return answer.sides.flatMap(ofExplanation);
  if (answer.kind === 'calculation') return answer.item ? [answer.item] : [];
  return [];
}

/** A related item to read next (the note's own links first, else a close search hit) and a quiz. */
function nextStep(ctx: DecideContext, main: Item | undefined, hits: Item[], cited: number[]): NextStep | undefined {
  if (!main) return undefined;
  const linked = main.related.map((n) => ctx.kb.byNumber.get(n)).filter((item): item is Item => item !== undefined);
  const related = [...linked, ...hits].find((item) => !cited.includes(item.number)) ?? linked[0];
  const next: NextStep = {};
  if (related) next.related = related;
  if (main.quiz.length > 0) next.quizItem = main.number;
  return next.related || next.quizItem !== undefined ? next : undefined;
}

const explains: Intent[] = ['definition', 'how', 'training', 'claim'];

/** The turn answered part by part from the notes (and the calculator), each part's item the next part's "it". */
function answerFromNotes(turn: GroundedTurn, ctx: DecideContext): Decision {
  const { named, parts, reading } = turn;
  const multi = parts.length > 1;
  const shownItems = [named, ...parts.map((part) => part.item)].filter((item): item is Item => item !== undefined);
  const notesInEnglish = ctx.lang !== 'en' && shownItems.some((item) => !viewItem(item, ctx.lang).inLearnersLanguage);
  // A comparison opens with both sides' headings, not with the claim of the first item named.
  const comparing = parts.length === 1 && parts[0]?.reading.intents[0] === 'comparison' && parts[0].others.length > 0;
  const claim = named && !comparing ? named : undefined;
  const cited: number[] = claim ? [claim.number] : [];
  const cite = (items: Item[]): void => items.forEach((item) => cited.includes(item.number) || cited.push(item.number));
  const events: StateEvent[] = [];
  const outcomes: PartOutcome[] = [];
  const planned: PlannedPart[] = [];
  let state = ctx.state;
  for (const part of parts) {
    const outcome = answerPart(part, { ...ctx, state });
    outcomes.push(outcome);
    if (outcome.calculated) {
      events.push({ type: 'calculated', lossCase: outcome.calculated });
      state = { ...state, lastCalculation: outcome.calculated };
    }
    cite(citedBy(outcome.answer));
    const plannedPart: PlannedPart = { question: part.reading.question, answer: outcome.answer };
    const fromNotes = outcome.answer.kind === 'explanation' || outcome.answer.kind === 'comparison';
    const seeAlso = !multi && !named && fromNotes ? part.hits.find((hit) => !cited.includes(hit.number) && hit.number !== part.item?.number) : undefined;
    if (seeAlso) {
      plannedPart.seeAlso = seeAlso;
      cite([seeAlso]);
    }
    planned.push(plannedPart);
  }
  const plan: AnswerPlan = { kind: 'notes', notesInEnglish, multi, parts: planned };
  if (claim) plan.claim = claim;
  // A worked example belongs with the explanation of an item the learner named: it closes the last part.
  const viaNumber = reading.reference.status === 'item' && (reading.reference.via === 'number' || reading.reference.via === 'quote');
  const explained = parts.some((part) => part.reading.intents.some((i) => explains.includes(i)));
  const calculatedOrAsked = outcomes.some((o) => o.calculated || o.answer.kind === 'clarification');
  const exampleOf = named && viaNumber && explained && !calculatedOrAsked ? exampleCase(ctx.kb, ctx.finder, named) : undefined;
  const example: WorkedCalculation | undefined = exampleOf && optionalExample(exampleOf);
  if (example && exampleOf) {
    plan.example = example;
    events.push({ type: 'calculated', lossCase: exampleOf.lossCase });
  }
  const topic = [...parts].reverse().find((part) => part.item)?.item ?? named;
  const asked = outcomes.every((o) => o.answer.kind === 'clarification');
  const next = asked ? undefined : nextStep(ctx, topic, parts.flatMap((part) => part.hits), cited);
  if (next) plan.next = next;
  events.push({ type: 'shown', items: cited });
  if (topic && !asked) events.push({ type: 'topic', item: topic.number });
  if (asked) {
    const first = outcomes.find((o) => o.answer.kind === 'clarification');
    if (first?.answer.kind === 'clarification') plan.askedBack = first.answer.askBack;
    const pending = outcomes.find((o) => o.pending)?.pending;
    if (pending) events.push({ type: 'asked_back', pending });
  }
  return { plan, events };
}

export const answerers: readonly Answerer[] = [
  {
    kind: 'greeting',
    accepts: (turn) => turn.reading.act === 'greeting' || turn.reading.act === 'help',
    plan: (turn, ctx) => said({ kind: turn.reading.act === 'greeting' ? 'greeting' : 'help', items: ctx.kb.items.length, range: itemRange(ctx) }),
  },
  {
    kind: 'small_talk',
    accepts: (turn) => turn.reading.act === 'thanks' || turn.reading.act === 'farewell' || turn.reading.act === 'acknowledgement',
    plan: (turn) => said({ kind: 'small_talk', act: turn.reading.act as 'thanks' | 'farewell' | 'acknowledgement' }),
  },
  {
    kind: 'quiz_grade',
    accepts: (turn) => turn.reading.act === 'quiz_reply' && turn.openQuiz !== undefined,
    plan: (turn) => {
      const quiz = turn.openQuiz!;
      const { item, pick, question } = quiz;
      const grade = gradeReply(turn.reading.text, question);
      return said({ kind: 'quiz_grade', item, question, grade, missed: missedIdeas(quiz, grade) }, [
        { type: 'quiz_graded', item: pick.item, question: pick.question, correct: grade.correct },
        { type: 'topic', item: item.number },
        { type: 'shown', items: [item.number] },
      ]);
    },
  },
  {
    kind: 'quiz_question',
    // An open question the notes no longer have is closed, and another asked.
    accepts: (turn) => turn.reading.act === 'quiz_reply' || turn.reading.act === 'next_question',
    plan: (turn, ctx) =>
      turn.reading.act === 'quiz_reply'
        ? startQuiz({ ...ctx, state: withoutOpenQuestion(ctx.state) }, undefined, false, [{ type: 'quiz_closed' }])
        : startQuiz(ctx, undefined, true),
  },
  {
    kind: 'out_of_scope',
    accepts: (turn) => turn.reading.act === 'out_of_scope',
    plan: (_turn, ctx) => said({ kind: 'out_of_scope', items: ctx.kb.items.length }),
  },
  {
    kind: 'carried calculation',
    accepts: (turn, ctx) => carriedCalculation(turn.reading, ctx.state, ctx.finder) !== undefined,
    plan: (turn, ctx) => {
      const request = carriedCalculation(turn.reading, ctx.state, ctx.finder)!;
      const outcome = calculationOutcome(ctx, request, 'computation', turn.reading.calculation.numbers);
      const plan: AnswerPlan = { kind: 'notes', notesInEnglish: false, multi: false, parts: [{ question: turn.reading.text, answer: outcome.answer }] };
      const events: StateEvent[] = [];
      if (outcome.calculated) events.push({ type: 'calculated', lossCase: outcome.calculated });
      if (outcome.answer.kind === 'clarification') plan.askedBack = outcome.answer.askBack;
      if (outcome.pending) events.push({ type: 'asked_back', pending: outcome.pending });
      return { plan, events };
    },
  },
  {
    kind: 'clarification',
    accepts: (turn, ctx) => referenceProblem(ctx, turn.reading.reference) !== undefined && !pointsForward(turn),
    plan: (turn, ctx) => said({ kind: 'clarification', askBack: referenceProblem(ctx, turn.reading.reference)! }),
  },
  {
    kind: 'clarification',
    accepts: (turn) => turn.reading.underspecifiedChoice,
    plan: () => said({ kind: 'clarification', askBack: askBack('underspecified_choice', { key: 'underspecifiedChoice' }, ['regression', 'classification', 'ranking', 'segmentation']) }),
  },
  {
    kind: 'quiz_question',
    accepts: (turn) => turn.reading.act === 'quiz_request',
    plan: (turn, ctx) => startQuiz(ctx, turn.quizSubject, false, [], turn.quizItems),
  },
  { kind: 'notes', accepts: () => true, plan: answerFromNotes },
];

export function decide(turn: GroundedTurn, ctx: DecideContext): Decision {
  const answerer = answerers.find((candidate) => candidate.accepts(turn, ctx)) ?? answerers[answerers.length - 1]!;
  const decision = answerer.plan(turn, ctx);
  return { plan: decision.plan, events: [{ type: 'language', lang: ctx.lang }, ...decision.events] };
}
