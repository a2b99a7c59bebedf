import { describe, expect, it } from 'vitest';
import { phrasings } from '../fixtures/calc-requests/phrasings';
import { loadConversations, runConversation, tutorFor } from './conversation-check';
import { unexplainedNumbers } from './number-honesty';
import { emptySessionState } from '../../src/tutor/session-state';
import type { LossCase } from '../../src/core';

describe('every number in an answer is a number of a calculation, of the question or of the cited notes', () => {
  it('holds over the scripted conversations', async () => {
    const failures: string[] = [];
    // Greetings, help and clarifying questions are the tutor's fixed texts, with example requests in them.
    for (const conversation of loadConversations().filter((c) => !['greeting', 'help'].includes(c.kind))) {
      const { kb } = await tutorFor(conversation.kb);
      const outcomes = await runConversation(conversation);
      outcomes.forEach((o, i) => {
        if (o.answer.clarify) return;
        const extra = unexplainedNumbers(o.answer, o.ask, kb);
        if (extra.length > 0) failures.push(`${conversation.name}, turn ${i + 1}: ${extra.join(', ')}`);
      });
    }
    expect(failures).toEqual([]);
  });

  it('holds over the answers to the phrasing table', async () => {
    const { tutor, kb } = await tutorFor('bundled');
    const failures: string[] = [];
    for (const row of phrasings) {
      const state = { ...emptySessionState(), ...(row.previous ? { lastCalculation: row.previous as LossCase } : {}) };
      const { answer } = await tutor.answer({ text: row.text, state, history: () => [] });
      if (answer.clarify) continue;
      const extra = unexplainedNumbers(answer, row.text, kb);
      if (extra.length > 0) failures.push(`${row.text}: ${extra.join(', ')}`);
    }
    expect(failures).toEqual([]);
  });

  it('catches a number no calculation holds', async () => {
    const { tutor, kb } = await tutorFor('bundled');
    const { answer } = await tutor.answer({ text: 'mse for targets [1, 2] and predictions [2, 4]', state: emptySessionState(), history: () => [] });
    expect(unexplainedNumbers({ ...answer, text: `${answer.text}\n\nL = 123.456` }, 'mse', kb)).toEqual(['123.456']);
  });
});
