import { describe, expect, it } from 'vitest';
import { splitQuestions } from '../../src/tutor/question-split';

describe('splitQuestions', () => {
  describe('when the message has a numbered list of questions', () => {
    it('keeps the preamble apart and returns one part per number, in order', () => {
      const message =
        'I am least confident about item #35: "Weighted losses balance quality and quantity." ' +
        '1. Can you explain the concept, and how it is used? 2. How do the weights impact the training process?';
      const split = splitQuestions(message);
      expect(split.preamble).toContain('least confident');
      expect(split.parts).toEqual(['Can you explain the concept, and how it is used?', 'How do the weights impact the training process?']);
    });

    it('accepts "1)" markers on their own lines', () => {
      expect(splitQuestions('Two things:\n1) what is huber\n2) how does delta work').parts).toEqual(['what is huber', 'how does delta work']);
    });

    it('does not split on decimals such as 0.7', () => {
      expect(splitQuestions('What is 0.7 times 2. 5 apples?').parts).toHaveLength(1);
    });
  });

  describe('when the message has several question marks', () => {
    it('returns each question, full-width marks included', () => {
      expect(splitQuestions('什麼是焦點損失？它和交叉熵有什麼不同？').parts).toEqual(['什麼是焦點損失？', '它和交叉熵有什麼不同？']);
      expect(splitQuestions('I read the notes. What is MSE? Why square the error?')).toEqual({
        preamble: 'I read the notes.',
        parts: ['What is MSE?', 'Why square the error?'],
      });
    });
  });

  it('keeps a single question whole', () => {
    expect(splitQuestions('compute mse for 1.5, 2 and 3').parts).toEqual(['compute mse for 1.5, 2 and 3']);
  });
});

describe('splitQuestions on a prompt transcript', () => {
  it('leaves the sign-off after the last question out of the last part', () => {
    const message = 'Specifically:\n\n1. Can you explain weighted losses?\n2. How do the weights impact training?\n\nPlease help me understand this concept better!';
    expect(splitQuestions(message).parts).toEqual(['Can you explain weighted losses?', 'How do the weights impact training?']);
  });
});
