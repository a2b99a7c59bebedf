/** The second learner trial (test/fixtures/kb-learner-trial2), asked of the real embedded tutor. */
import { describe, expect, it } from 'vitest';
import type { AnswerBody } from '../../src/tutor/answer';
import { emptySessionState, type SessionState } from '../../src/tutor/session-state';
import { tutorFor } from './conversation-check';

async function conversation(...asks: string[]): Promise<{ answer: AnswerBody; state: SessionState }[]> {
  const { tutor } = await tutorFor('kb-learner-trial2');
  let state = emptySessionState();
  const results: { answer: AnswerBody; state: SessionState }[] = [];
  for (const text of asks) {
    const result = await tutor.answer({ text, state, history: () => [] });
    results.push(result);
    state = result.state;
  }
  return results;
}
const values = (answer: AnswerBody): number[] => answer.calculations.map((c) => c.value as number);

describe('cross-entropy on probabilities', () => {
  it('"probs 0.2, 0.7, 0.1" with true class 2 is −ln 0.1, and says how the numbers and the class were read', async () => {
    const { answer } = (await conversation('cross entropy with true class 2 and probs 0.2, 0.7, 0.1'))[0]!;
    expect(values(answer)[0]).toBeCloseTo(-Math.log(0.1), 9);
    expect(answer.text).toContain('Read 0.2, 0.7, 0.1 as probabilities');
    expect(answer.text).toContain('counting from 0');
  });
  it('"p = …" and Chinese 概率 are probabilities too; logits are said to be logits', async () => {
    const [p] = await conversation('cross entropy with true class 2 and p = 0.2, 0.7, 0.1');
    expect(values(p!.answer)[0]).toBeCloseTo(-Math.log(0.1), 9);
    const [zh] = await conversation('交叉熵，真实类别是 1，概率 0.2, 0.7, 0.1');
    expect(values(zh!.answer)[0]).toBeCloseTo(-Math.log(0.7), 9);
    const [logits] = await conversation('cross entropy with logits [1, 2, 3] when the true class is 2');
    expect(values(logits!.answer)[0]).toBeCloseTo(Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3, 9);
    expect(logits!.answer.text).toContain('Read 1, 2, 3 as logits');
  });
  it('values summing to 1 are read as probabilities, and the answer says so', async () => {
    const { answer } = (await conversation('cross entropy for [0.2, 0.7, 0.1] with the true class 1'))[0]!;
    expect(values(answer)[0]).toBeCloseTo(-Math.log(0.7), 9);
    expect(answer.text).toContain('as probabilities');
  });
  it('the probability of the true class alone, then a follow-up with another probability', async () => {
    const [first, second] = await conversation('what is the cross entropy if the true class has probability 0.1?', 'and if it is 0.9?');
    expect(values(first!.answer)[0]).toBeCloseTo(-Math.log(0.1), 9);
    expect(first!.answer.text).toMatch(/true class/);
    expect(values(second!.answer)[0]).toBeCloseTo(-Math.log(0.9), 9);
  });
});
