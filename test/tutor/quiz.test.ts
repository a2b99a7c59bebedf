import { describe, expect, it } from 'vitest';
import type { Item, KnowledgeBase, QuizQuestion } from '../../src/kb/item';
import { gradeReply, keyIdeas, pickNextQuestion, quizItemForLoss, saysIdea } from '../../src/tutor/quiz';
import { asksNextQuestion } from '../../src/tutor/understand/quiz-act';
import { emptySessionState } from '../../src/tutor/session-state';

const weightQuestion: QuizQuestion = {
  question: 'If you raise the weight of the quality term from 0.7 to 0.9, what happens to its share of the gradient?',
  answer: 'Its share grows, because every gradient of that term is multiplied by its weight.',
  keywords: [['grow', 'increase', 'larger', 'more'], ['gradient', 'step', 'update']],
};

describe('gradeReply', () => {
  it('accepts a reply with a word of every keyword group, in any inflection', () => {
    expect(gradeReply('It grows: each update leans towards quality', weightQuestion)).toEqual({ correct: true, partly: false, missing: [], missingIdeas: [] });
  });

  it('names the keyword groups a reply missed, as the model answer words them, and calls it partly right', () => {
    const grade = gradeReply('It increases', weightQuestion);
    expect(grade).toMatchObject({ correct: false, partly: true, missing: [['gradient', 'step', 'update']] });
    expect(grade.missingIdeas.map((idea) => idea.text)).toEqual(['because every gradient of that term is multiplied by its weight']);
  });

  it('calls a reply with none of the ideas wrong, missing every idea', () => {
    const grade = gradeReply('bananas', weightQuestion);
    expect(grade).toMatchObject({ correct: false, partly: false });
    expect(grade.missingIdeas).toEqual(keyIdeas(weightQuestion));
    expect(gradeReply("I don't know", weightQuestion).missingIdeas).toHaveLength(2);
  });

  it('counts "I don\'t know" as a miss', () => {
    expect(gradeReply("I don't know", weightQuestion).correct).toBe(false);
    expect(gradeReply('不知道', weightQuestion).correct).toBe(false);
  });

  it('reads the ideas of an answer: one per keyword group, else one per clause', () => {
    expect(keyIdeas(weightQuestion)).toEqual([
      { text: 'Its share grows', words: ['grow', 'increase', 'larger', 'more'], need: 1 },
      { text: 'because every gradient of that term is multiplied by its weight', words: ['gradient', 'step', 'update'], need: 1 },
    ]);
    const chinese: QuizQuestion = { question: '誤差變成兩倍呢？', answer: '四倍，因為誤差會被平方。' };
    expect(keyIdeas(chinese).map((idea) => idea.text)).toEqual(['四倍', '因為誤差會被平方']);
    expect(keyIdeas({ question: 'q', answer: 'Scale 0.5 of the error; then stop.' }).map((idea) => idea.text)).toEqual(['Scale 0.5 of the error', 'then stop']);
  });

  it('tells whether a text says an idea', () => {
    const [grows, gradient] = keyIdeas(weightQuestion);
    expect(saysIdea('Raising a weight raises its share of every gradient step', gradient!)).toBe(true);
    expect(saysIdea('The terms are added', grows!)).toBe(false);
  });

  it('finds the clauses an open answer misses, and the headline of a card a wrong name misses', () => {
    const open: QuizQuestion = { question: 'Why square the error?', answer: 'Squaring punishes large errors much more than small errors, which makes outliers dominate.' };
    const grade = gradeReply('squaring punishes large errors', open);
    expect(grade.correct).toBe(true);
    const partly = gradeReply('outliers dominate the mean', open);
    expect(partly).toMatchObject({ correct: false, partly: true });
    expect(partly.missingIdeas.map((idea) => idea.text)).toEqual(['Squaring punishes large errors much more than small errors']);
    const card: QuizQuestion = { question: 'What does MSE stand for?', answer: 'Mean squared error: the average of squared differences between target and prediction' };
    expect(gradeReply('mean absolute error', card).missingIdeas.map((idea) => idea.text)).toContain('Mean squared error');
  });

  it('grades against the model answer when the question has no keywords', () => {
    const open: QuizQuestion = { question: 'Why square the error?', answer: 'Squaring punishes large errors much more than small errors.' };
    expect(gradeReply('because squaring punishes large errors', open).correct).toBe(true);
    expect(gradeReply('it is faster to compute', open).correct).toBe(false);
  });

  it("takes a flashcard back's headline as the answer, in any case and inflection", () => {
    const card: QuizQuestion = { question: 'What does MSE stand for?', answer: 'Mean squared error: the average of squared differences between target and prediction' };
    expect(gradeReply('mean squared error', card).correct).toBe(true);
    expect(gradeReply('Mean Squared Errors', card).correct).toBe(true);
    expect(gradeReply('mean absolute error', card).correct).toBe(false);
    const robust: QuizQuestion = { question: 'Which is more robust to outliers, MSE or MAE?', answer: 'MAE, because errors are not squared' };
    expect(gradeReply('mae', robust).correct).toBe(true);
    expect(gradeReply('mse', robust).correct).toBe(false);
  });
});

describe('picking the next question', () => {
  const item = (number: number, loss: string | undefined, questions: number) =>
    ({ number, loss, quiz: Array.from({ length: questions }, (_, i) => ({ question: `q${i}`, answer: `a${i}` })) }) as unknown as Item;
  const items = [item(1, undefined, 1), item(26, 'focal', 0), item(27, 'focal', 2)];
  const kb = { items, byNumber: new Map(items.map((i) => [i.number, i])) } as unknown as KnowledgeBase;

  it('moves on from the last question asked on the same item, then to the next item with questions', () => {
    expect(pickNextQuestion(kb, { ...emptySessionState(), lastQuiz: { item: 27, question: 0 } })).toEqual({ item: 27, question: 1 });
    expect(pickNextQuestion(kb, { ...emptySessionState(), lastQuiz: { item: 27, question: 1 } })).toEqual({ item: 1, question: 0 });
    expect(pickNextQuestion(kb, { ...emptySessionState(), lastQuiz: { item: 1, question: 0 }, missed: [{ item: 1, question: 0 }] })).toEqual({ item: 27, question: 0 });
  });

  it('without a quiz so far, comes back to the oldest miss', () => {
    expect(pickNextQuestion(kb, { ...emptySessionState(), missed: [{ item: 1, question: 0 }] })).toEqual({ item: 1, question: 0 });
  });

  it('quizzes a named loss from the first item about it that has questions', () => {
    expect(quizItemForLoss(kb, 'focal')?.number).toBe(27);
    expect(quizItemForLoss(kb, 'mse')).toBeUndefined();
  });

  it('reads "skip" as the next question only while a question is open', () => {
    expect(asksNextQuestion('skip', { ...emptySessionState(), quiz: { item: 27, question: 0 } })).toBe(true);
    expect(asksNextQuestion('skip', emptySessionState())).toBe(false);
  });

  it('reads "next question" always, "another one" only once there has been a quiz', () => {
    expect(asksNextQuestion('next question', emptySessionState())).toBe(true);
    expect(asksNextQuestion('another one', emptySessionState())).toBe(false);
    expect(asksNextQuestion('another one', { ...emptySessionState(), lastQuiz: { item: 27, question: 0 } })).toBe(true);
    expect(asksNextQuestion('another one about focal loss', { ...emptySessionState(), lastQuiz: { item: 27, question: 0 } })).toBe(false);
  });
});
