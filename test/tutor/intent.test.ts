import { describe, expect, it } from 'vitest';
import { detectIntents } from '../../src/tutor/intent';

describe('detectIntents', () => {
  it('reads "explain the concept, and how it is used" as a definition and a mechanism', () => {
    expect(detectIntents('Can you explain the concept of weighted loss functions in machine learning, and how they are used to balance quality and quantity?')).toEqual(['how', 'definition']);
  });

  it('prefers the effect on training over a general "how"', () => {
    expect(detectIntents('How do the weights in weighted loss functions impact the training process and model performance?')).toEqual(['training']);
  });

  it.each([
    ['quiz me on item 12', 'quiz'],
    ['考我第12條', 'quiz'],
    ['show me a worked example', 'example'],
    ['how does it compare with cross-entropy?', 'comparison'],
    ['diff between item 6 and item 7', 'comparison'],
    ['how should I choose gamma for it?', 'when'],
    ['what are the pitfalls of MAPE?', 'pitfalls'],
    ['什麼是交叉熵？', 'definition'],
    ['hello', 'greeting'],
    ['help', 'help'],
    ['what does item 6 say', 'claim'],
    ['what does #35 say', 'claim'],
    ['what does note 35 say', 'claim'],
    ['what does no. 35 say', 'claim'],
    ['what does the 35th item say', 'claim'],
    ['第35條說什麼', 'claim'],
    ['第 35 項說什麼', 'claim'],
  ])('reads %j as %s', (question, intent) => {
    expect(detectIntents(question)[0]).toBe(intent);
  });

  it('reads a claim only when what is asked about is an item named by number', () => {
    expect(detectIntents('what does the gradient say about training')[0]).toBe('training');
    expect(detectIntents('what does the #1 reason to use it say about training')[0]).toBe('training');
  });

  it('treats a question with numbers as a computation', () => {
    expect(detectIntents('what is the huber loss for these?', true)[0]).toBe('computation');
  });
});
