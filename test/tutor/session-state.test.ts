import { describe, expect, it } from 'vitest';
import { emptySessionState, nextState, readSessionState } from '../../src/tutor/session-state';

describe('reading a stored state', () => {
  it('reads a state stored before this schema, migrating its Chinese language tag', () => {
    const stored = { topic: 9, lastShown: [9, 10], missed: [{ item: 6, question: 0 }], lang: 'zh' };
    expect(readSessionState(stored)).toEqual({ topic: 9, lastShown: [9, 10], missed: [{ item: 6, question: 0 }], lang: 'zh-Hant' });
  });

  it('fills what an old state lacks and starts afresh from what is not a state', () => {
    expect(readSessionState({ topic: 3 })).toEqual({ topic: 3, lastShown: [], missed: [] });
    expect(readSessionState('not a state')).toEqual(emptySessionState());
    expect(readSessionState({ lastShown: 'x' })).toEqual(emptySessionState());
  });

  it('keeps a calculation and a pending question through JSON', () => {
    const state = nextState(emptySessionState(), [
      { type: 'calculated', lossCase: { loss: 'mse', inputs: { yTrue: [1], yPred: [2] } } },
      { type: 'asked_back', pending: { code: 'no_loss', inputs: { yTrue: [1, 0], yPred: [0.8, 0.3] } } },
    ]);
    expect(readSessionState(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });
});

describe('nextState', () => {
  it('applies events in order', () => {
    const state = nextState(emptySessionState(), [
      { type: 'language', lang: 'zh-Hans' },
      { type: 'topic', item: 27 },
      { type: 'shown', items: [27, 19] },
    ]);
    expect(state).toEqual({ lastShown: [27, 19], missed: [], lang: 'zh-Hans', topic: 27 });
  });

  it('keeps a question asked back open for one turn only', () => {
    const asked = nextState(emptySessionState(), [{ type: 'asked_back', pending: { code: 'no_numbers', loss: 'mse' } }]);
    expect(asked.pending).toEqual({ code: 'no_numbers', loss: 'mse' });
    expect(nextState(asked, [{ type: 'topic', item: 6 }]).pending).toBeUndefined();
  });

  it('remembers a missed quiz question once, and forgets it when answered right', () => {
    const asked = nextState(emptySessionState(), [{ type: 'quiz_asked', item: 6, question: 0 }]);
    const missed = nextState(asked, [{ type: 'quiz_graded', item: 6, question: 0, correct: false }]);
    expect(missed.quiz).toBeUndefined();
    expect(nextState(missed, [{ type: 'quiz_graded', item: 6, question: 0, correct: false }]).missed).toEqual([{ item: 6, question: 0 }]);
    expect(nextState(missed, [{ type: 'quiz_graded', item: 6, question: 0, correct: true }]).missed).toEqual([]);
  });
});
