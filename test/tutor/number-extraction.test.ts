import { describe, expect, it } from 'vitest';
import { assignRoles, extractNumbers } from '../../src/tutor/understand/number-extraction';

describe('extractNumbers', () => {
  it('reads lists written with "and" and labels them by the closest keyword', () => {
    const found = extractNumbers('If the actual prices are 200000, 250000 and 300000 and the predicted are 210000, 240000, 310000?');
    expect(found.lists.map((l) => [l.role, l.values])).toEqual([
      ['target', [200000, 250000, 300000]],
      ['prediction', [210000, 240000, 310000]],
    ]);
  });

  it('reads y_true = [...] and parameters such as "delta 1", "gamma = 2" and "with alpha 0.25"', () => {
    const found = extractNumbers('huber with delta 1 for y_true = [1, 2, 3] and y_pred = [1.5, 2, 5]');
    expect(found.params).toEqual({ delta: 1 });
    expect(extractNumbers('focal with alpha 0.25 and gamma = 2: targets [1, 0] logits [0.5, -1]').params).toEqual({ alpha: 0.25, gamma: 2 });
    expect(assignRoles(found.lists)).toEqual({ yTrue: [1, 2, 3], yPred: [1.5, 2, 5], assumedOrder: false });
  });

  it('reads Chinese punctuation', () => {
    const found = extractNumbers('計算MSE：目標值「1、2、3」，預測值「1，2，4」');
    expect(assignRoles(found.lists)).toEqual({ yTrue: [1, 2, 3], yPred: [1, 2, 4], assumedOrder: false });
  });

  it('puts the targets first when a keyword names only the predictions', () => {
    const found = extractNumbers('predictions 0.9 0.2 0.7 and labels 1 0 1');
    expect(assignRoles(found.lists)).toMatchObject({ yTrue: [1, 0, 1], yPred: [0.9, 0.2, 0.7] });
  });

  it('assumes targets then predictions when nothing says which is which', () => {
    expect(assignRoles(extractNumbers('mse of [1,2,3] and [1,2,4]').lists)).toEqual({ yTrue: [1, 2, 3], yPred: [1, 2, 4], assumedOrder: true });
  });

  it('reads rows of logits as a matrix', () => {
    const found = extractNumbers('targets [0, 2] and logits [[1, 2, 3], [0.5, 0.1, -1]]');
    expect(found.lists[1]?.values).toEqual([[1, 2, 3], [0.5, 0.1, -1]]);
  });

  it('reads the weight of a named term', () => {
    expect(extractNumbers('what if the weight of quality were 0.9?')).toEqual({ lists: [], params: {}, termWeights: { quality: 0.9 } });
  });

  it('skips the spans it is told to skip, such as item references', () => {
    expect(extractNumbers('items 35, 36 and 37', [[0, 19]]).lists).toEqual([]);
  });
});
