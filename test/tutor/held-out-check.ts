/**
 * The held-out tutor evaluations (eval/held-out/turns.tsv, written before the tutor was rebuilt,
 * and turns-v2.tsv, written afterwards on more learner notes): learner turns never tuned on. A line is one turn; lines sharing a thread id are one
 * conversation. Each turn is scored on its own, by the same checks as the scripted conversations.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { emptySessionState } from '../../src/tutor/session-state';
import type { HistoryTurn } from '../../src/tutor/tutor-engine';
import { checkTurn, expectationSchema, kbName, tutorFor, type Conversation, type Expectation } from './conversation-check';

const heldOutDir = join(__dirname, '..', '..', 'eval', 'held-out');
export const heldOutFile = join(heldOutDir, 'turns.tsv');
export const heldOutV2File = join(heldOutDir, 'turns-v2.tsv');
/** When turns-v2.tsv was written, as the eval labels it. */
export const heldOutV2Written = '2026-12-02 04:01-04:03 UTC';

const line = z.tuple([z.string().min(1), kbName, z.string(), z.string().min(1), z.string()]);

export interface HeldOutTurn {
  category: string;
  ask: string;
  expect: Expectation;
}

export interface HeldOutThread {
  kb: Conversation['kb'];
  turns: HeldOutTurn[];
}

export function loadHeldOut(file = heldOutFile): HeldOutThread[] {
  const threads = new Map<string, HeldOutThread>();
  const singles: HeldOutThread[] = [];
  readFileSync(file, 'utf8').split('\n').forEach((text, index) => {
    if (text.trim() === '' || text.startsWith('#')) return;
    const [category, kb, thread, ask, expectJson] = line.parse(text.split('\t'));
    const parsed = expectationSchema.strict().safeParse(JSON.parse(expectJson));
    if (!parsed.success) throw new Error(`${file} line ${index + 1}: ${parsed.error.message}`);
    const expect = parsed.data;
    const turn = { category, ask, expect };
    if (thread === '') singles.push({ kb, turns: [turn] });
    else {
      const existing = threads.get(thread) ?? { kb, turns: [] };
      existing.turns.push(turn);
      threads.set(thread, existing);
    }
  });
  return [...singles, ...threads.values()];
}

export interface HeldOutOutcome {
  category: string;
  ask: string;
  failures: string[];
}

export async function runHeldOut(thread: HeldOutThread): Promise<HeldOutOutcome[]> {
  const { tutor } = await tutorFor(thread.kb);
  let state = emptySessionState();
  const history: HistoryTurn[] = [];
  const outcomes: HeldOutOutcome[] = [];
  for (const turn of thread.turns) {
    const result = await tutor.answer({ text: turn.ask, state, history: () => [...history] });
    outcomes.push({ category: turn.category, ask: turn.ask, failures: checkTurn(result.answer, result.state, turn.expect) });
    state = result.state;
    history.push({ role: 'user', text: turn.ask }, { role: 'assistant', text: result.answer.text });
  }
  return outcomes;
}
