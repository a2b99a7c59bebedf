/** The second learner trial (test/fixtures/kb-learner-trial2), asked of the real embedded tutor. */
import { describe, expect, it } from 'vitest';
import type { AnswerBody } from '../../src/tutor/answer';
import { converse } from './conversation-check';

const conversation = (...asks: string[]) => converse('kb-learner-trial2', ...asks);
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

describe('a question naming a parameter value is a question, not a change to the last calculation', () => {
  it('"2. Why does gamma=2 work best?" is answered from the notes', async () => {
    const { answer } = (await conversation("I'm least confident about item #12: 'Focal loss adds a factor (1 - p_t)^gamma that down-weights well classified examples'. 1. How does the factor work? 2. Why does gamma=2 work best?"))[0]!;
    expect(answer.text).not.toContain('no earlier calculation');
    expect(answer.clarify).toBe(false);
    const second = answer.text.slice(answer.text.indexOf('2. Why does gamma=2 work best?'));
    expect(second).toMatch(/gamma ?= ?2, alpha = 0.25 worked best in the paper/);
  });
  it('"label smoothing eps 0.1 with 3 classes, what is the target vector?" is answered from the lecture', async () => {
    const { answer } = (await conversation('label smoothing eps 0.1 with 3 classes, what is the target vector?'))[0]!;
    expect(answer.text).not.toContain('no earlier calculation');
    expect(answer.clarify).toBe(false);
    expect(answer.text).toContain('Label smoothing');
  });
  it('"now with delta 2" with nothing computed yet still says there is nothing to change', async () => {
    const { answer } = (await conversation('now with delta 2'))[0]!;
    expect(answer.text).toContain('no earlier calculation');
  });
  it('the triplet loss from distances says what the calculator needs, not a value for "p"', async () => {
    const { answer } = (await conversation('compute the triplet loss for d(a,p)=0.5, d(a,n)=0.6, margin 0.2'))[0]!;
    expect(answer.text).not.toMatch(/What value should p have/);
    expect(answer.text).toMatch(/embeddings/);
    expect(answer.text).toMatch(/distances/);
  });
  it('"show me an example with gamma 0" in a focal-loss thread computes focal loss with gamma 0', async () => {
    const [, example] = await conversation('what is focal loss?', 'show me an example with gamma 0');
    expect(example!.answer.text).not.toMatch(/Which loss/);
    expect(example!.answer.calculations[0]).toMatchObject({ loss: 'focal', params: { gamma: 0 } });
  });
});

describe('worked examples take their numbers from the notes', () => {
  it('"show me an example of huber" runs the Huber note\'s own example and says it is the note\'s', async () => {
    const { answer } = (await conversation('show me an example of huber'))[0]!;
    expect(answer.calculations[0]).toMatchObject({ loss: 'huber', inputs: { yTrue: [0, 0], yPred: [0.5, 3] }, params: { delta: 1 } });
    expect(answer.text).toMatch(/numbers are from note #\d+/);
  });
  it('"what is the MSE for the house price example in my notes?" computes MSE.md\'s numbers', async () => {
    const { answer } = (await conversation('what is the MSE for the house price example in my notes?'))[0]!;
    expect(answer.clarify).toBe(false);
    expect(answer.calculations[0]).toMatchObject({ loss: 'mse', inputs: { yTrue: [200000, 250000, 300000], yPred: [210000, 240000, 310000] } });
    expect(values(answer)[0]).toBeCloseTo(1e8, 3);
  });
  it('an example whose numbers are in no note says they are illustrative', async () => {
    const { answer } = (await conversation('show me an example of hinge loss'))[0]!;
    expect(answer.calculations.length).toBeGreaterThan(0);
    expect(answer.text).toMatch(/illustrative/);
  });
});

describe('understanding the learner\'s words', () => {
  it('"wat is cross entrophy" is about cross-entropy, not out of scope', async () => {
    const { answer } = (await conversation('wat is cross entrophy'))[0]!;
    expect(answer.text).not.toMatch(/outside what I can answer/);
    expect(answer.citations.length).toBeGreaterThan(0);
  });
  it('"thanks that helps" in a thread is thanks', async () => {
    const [, thanks] = await conversation('what is huber loss?', 'thanks that helps');
    expect(thanks!.answer.citations).toHaveLength(0);
  });
  it('"compare hinge loss and bce" and "whats teh diference between mse and mae" answer both sides', async () => {
    const [hinge] = await conversation('compare hinge loss and bce');
    expect(hinge!.answer.text).toMatch(/Hinge/);
    expect(hinge!.answer.text).toMatch(/Binary cross-entropy|BCE/);
    const [mse] = await conversation('whats teh diference between mse and mae');
    const titles = mse!.answer.citations.map((c) => c.title);
    expect(titles).toContain('MSE');
    expect(titles).toContain('MAE');
  });
  it('"用 1,2,3 和 1,2,4 算一下 MAE" and "compute MAE with 1,2,3 and 1,2,4" compute 1/3', async () => {
    for (const ask of ['用 1,2,3 和 1,2,4 算一下 MAE', 'compute MAE with 1,2,3 and 1,2,4']) {
      const { answer } = (await conversation(ask))[0]!;
      expect(values(answer)[0]).toBeCloseTo(1 / 3, 12);
    }
  });
  it('a Simplified focal-loss thread stays Simplified, "gamma 改成 0 呢？" computes with gamma 0, "举个例子" stays on focal loss', async () => {
    const [, changed, example] = await conversation('focal loss 是什么？', 'gamma 改成 0 呢？', '举个例子');
    expect(changed!.state.lang).toBe('zh-Hans');
    expect(changed!.answer.text).not.toMatch(/這|項目|筆記/);
    expect(changed!.answer.calculations[0]).toMatchObject({ loss: 'focal', params: { gamma: 0 } });
    expect(example!.state.lang).toBe('zh-Hans');
    expect(example!.answer.calculations[0]?.loss).toBe('focal');
  });
});
