/** The silent wrong numbers and unanswered requests, asked of the real embedded tutor. */
import { describe, expect, it } from 'vitest';
import type { AnswerBody } from '../../../src/tutor/answer';
import { converse } from '../conversation-check';

const conversation = (...asks: string[]) => converse('bundled', ...asks);
const values = (answer: AnswerBody): number[] => answer.calculations.map((c) => c.value as number);

describe('the embedded tutor on the requests of the issue', () => {
  it('focal loss on probabilities: 0.012169, and says they were read as probabilities', async () => {
    const { answer } = (await conversation('focal loss … labels 1, 0 and probabilities 0.9, 0.3'))[0]!;
    expect(values(answer)[0]).toBeCloseTo(0.012169, 6);
    expect(answer.text).toContain('Read 0.9, 0.3 as probabilities');
  });
  it('the KL divergence is batchmean, with what PyTorch\'s default mean would print', async () => {
    const { answer } = (await conversation('what is the KL divergence of P = [0.5, 0.5] from Q = [0.9, 0.1]?'))[0]!;
    const kl = 0.5 * Math.log(0.5 / 0.9) + 0.5 * Math.log(0.5 / 0.1);
    expect(values(answer)[0]).toBeCloseTo(kl, 12);
    expect(answer.text).toMatch(/batchmean/);
    expect(answer.text).toContain("reduction='mean'");
    expect(values(answer)).toContainEqual(expect.closeTo(kl / 2, 12));
  });
  it('item 36\'s worked example divides by the total weight and says so', async () => {
    const { answer } = (await conversation('Show me a worked example for item 36'))[0]!;
    expect(answer.text).toContain('weighted mean: Σ weight × loss / Σ weight');
    expect(answer.text).not.toMatch(/Reduction \(mean\) over 3 rows/);
  });
  it('a Dice example shows the overlaps as p·t and the ratio as the loss', async () => {
    const { answer } = (await conversation('dice loss for mask [1, 1, 0, 0] and prediction [0.9, 0.6, 0.2, 0.1]'))[0]!;
    expect(answer.text).toContain('| p·t |');
    expect(answer.text).toMatch(/1 - [\d.]+ \/ [\d.]+ = /);
    expect(answer.text).not.toMatch(/Reduction \(mean\) over 4 rows/);
  });
  it('cross-entropy with the class in words, then label smoothing on the same case', async () => {
    const [first, second] = await conversation('cross entropy with logits [1, 2, 3] when the true class is 2', 'now with label smoothing 0.1');
    const logSoftmax2 = 3 - Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
    expect(values(first!.answer)[0]).toBeCloseTo(-logSoftmax2, 12);
    expect(first!.answer.text).toContain('counting from 0');
    expect(second!.answer.calculations[0]!.params).toMatchObject({ labelSmoothing: 0.1 });
  });
  it('0.7*MSE + 0.3*MAE shows both terms and the total 2.2', async () => {
    const { answer } = (await conversation("0.7*MSE + 0.3*MAE for targets [1, 2, 3] and predictions [2, 4, 6], what's the total?"))[0]!;
    expect(answer.calculations[0]!.terms!.map((t) => t.loss)).toEqual(['mse', 'mae']);
    expect(values(answer)[0]).toBeCloseTo(0.7 * (14 / 3) + 0.3 * 2, 12);
  });
  it('"and huber with delta 1" after MSE and MAE computes huber', async () => {
    const results = await conversation('mse for targets [0, 0] and predictions [0.5, 3]', 'now mae', 'and huber with delta 1');
    expect(results[2]!.answer.calculations[0]).toMatchObject({ loss: 'huber', params: { delta: 1 } });
    expect(values(results[2]!.answer)[0]).toBeCloseTo((0.125 + 2.5) / 2, 12);
  });
  it('"what if those were logits instead" after BCE', async () => {
    const [, second] = await conversation('bce for labels [1, 0] and probabilities [0.9, 0.3]', 'what if those were logits instead, 1.4 and -0.8');
    expect(second!.answer.calculations[0]).toMatchObject({ loss: 'bce-logits', inputs: { yTrue: [1, 0], yPred: [1.4, -0.8] } });
  });
  it('a sentence: "I predicted 3.5 but the real answer was 2"', async () => {
    const { answer } = (await conversation('I predicted 3.5 but the real answer was 2, what is the squared error?'))[0]!;
    expect(values(answer)[0]).toBeCloseTo(2.25, 12);
  });
  it('a missing class is one question, kept pending and filled by the next turn', async () => {
    const [asked, filled] = await conversation('compute the cross entropy for logits [1, 2, 3]', 'class 0');
    expect(asked!.answer.clarify).toBe(true);
    expect(asked!.answer.text).toContain('Which class is the true one?');
    expect(asked!.answer.text).not.toMatch(/inputs\./);
    expect(asked!.state.pending?.calc?.missing).toBe('true-class');
    expect(filled!.answer.calculations[0]).toMatchObject({ loss: 'cross-entropy', inputs: { yTrue: [0] } });
    expect(filled!.state.pending?.calc).toBeUndefined();
  });
  it('asks for a parameter it cannot read instead of computing without it, then computes with the next turn\'s value', async () => {
    const [asked, answered] = await conversation('binary cross entropy on logits [2, -1] for labels [1, 0] with a pos weight of two', 'pos weight 2');
    expect(asked!.answer.clarify).toBe(true);
    expect(asked!.answer.calculations).toEqual([]);
    expect(asked!.answer.text).toContain('pos weight');
    const [x, y] = [2, -1].map((v) => 1 / (1 + Math.exp(-v)));
    expect(values(answered!.answer)[0]).toBeCloseTo((-2 * Math.log(x!) - Math.log(1 - y!)) / 2, 12);
  });
  it('asks rather than drops a pos weight given with probabilities', async () => {
    const { answer } = (await conversation('bce for labels [1, 0] and probabilities [0.9, 0.3], pos_weight 2'))[0]!;
    expect(answer.clarify).toBe(true);
    expect(answer.calculations).toEqual([]);
  });
});
