import { describe, expect, it } from 'vitest';
import { loadConversations, runConversation } from './conversation-check';
import { unlistedNumbers, workedExampleText } from './worked-example-numbers';

const conversations = loadConversations();

describe('the scripted conversations', () => {
  it('number at least 70, in every kind', () => {
    expect(conversations.length).toBeGreaterThanOrEqual(70);
    const kinds = new Set(conversations.map((c) => c.kind));
    for (const kind of ['item-reference', 'multi-part', 'computation', 'clarification', 'quiz', 'follow-up', 'chinese', 'kb-course']) {
      expect(kinds).toContain(kind);
    }
  });

  it.each(conversations.map((c) => [`${c.kind}: ${c.name}`, c] as const))('%s holds at every turn', async (_title, conversation) => {
    const outcomes = await runConversation(conversation);
    const failures = outcomes.flatMap((o, i) => o.failures.map((f) => `turn ${i + 1} (${JSON.stringify(o.ask.slice(0, 60))}): ${f}`));
    expect(failures).toEqual([]);
  });

  // Every number in a worked example comes from the calculator (values, step rows, inputs, params, weights, shares).
  it.each(conversations.map((c) => [`${c.kind}: ${c.name}`, c] as const))('%s shows only calculated numbers', async (_title, conversation) => {
    const outcomes = await runConversation(conversation);
    for (const { answer } of outcomes.filter((o) => o.answer.calculations.length > 0)) {
      expect(workedExampleText(answer.text).length).toBeGreaterThan(0);
      expect(unlistedNumbers(answer)).toEqual([]);
    }
  });
});
