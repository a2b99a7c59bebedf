import { beforeAll, describe, expect, it } from 'vitest';
import { answerers, decide } from '../../../src/tutor/decide/decide';
import type { AnswerPlan } from '../../../src/tutor/decide/answer-plan';
import { emptySessionState, nextState, type SessionState } from '../../../src/tutor/session-state';
import { ground } from '../../../src/tutor/ground/grounded-turn';
import { understand } from '../../../src/tutor/understand/turn-reading';
import { finder, groundText, loadBundled, type Bundled } from './stage-fixtures';

let bundled: Bundled;
beforeAll(async () => {
  bundled = await loadBundled();
});

function decideText(text: string, state: SessionState = emptySessionState()) {
  const turn = groundText(bundled, text, state);
  return decide(turn, { kb: bundled.kb, finder, lang: turn.reading.lang, state });
}

const notes = (plan: AnswerPlan): AnswerPlan & { kind: 'notes' } => {
  if (plan.kind !== 'notes') throw new Error(`expected an answer from the notes, got ${plan.kind}`);
  return plan;
};

describe('decide: GroundedTurn → AnswerPlan and state events', () => {
  it('ends its table with an answerer that accepts every turn', () => {
    const last = answerers[answerers.length - 1];
    expect(last?.kind).toBe('notes');
  });

  it.each([
    ['hi', 'greeting'],
    ['thanks!!', 'small_talk'],
    ["what's the capital of France", 'out_of_scope'],
    ['explain item 999', 'clarification'],
    ['which loss is best?', 'clarification'],
    ['quiz me on focal loss', 'quiz_question'],
    ['what is focal loss?', 'notes'],
  ] as const)('plans "%s" as %s', (text, kind) => {
    expect(decideText(text).plan.kind).toBe(kind);
  });

  it('grades a statement during an open quiz, and remembers a miss', () => {
    const asked = decideText('quiz me on item 35');
    expect(asked.plan.kind).toBe('quiz_question');
    const graded = decideText('the loss gets smaller', nextState(emptySessionState(), asked.events));
    expect(graded.plan).toMatchObject({ kind: 'quiz_grade', grade: { correct: false } });
    expect(graded.events).toContainEqual(expect.objectContaining({ type: 'quiz_graded', item: 35, correct: false }));
  });

  it('plans what a partly right reply missed, each idea once with the passage that says it', () => {
    const open = nextState(emptySessionState(), decideText('quiz me on item 35').events);
    const { plan } = decideText('it grows', open);
    if (plan.kind !== 'quiz_grade') throw new Error(`expected a grade, got ${plan.kind}`);
    expect(plan.grade).toMatchObject({ correct: false, partly: true });
    expect(plan.missed.map((m) => m.idea.text)).toEqual(['because each of its gradients is multiplied by the larger weight']);
    expect(plan.missed[0]?.passage?.passage.id).toMatch(/^35\./);
    const right = decideText('its share of the gradient grows', open).plan;
    expect(right).toMatchObject({ kind: 'quiz_grade', grade: { correct: true }, missed: [] });
  });

  it('asks back with each candidate as a choice when a loss name is ambiguous', () => {
    const { plan, events } = decideText('compute hinge for targets [1, -1, 1] and predictions [0.5, -0.2, 2]');
    const asked = notes(plan).askedBack;
    expect(asked?.clarification.code).toBe('ambiguous_loss');
    expect(asked?.clarification.choices?.length).toBeGreaterThan(1);
    expect(asked?.clarification.choices).toContain('hinge');
    expect(events).toContainEqual(expect.objectContaining({ type: 'asked_back' }));
  });

  it('quizzes with an item on the same topic when the item named has no questions', () => {
    // The bundled notes as a learner might have them: item 9 written without a quiz.
    const items = bundled.kb.items.map((item) => (item.number === 9 ? { ...item, quiz: [] } : item));
    const kb = { ...bundled.kb, items, byNumber: new Map(items.map((item) => [item.number, item])) };
    const turn = ground(understand('quiz me on item 9', emptySessionState(), kb, finder), emptySessionState(), { kb, search: bundled.search });
    const { plan } = decide(turn, { kb, finder, lang: 'en', state: emptySessionState() });
    expect(plan.kind).toBe('quiz_question');
    const asked = plan.kind === 'quiz_question' ? plan.item : undefined;
    expect(asked?.number).not.toBe(9);
    expect(asked?.quiz.length).toBeGreaterThan(0);
    expect(turn.quizItems[0]).toBe(asked);
  });

  it('asks a note what it says when neither it nor anything on its topic has questions', () => {
    const items = bundled.kb.items.map((item) => (item.number === 9 ? { ...item, quiz: [] } : item));
    const kb = { ...bundled.kb, items, byNumber: new Map(items.map((item) => [item.number, item])) };
    const turn = { ...ground(understand('quiz me on item 9', emptySessionState(), kb, finder), emptySessionState(), { kb, search: bundled.search }), quizItems: [] };
    const { plan } = decide(turn, { kb, finder, lang: 'en', state: emptySessionState() });
    expect(plan).toMatchObject({ kind: 'quiz_question', item: { number: 9 }, aboutClaim: true });
    if (plan.kind === 'quiz_question') expect(plan.question.answer).toBe(kb.byNumber.get(9)!.claim);
  });

  it('plans a comparison of two named items with both as sides', () => {
    const [part] = notes(decideText('diff between item 6 and item 7').plan).parts;
    expect(part?.answer.kind).toBe('comparison');
    if (part?.answer.kind === 'comparison') expect(part.answer.sides.map((side) => side.item.number)).toEqual([6, 7]);
  });

  it('runs the calculation it plans and records it as an event', () => {
    const { plan, events } = decideText('compute mse for targets [1, 2, 3] and predictions [1, 2, 4]');
    const [part] = notes(plan).parts;
    expect(part?.answer.kind).toBe('calculation');
    if (part?.answer.kind === 'calculation') expect(part.answer.worked.calculation.value).toBeCloseTo(1 / 3, 10);
    expect(events).toContainEqual(expect.objectContaining({ type: 'calculated', lossCase: expect.objectContaining({ loss: 'mse' }) }));
  });

  it('fills the pending question with the next turn: the loss asked for, then the numbers', () => {
    const first = decideText('compute the mse');
    expect(first.events).toContainEqual(expect.objectContaining({ type: 'asked_back' }));
    const [part] = notes(decideText('targets [1, 2, 3] and predictions [1, 2, 4]', nextState(emptySessionState(), first.events)).plan).parts;
    expect(part?.answer).toMatchObject({ kind: 'calculation', worked: { calculation: { loss: 'mse' } } });
  });

  it('names the items shown in the order the answer cites them', () => {
    const { plan, events } = decideText('explain item 9');
    const shown = events.find((e) => e.type === 'shown');
    expect(notes(plan).claim?.number).toBe(9);
    expect(shown?.type === 'shown' ? shown.items[0] : undefined).toBe(9);
  });
});
