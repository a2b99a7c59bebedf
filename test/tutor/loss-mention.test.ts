import { describe, expect, it } from 'vitest';
import { losses } from '../../src/core/index';
import { createLossFinder } from '../../src/tutor/loss-mention';

const finder = createLossFinder(losses);

describe('finding the loss a question names', () => {
  it('finds a loss by its name or alias, the longest name first', () => {
    expect(finder.find('what is the mean squared error here')).toEqual([expect.objectContaining({ status: 'found', id: 'mse' })]);
    expect(finder.find('squared hinge please')).toEqual([expect.objectContaining({ status: 'found', id: 'squared-hinge' })]);
    expect(finder.find('binary cross-entropy with logits')[0]).toEqual(expect.objectContaining({ status: 'found', id: 'bce-logits' }));
  });

  it('calls a name that fits several losses ambiguous, listing them', () => {
    const [hinge] = finder.find('compute the hinge');
    expect(hinge?.status).toBe('ambiguous');
    expect(hinge?.status === 'ambiguous' && hinge.candidates).toEqual(expect.arrayContaining(['hinge', 'squared-hinge']));
  });

  it("takes a loss's own full name as that loss, though longer names contain it", () => {
    expect(finder.find('compute the hinge loss')).toEqual([expect.objectContaining({ status: 'found', id: 'hinge' })]);
  });

  it('knows the Chinese names', () => {
    expect(finder.find('什麼是均方誤差？')).toEqual([expect.objectContaining({ status: 'found', id: 'mse' })]);
  });

  it('finds nothing in a question about no loss', () => {
    expect(finder.find('how do I read a learning curve?')).toEqual([]);
  });
});
