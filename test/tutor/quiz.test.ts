import { describe, expect, it } from 'vitest';
import type { Item, KnowledgeBase, QuizQuestion } from '../../src/kb/item';
import { gradeReply, pickNextQuestion, quizItemForLoss } from '../../src/tutor/quiz';
import { asksNextQuestion } from '../../src/tutor/understand/quiz-act';
import { emptySessionState } from '../../src/tutor/session-state';

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

describe('picking the next question', () => {
  const item = (number: number, loss: string | undefined, questions: number) =>
    ({ number, loss, quiz: Array.from({ length: questions }, (_, i) => ({ question: `q${i}`, answer: `a${i}` })) }) as unknown as Item;
  const items = [item(1, undefined, 1), item(26, 'focal', 0), item(27, 'focal', 2)];
  const kb = { items, byNumber: new Map(items.map((i) => [i.number, i])) } as unknown as KnowledgeBase;

  it('moves on from the last question asked on the same item, round again at its end', () => {
    expect(pickNextQuestion(kb, { ...emptySessionState(), lastQuiz: { item: 27, question: 0 } })).toEqual({ item: 27, question: 1 });
    expect(pickNextQuestion(kb, { ...emptySessionState(), lastQuiz: { item: 27, question: 1 } })).toEqual({ item: 27, question: 0 });
  });

  it('without a quiz so far, comes back to the oldest miss', () => {
    expect(pickNextQuestion(kb, { ...emptySessionState(), missed: [{ item: 1, question: 0 }] })).toEqual({ item: 1, question: 0 });
  });

  it('quizzes a named loss from the first item about it that has questions', () => {
    expect(quizItemForLoss(kb, 'focal')?.number).toBe(27);
    expect(quizItemForLoss(kb, 'mse')).toBeUndefined();
  });

  it('reads "next question" always, "another one" only once there has been a quiz', () => {
    expect(asksNextQuestion('next question', emptySessionState())).toBe(true);
    expect(asksNextQuestion('another one', emptySessionState())).toBe(false);
    expect(asksNextQuestion('another one', { ...emptySessionState(), lastQuiz: { item: 27, question: 0 } })).toBe(true);
    expect(asksNextQuestion('another one about focal loss', { ...emptySessionState(), lastQuiz: { item: 27, question: 0 } })).toBe(false);
  });
});
