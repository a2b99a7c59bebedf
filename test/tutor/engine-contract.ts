/**
 * The contract every TutorEngine keeps, run against each implementation (the embedded tutor, the
 * worker pool, the model engine whose model fails): a short conversation over the bundled notes,
 * each answer checked for what a learner and the server rely on.
 */
import { describe, expect, it } from 'vitest';
import type { Item, KnowledgeBase } from '../../src/kb/item';
import type { AnswerBody } from '../../src/tutor/answer';
import { numbersInText } from '../../src/tutor/number-format';
import { emptySessionState, readSessionState, type SessionState } from '../../src/tutor/session-state';
import type { TutorEngine } from '../../src/tutor/tutor-engine';
import { listedNumbers } from './worked-example-numbers';

export interface EngineUnderTest {
  engine: TutorEngine;
  kb: KnowledgeBase;
  close(): Promise<void>;
}

const conversation = [
  'What is focal loss?',
  'how should I choose gamma for it?',
  'mse for targets [1, 2, 3] and predictions [1, 2, 4]',
  'and with mae?',
  'diff between item 6 and item 7',
  'compute the huber loss',
  'quiz me on item 6',
  'thanks!',
  '什么是均方误差？',
  'item 999',
];

function itemNumbers(item: Item): string[] {
  const texts = [item, ...Object.values(item.translations)];
  const written = texts.flatMap((text) => [text.title, text.claim, ...text.sections.map((s) => s.text), ...(text.quiz ?? []).flatMap((q) => [q.question, q.answer, ...(q.keywords ?? []).flat()])]);
  return numbersInText(written.join('\n'));
}

/** Numbers the answer shows that no calculation, the question, the cited notes or the knowledge base's size account for. */
function unaccountedNumbers(answer: AnswerBody, question: string, kb: KnowledgeBase): string[] {
  const known = listedNumbers(answer.calculations);
  for (const n of numbersInText(question)) known.add(n);
  const numbers = kb.items.map((item) => item.number);
  for (const n of [kb.items.length, Math.min(...numbers), Math.max(...numbers)]) known.add(String(n));
  for (const citation of answer.citations) {
    known.add(String(citation.item));
    const item = kb.byNumber.get(citation.item);
    if (item) for (const n of itemNumbers(item)) known.add(n);
    for (const n of numbersInText(citation.source)) known.add(n);
  }
  // "#17" names an item (it must be one); it is not a number the learner reads as a value.
  const referenced = [...answer.text.matchAll(/#(\d+)/g)].map((m) => Number(m[1])).filter((n) => !kb.byNumber.has(n)).map((n) => `#${n}`);
  // A quoted example of what to type ("targets [1, 2, 3] and predictions [1.5, 2, 2.5]") shows how to ask, not a value.
  const shown = answer.text.replace(/"[^"\n]*"|“[^”\n]*”|「[^」\n]*」/gu, ' ').replace(/#\d+/g, ' ');
  const values = numbersInText(shown).filter((n) => !known.has(n) && !known.has(String(Math.abs(Number(n)))));
  return [...referenced, ...values];
}

export function runEngineContract(name: string, open: () => Promise<EngineUnderTest>): void {
  describe(`TutorEngine contract: ${name}`, () => {
    it('streams deltas that join to the text, cites only items of the knowledge base, shows only numbers it can account for, keeps state through JSON', async () => {
      const { engine, kb, close } = await open();
      try {
        let state: SessionState = emptySessionState();
        for (const text of conversation) {
          const deltas: string[] = [];
          const { answer, state: next } = await engine.answer({ text, state, history: () => [], onDelta: (piece) => deltas.push(piece) });
          expect(deltas.join(''), text).toBe(answer.text);
          for (const citation of answer.citations) expect(kb.byNumber.has(citation.item), `${text}: #${citation.item}`).toBe(true);
          expect(unaccountedNumbers(answer, text, kb), text).toEqual([]);
          if (answer.clarify) expect(answer.clarification?.code, text).toBeTypeOf('string');
          const stored: unknown = JSON.parse(JSON.stringify(next));
          expect(readSessionState(stored), text).toEqual(next);
          state = stored as SessionState;
        }
      } finally {
        await close();
      }
    });

    it('answers a turn again the same from its state read back from JSON', async () => {
      const { engine, close } = await open();
      try {
        const first = await engine.answer({ text: 'Explain Huber loss', state: emptySessionState(), history: () => [] });
        const roundTripped = JSON.parse(JSON.stringify(first.state)) as SessionState;
        const a = await engine.answer({ text: 'what are its pitfalls?', state: first.state, history: () => [] });
        const b = await engine.answer({ text: 'what are its pitfalls?', state: roundTripped, history: () => [] });
        expect(b.answer.text).toBe(a.answer.text);
        expect(b.state).toEqual(a.state);
      } finally {
        await close();
      }
    });

    it('rejects an aborted turn', async () => {
      const { engine, close } = await open();
      try {
        const controller = new AbortController();
        controller.abort(new Error('the learner left'));
        await expect(engine.answer({ text: 'What is MSE?', state: emptySessionState(), history: () => [], signal: controller.signal })).rejects.toThrow();
      } finally {
        await close();
      }
    });
  });
}
