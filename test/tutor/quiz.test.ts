import { describe, expect, it } from 'vitest';
import type { QuizQuestion } from '../../src/kb/item';
import { gradeReply } from '../../src/tutor/quiz';

const weightQuestion: QuizQuestion = {
  question: 'If you raise the weight of the quality term from 0.7 to 0.9, what happens to its share of the gradient?',
  answer: 'Its share grows, because every gradient of that term is multiplied by its weight.',
  keywords: [['grow', 'increase', 'larger', 'more'], ['gradient', 'step', 'update']],
};

describe('gradeReply', () => {
  it('accepts a reply with a word of every keyword group, in any inflection', () => {
    expect(gradeReply('It grows: each update leans towards quality', weightQuestion)).toEqual({ correct: true, missing: [] });
  });

  it('names the keyword groups a reply missed', () => {
    expect(gradeReply('It increases', weightQuestion)).toEqual({ correct: false, missing: [['gradient', 'step', 'update']] });
  });

  it('counts "I don\'t know" as a miss', () => {
    expect(gradeReply("I don't know", weightQuestion).correct).toBe(false);
    expect(gradeReply('不知道', weightQuestion).correct).toBe(false);
  });

  it('grades against the model answer when the question has no keywords', () => {
    const open: QuizQuestion = { question: 'Why square the error?', answer: 'Squaring punishes large errors much more than small errors.' };
    expect(gradeReply('because squaring punishes large errors', open).correct).toBe(true);
    expect(gradeReply('it is faster to compute', open).correct).toBe(false);
  });
});
