/**
 * Specific questions about one long pasted article (test/fixtures/notes/long): each is answered with
 * the paragraph about what it asks, not the article's opening. Written before the passage choice
 * was changed for long notes.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Item } from '../../src/kb/item';
import { openTutor, type OpenedTutor } from '../../src/runtime/open-tutor';
import { emptySessionState } from '../../src/tutor/session-state';

let opened: OpenedTutor;
let guide: Item;
beforeAll(async () => {
  opened = await openTutor({ kbDir: join(__dirname, '../fixtures/notes/long') });
  guide = opened.kb.items[0]!;
});

const ask = async (text: string) => (await opened.tutor.answer({ text, state: emptySessionState(), history: () => [] })).answer;

/** Each question, a phrase of the paragraph that answers it and a phrase only another paragraph has. */
const questions: [question: string, answering: string, elsewhere: string][] = [
  ['what is cross entropy loss?', 'minus the log of the probability the model gave to the true class', 'Binary cross-entropy is the two-class version'],
  ['what is hinge loss?', 'by a margin of at least 1', 'Cross-entropy loss is the standard loss'],
  ['how does huber loss deal with outliers?', 'cannot dominate the gradient', 'one wild point cannot take over'],
  ['what is label smoothing?', 'replaces the hard one-hot target with a softened one', 'Focal loss fixes this'],
  ['what is KL divergence used for?', 'knowledge distillation', 'Hinge loss comes from'],
  ['what is pinball loss?', 'charges under-predictions and over-predictions at different rates', 'Log-cosh loss takes'],
  ['what does the loss reduction change?', 'grow with the batch size', 'Comparing loss values across'],
];

const opening = 'the number a model tries to make small';

describe('answers from a long pasted note quote the paragraph asked about', () => {
  for (const [question, answering, elsewhere] of questions) {
    it(question, async () => {
      const answer = await ask(question);
      expect(answer.text).toContain(answering);
      expect(answer.text).not.toContain(opening);
      expect(answer.text).not.toContain(elsewhere);
      const quoted = guide.passages.find((p) => p.text.includes(answering))!;
      expect(answer.citations[0]?.passages?.map((p) => p.id)).toContain(quoted.id);
    });
  }
});
