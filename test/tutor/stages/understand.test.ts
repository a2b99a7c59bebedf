import { beforeAll, describe, expect, it } from 'vitest';
import { emptySessionState, type SessionState } from '../../../src/tutor/session-state';
import { isStatement } from '../../../src/tutor/understand/quiz-act';
import { understand } from '../../../src/tutor/understand/turn-reading';
import { finder, loadBundled, type Bundled } from './stage-fixtures';

let bundled: Bundled;
beforeAll(async () => {
  bundled = await loadBundled();
});

const read = (text: string, state: SessionState = emptySessionState()) => understand(text, state, bundled.kb, finder);
const quizOpen: SessionState = { ...emptySessionState(), quiz: { item: 35, question: 0 }, lastQuiz: { item: 35, question: 0 } };

describe('understand: text → TurnReading', () => {
  it('gives each part its own item references, not one list for the message', () => {
    const reading = read('What does item 6 say? And what about item 7?');
    expect(reading.parts).toHaveLength(2);
    const numbers = reading.parts.map((part) => part.references.flatMap((ref) => (ref.kind === 'number' ? [ref.number] : [])));
    expect(numbers).toEqual([[6], [7]]);
  });

  it('reads each part for its own intents, numbers and loss names', () => {
    const [first, second] = read('What is MSE? Compute huber with delta 2 for targets [1, 2] and predictions [1, 3]?').parts;
    expect(first?.intents[0]).toBe('definition');
    expect(first?.mentions).toEqual([expect.objectContaining({ status: 'found', id: 'mse' })]);
    expect(second?.intents[0]).toBe('computation');
    expect(second?.numbers.params).toEqual({ delta: 2 });
    expect(second?.numbers.lists).toHaveLength(2);
  });

  it('reads a statement while a quiz question is open as its answer', () => {
    expect(read('its share of the gradient grows', quizOpen).act).toBe('quiz_reply');
    expect(read('the gradient of that term grows?', quizOpen).act).toBe('quiz_reply');
  });

  it('reads a question or a request during a quiz as what it is, leaving the quiz open', () => {
    expect(read('what is focal loss?', quizOpen).act).toBe('question');
    expect(read('explain item 6', quizOpen).act).toBe('question');
    expect(read('thanks!', quizOpen).act).toBe('thanks');
    expect(read('next question', quizOpen).act).toBe('next_question');
    expect(read('quiz me on focal loss', quizOpen).act).toBe('quiz_request');
  });

  it('reads no quiz reply when no question is open', () => {
    expect(read('its share of the gradient grows').act).not.toBe('quiz_reply');
  });

  it('tells statements from questions and requests', () => {
    expect(isStatement('MSE squares the errors')).toBe(true);
    expect(isStatement('huber?')).toBe(false);
    expect(isStatement('why does it square them?')).toBe(false);
    expect(isStatement('它會放大較大的誤差')).toBe(true);
    expect(isStatement('它為什麼會放大誤差')).toBe(false);
  });

  it('reads a case the learner gives in words in a part that asks no computation', () => {
    const [part] = read('I predicted 3.5 but the true value was 3, what is my squared error loss?').parts;
    expect(part?.freshCase).toMatchObject({ kind: 'case', lossCase: { loss: 'mse' } });
  });
});
