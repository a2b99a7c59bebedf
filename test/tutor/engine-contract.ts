/**
 * The contract every TutorEngine keeps, run against each implementation (the embedded tutor, the
 * worker pool, the model engine whose model fails): a short conversation over the bundled notes,
 * each answer checked for what a learner and the server rely on, its numbers by the same
 * number-honesty check the tutor's own tests use.
 */
import { describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/kb/item';
import { emptySessionState, readSessionState, type SessionState } from '../../src/tutor/session-state';
import type { TutorEngine } from '../../src/tutor/tutor-engine';
import { unexplainedNumbers } from './number-honesty';

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
  'focal loss, labels 1, 0 and probabilities 0.9, 0.3',
  'KL(P||Q) where P = [0.5, 0.5] and Q = [0.9, 0.1]',
  'diff between item 6 and item 7',
  'compute the huber loss',
  'quiz me on item 6',
  'thanks!',
  '什么是均方误差？',
  'item 999',
];

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
          expect(unexplainedNumbers(answer, text, kb), text).toEqual([]);
          if (answer.clarify) expect(answer.clarification?.code, text).toBeTypeOf('string');
          const stored: unknown = JSON.parse(JSON.stringify(next));
          expect(readSessionState(stored), text).toEqual(next);
          state = stored as SessionState;
        }
      } finally {
        await close();
      }
    });

    it('fails an answer that shows a number no calculation, question or cited note holds', async () => {
      const { engine, kb, close } = await open();
      try {
        const question = 'mse for targets [1, 2] and predictions [2, 4]';
        const { answer } = await engine.answer({ text: question, state: emptySessionState(), history: () => [] });
        expect(unexplainedNumbers(answer, question, kb)).toEqual([]);
        expect(unexplainedNumbers({ ...answer, text: `${answer.text}\n\nL = 123.456` }, question, kb)).toEqual(['123.456']);
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
