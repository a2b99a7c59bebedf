import { beforeAll, describe, expect, it } from 'vitest';
import { compose } from '../../../src/tutor/compose/compose';
import { phrasebookFor } from '../../../src/tutor/compose/phrasebook';
import type { AnswerPlan } from '../../../src/tutor/decide/answer-plan';
import { decide } from '../../../src/tutor/decide/decide';
import type { Lang } from '../../../src/tutor/language';
import { emptySessionState, nextState, type SessionState } from '../../../src/tutor/session-state';
import { runCase } from '../../../src/tutor/worked-example';
import { finder, groundText, loadBundled, type Bundled } from './stage-fixtures';

let bundled: Bundled;
beforeAll(async () => {
  bundled = await loadBundled();
});

const write = (plan: AnswerPlan, lang: Lang = 'en') => compose(plan, { lang, nameOf: finder.nameOf });

function planOf(text: string, state: SessionState = emptySessionState()) {
  const turn = groundText(bundled, text, state);
  return decide(turn, { kb: bundled.kb, finder, lang: turn.reading.lang, state });
}

/** The grade of a reply to the quiz a request opened. */
function gradeOf(request: string, reply: string) {
  return planOf(reply, nextState(emptySessionState(), planOf(request).events)).plan;
}

describe('compose: AnswerPlan → AnswerBody', () => {
  it('writes small talk from the phrasebook of the language, citing nothing', () => {
    const thanks = write({ kind: 'small_talk', act: 'thanks' });
    expect(thanks.text).toBe(phrasebookFor('en').replies.thanks);
    expect(thanks.citations).toEqual([]);
    expect(write({ kind: 'small_talk', act: 'thanks' }, 'zh-Hant').text).toBe(phrasebookFor('zh-Hant').replies.thanks);
  });

  it('writes Simplified Chinese for a Simplified question from the Traditional phrasebook', () => {
    const text = write({ kind: 'out_of_scope', items: 84 }, 'zh-Hans').text;
    expect(text).toContain('这超出了');
    expect(text).not.toBe(phrasebookFor('zh-Hant').replies.outOfScope(84));
  });

  it('puts the code and the choices of a question asked back beside clarify', () => {
    const body = write({
      kind: 'clarification',
      askBack: { clarification: { code: 'ambiguous_loss', choices: ['hinge', 'squared-hinge'] }, message: { key: 'ambiguousLoss', said: 'hinge', candidates: [{ id: 'hinge', name: 'Hinge' }, { id: 'squared-hinge', name: 'Squared hinge' }] } },
    });
    expect(body.clarify).toBe(true);
    expect(body.clarification).toEqual({ code: 'ambiguous_loss', choices: ['hinge', 'squared-hinge'] });
    expect(body.text).toContain('Squared hinge (squared-hinge)');
  });

  it('writes a planned calculation with the numbers the calculator returned and records it', () => {
    const calculation = runCase({ loss: 'mae', inputs: { yTrue: [1, 2], yPred: [2, 4] } });
    const body = write({
      kind: 'notes',
      notesInEnglish: false,
      multi: false,
      parts: [{ question: 'mae?', answer: { kind: 'calculation', worked: { heading: 'computation', calculation, assumedOrder: false, readings: [] } } }],
    });
    expect(body.calculations).toEqual([calculation]);
    expect(body.text).toContain('L = 1.5');
    expect(body.clarify).toBe(false);
  });

  it('cites what the plan quotes, in the order decide recorded as shown, and streams deltas that join to the text', () => {
    const { plan, events } = planOf('What is MSE? How does it compare with MAE?');
    const deltas: string[] = [];
    const body = compose(plan, { lang: 'en', nameOf: finder.nameOf, onDelta: (d) => deltas.push(d) });
    const shown = events.find((e) => e.type === 'shown');
    expect(body.citations.map((c) => c.item)).toEqual(shown?.type === 'shown' ? shown.items : []);
    expect(deltas.join('')).toBe(body.text);
    expect(body.parts).toHaveLength(2);
  });

  it('quotes only the answering sentences of a passage, with its item and section', () => {
    const { plan } = planOf('How should I choose gamma for focal loss?');
    const body = write(plan);
    expect(body.text).toMatch(/— #27 §/);
    expect(body.citations[0]?.passages?.length).toBeGreaterThan(0);
  });

  it.each([
    ['en', 'quiz me on item 35', 'it grows', 'Partly right', 'What the model answer holds that yours did not', 'quiz me on item 35', 'next question'],
    ['zh-Hant', '考我第35條', '會變大', '部分正確', '參考答案有、你的回答還沒提到的重點', '考我第35條', '下一題'],
  ] as const)('explains a partly right reply in %s: what it missed, the passage that says it, the next step', (lang, request, reply, verdict, heading, retry, moveOn) => {
    const plan = gradeOf(request, reply);
    if (plan.kind !== 'quiz_grade') throw new Error(`expected a grade, got ${plan.kind}`);
    const body = write(plan, lang);
    const [missed] = plan.missed;
    const passage = missed?.passage;
    expect(body.text).toContain(verdict);
    expect(body.text).toContain(`**${heading}`);
    expect(body.text).toContain(`- ${missed?.idea.text}`);
    expect(body.text).toContain(`> ${passage?.sentences.join(' ')}\n\n— #35 §${passage?.passage.section}`);
    expect(body.text.indexOf(heading)).toBeLessThan(body.text.indexOf(phrasebookFor(lang).quiz.model));
    expect(body.text).toContain(retry);
    expect(body.text).toContain(moveOn);
    expect(body.citations).toEqual([expect.objectContaining({ item: 35, passages: [{ id: passage?.passage.id, section: passage?.passage.section }] })]);
  });

  it('writes neither missed ideas nor a next step for a right reply', () => {
    const body = write(gradeOf('quiz me on item 35', 'its share of the gradient grows'));
    expect(body.text).toContain('✅');
    expect(body.text).not.toContain(phrasebookFor('en').quiz.missingIdeas);
    expect(body.text).not.toContain(phrasebookFor('en').quiz.nextStep);
  });
});
