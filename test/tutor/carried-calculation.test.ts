import { beforeAll, describe, expect, it } from 'vitest';
import { losses } from '../../src/core/index';
import { bundledKnowledgeDir } from '../../src/cli/io';
import type { KnowledgeBase } from '../../src/kb/item';
import { loadKnowledgeBase } from '../../src/kb/knowledge-base';
import { carriedCalculation } from '../../src/tutor/carried-calculation';
import { createLossFinder } from '../../src/tutor/loss-mention';
import { emptySessionState, type SessionState } from '../../src/tutor/session-state';
import { understand } from '../../src/tutor/understand/turn-reading';

const finder = createLossFinder(losses);
let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKnowledgeBase(bundledKnowledgeDir);
});
const carried = (text: string, state: SessionState) => carriedCalculation(understand(text, state, kb, finder), state, finder);

describe('calculations carried by the conversation', () => {
  it('fills the numbers a loss was waiting for', () => {
    const state = { ...emptySessionState(), pending: { code: 'no_numbers' as const, loss: 'mse' } };
    expect(carried('targets [1, 2, 3] and predictions [1, 2, 4]', state)).toMatchObject({ kind: 'case', lossCase: { loss: 'mse', inputs: { yTrue: [1, 2, 3], yPred: [1, 2, 4] } } });
  });

  it('fills the loss numbers were waiting for', () => {
    const state = { ...emptySessionState(), pending: { code: 'no_loss' as const, inputs: { yTrue: [1, 0], yPred: [0.8, 0.3] } } };
    expect(carried('binary cross-entropy', state)).toMatchObject({ kind: 'case', lossCase: { loss: 'bce', inputs: { yTrue: [1, 0], yPred: [0.8, 0.3] } } });
  });

  it('reruns the last numbers with a new loss only when the turn leans on them', () => {
    const state = { ...emptySessionState(), lastCalculation: { loss: 'mse', inputs: { yTrue: [1, 2], yPred: [1, 3] } } };
    expect(carried('and with mae?', state)).toMatchObject({ lossCase: { loss: 'mae', inputs: { yTrue: [1, 2], yPred: [1, 3] } } });
    expect(carried('What is MAE?', state)).toBeUndefined();
    expect(carried('and with mae?', emptySessionState())).toBeUndefined();
  });
});
