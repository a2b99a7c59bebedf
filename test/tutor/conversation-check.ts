/**
 * Scripted conversations (test/fixtures/conversations/*.json) run against the real embedded tutor
 * over a real knowledge base, each turn checked against what must hold. The vitest suite and
 * `npm run eval tutor` both run them through this module.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { AnswerBody, Calculation } from '../../src/tutor/answer';
import { openTutor, type OpenedTutor } from '../../src/runtime/open-tutor';
import { emptySessionState, type SessionState } from '../../src/tutor/session-state';
import type { HistoryTurn } from '../../src/tutor/tutor-engine';

const root = join(__dirname, '..', '..');
export const conversationsDir = join(root, 'test', 'fixtures', 'conversations');
const kbDirs = {
  bundled: join(root, 'knowledge'),
  'kb-course': join(root, 'test', 'fixtures', 'kb-course'),
  'kb-learner-facts': join(root, 'test', 'fixtures', 'kb-learner-facts'),
  'kb-learner-lecture': join(root, 'test', 'fixtures', 'kb-learner-lecture'),
  'kb-learner-trial': join(root, 'test', 'fixtures', 'kb-learner-trial'),
  'kb-learner-trial2': join(root, 'test', 'fixtures', 'kb-learner-trial2'),
  'notes-markdown': join(root, 'test', 'fixtures', 'notes', 'markdown'),
};
export const kbName = z.enum(['bundled', 'kb-course', 'kb-learner-facts', 'kb-learner-lecture', 'kb-learner-trial', 'kb-learner-trial2', 'notes-markdown']);

const expectedCalculation = z.object({
  loss: z.string(),
  value: z.number(),
  /** Relative tolerance; the default allows the rounding of hand-computed values. */
  tolerance: z.number().default(1e-6),
});

export const expectationSchema = z.object({
  citesFirst: z.number().optional(),
  cites: z.array(z.number()).optional(),
  parts: z.number().optional(),
  clarify: z.boolean().optional(),
  lang: z.enum(['en', 'zh-Hant', 'zh-Hans']).optional(),
  /** The first citation is one of these (when several items answer equally well). */
  citesFirstAny: z.array(z.number()).optional(),
  /** At least one of these is cited. */
  citesAny: z.array(z.number()).optional(),
  citationCount: z.number().optional(),
  /** Small talk and out-of-scope: no note is cited. */
  noCitations: z.boolean().optional(),
  clarifyCode: z.string().optional(),
  /** Some calculation is of this loss, whatever its value. */
  calculationLoss: z.string().optional(),
  calculations: z.array(expectedCalculation).optional(),
  calculationCount: z.number().optional(),
  contains: z.array(z.string()).optional(),
  notContains: z.array(z.string()).optional(),
  topic: z.number().optional(),
  missed: z.number().optional(),
  /** "the first one": the answer cites first the item the previous answer cited at this position (1-based). */
  citesFirstShownBefore: z.number().optional(),
});

const conversation = z.object({
  name: z.string(),
  kind: z.string(),
  kb: kbName.default('bundled'),
  turns: z.array(z.object({ ask: z.string(), expect: expectationSchema.default({}) })).min(1),
});

export type Conversation = z.infer<typeof conversation>;
export type Expectation = z.infer<typeof expectationSchema>;

export function loadConversations(): Conversation[] {
  return readdirSync(conversationsDir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .flatMap((file) => {
      const parsed = z.array(conversation).safeParse(JSON.parse(readFileSync(join(conversationsDir, file), 'utf8')));
      if (!parsed.success) throw new Error(`${file}: ${parsed.error.message}`);
      return parsed.data;
    });
}

const opened = new Map<string, Promise<OpenedTutor>>();
export function tutorFor(kb: Conversation['kb']): Promise<OpenedTutor> {
  const existing = opened.get(kb);
  if (existing) return existing;
  const opening = openTutor({ kbDir: kbDirs[kb] });
  opened.set(kb, opening);
  return opening;
}

/** Asks each text in turn of one conversation, carrying its state, without history; every turn's answer and state. */
export async function converse(kb: Conversation['kb'], ...asks: string[]): Promise<{ answer: AnswerBody; state: SessionState }[]> {
  const { tutor } = await tutorFor(kb);
  let state = emptySessionState();
  const results: { answer: AnswerBody; state: SessionState }[] = [];
  for (const text of asks) {
    const result = await tutor.answer({ text, state, history: () => [] });
    results.push(result);
    state = result.state;
  }
  return results;
}

const han = /\p{Script=Han}/u;
// Characters written differently in the two scripts, common in the tutor's own sentences.
const traditionalOnly = /[這個們說麼為時會與對學題問條項計數誤預測權類標籤應請讀選擇幾種損]/u;
const simplifiedOnly = /[这个们说么为时会与对学题问条项计数误预测权类标签应请读选择几种损]/u;

function writtenIn(text: string, lang: 'en' | 'zh-Hant' | 'zh-Hans'): boolean {
  if (lang === 'en') return !han.test(text);
  if (lang === 'zh-Hant') return han.test(text) && !simplifiedOnly.test(text);
  return han.test(text) && !traditionalOnly.test(text);
}
const close = (got: number, want: number, tolerance: number): boolean => Math.abs(got - want) <= tolerance * Math.max(1, Math.abs(want));

function calculationValues(calculation: Calculation): number[] {
  return typeof calculation.value === 'number' ? [calculation.value] : calculation.value;
}

/** Every way the answer fails the expectation, as readable sentences (empty when it holds). */
export function checkTurn(answer: AnswerBody, state: SessionState, expect: Expectation, previous?: AnswerBody): string[] {
  const failures: string[] = [];
  const cited = answer.citations.map((c) => c.item);
  if (expect.citesFirstShownBefore !== undefined) {
    const shown = previous?.citations[expect.citesFirstShownBefore - 1]?.item;
    if (shown === undefined || cited[0] !== shown) failures.push(`cites ${JSON.stringify(cited)} first, not the previously shown #${shown}`);
  }
  if (expect.citesFirst !== undefined && cited[0] !== expect.citesFirst) failures.push(`cites ${JSON.stringify(cited)}, not #${expect.citesFirst} first`);
  for (const n of expect.cites ?? []) if (!cited.includes(n)) failures.push(`does not cite #${n} (cites ${JSON.stringify(cited)})`);
  const parts = answer.parts?.length ?? 1;
  if (expect.parts !== undefined && parts !== expect.parts) failures.push(`has ${parts} parts, not ${expect.parts}`);
  if (expect.clarify !== undefined && answer.clarify !== expect.clarify) failures.push(`clarify is ${answer.clarify}, not ${expect.clarify}`);
  if (expect.lang !== undefined && !writtenIn(answer.text, expect.lang)) failures.push(`is not written in ${expect.lang}`);
  if (expect.citesFirstAny && !expect.citesFirstAny.includes(cited[0] ?? -1)) failures.push(`cites ${JSON.stringify(cited)}, not one of ${JSON.stringify(expect.citesFirstAny)} first`);
  if (expect.citesAny && !expect.citesAny.some((n) => cited.includes(n))) failures.push(`cites ${JSON.stringify(cited)}, none of ${JSON.stringify(expect.citesAny)}`);
  if (expect.citationCount !== undefined && cited.length !== expect.citationCount) failures.push(`cites ${cited.length} items, not ${expect.citationCount}`);
  if (expect.noCitations && cited.length > 0) failures.push(`cites ${JSON.stringify(cited)} where no note was asked for`);
  const code = answer.clarification?.code;
  if (expect.clarifyCode !== undefined && code !== expect.clarifyCode) failures.push(`clarification code is ${code}, not ${expect.clarifyCode}`);
  if (expect.calculationLoss !== undefined && !answer.calculations.some((c) => c.loss === expect.calculationLoss)) failures.push(`has no ${expect.calculationLoss} calculation`);
  for (const want of expect.calculations ?? []) {
    const found = answer.calculations.some((c) => c.loss === want.loss && calculationValues(c).some((v) => close(v, want.value, want.tolerance)));
    if (!found) {
      const got = answer.calculations.map((c) => `${c.loss}=${JSON.stringify(c.value)}`).join(', ') || 'none';
      failures.push(`has no ${want.loss} calculation of ${want.value} (got ${got})`);
    }
  }
  if (expect.calculationCount !== undefined && answer.calculations.length !== expect.calculationCount) {
    failures.push(`has ${answer.calculations.length} calculations, not ${expect.calculationCount}`);
  }
  const lower = answer.text.toLowerCase();
  for (const text of expect.contains ?? []) if (!lower.includes(text.toLowerCase())) failures.push(`does not contain ${JSON.stringify(text)}`);
  for (const text of expect.notContains ?? []) if (lower.includes(text.toLowerCase())) failures.push(`contains ${JSON.stringify(text)}`);
  if (expect.topic !== undefined && state.topic !== expect.topic) failures.push(`topic is ${state.topic}, not #${expect.topic}`);
  if (expect.missed !== undefined && state.missed.length !== expect.missed) failures.push(`remembers ${state.missed.length} missed questions, not ${expect.missed}`);
  return failures;
}

export interface TurnOutcome {
  ask: string;
  answer: AnswerBody;
  failures: string[];
}

export async function runConversation(script: Conversation): Promise<TurnOutcome[]> {
  const { tutor } = await tutorFor(script.kb);
  let state = emptySessionState();
  const history: HistoryTurn[] = [];
  const outcomes: TurnOutcome[] = [];
  for (const turn of script.turns) {
    const result = await tutor.answer({ text: turn.ask, state, history: () => [...history] });
    const previous = outcomes[outcomes.length - 1]?.answer;
    outcomes.push({ ask: turn.ask, answer: result.answer, failures: checkTurn(result.answer, result.state, turn.expect, previous) });
    state = result.state;
    history.push({ role: 'user', text: turn.ask }, { role: 'assistant', text: result.answer.text });
  }
  return outcomes;
}
