import { beforeAll, describe, expect, it } from 'vitest';
import { bundledKnowledgeDir } from '../../src/cli/io';
import type { KnowledgeBase } from '../../src/kb/item';
import { loadKnowledgeBase } from '../../src/kb/knowledge-base';
import { rankPassages } from '../../src/search/passage-ranking';
import { answeringPassage } from '../../src/tutor/ground/passages';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKnowledgeBase(bundledKnowledgeDir);
});

describe('grounding a question in passages', () => {
  it('finds the passage that says what the question asks, beyond the words naming the item', () => {
    const focal = kb.byNumber.get(27)!;
    expect(answeringPassage(focal, 'en', 'How should I choose gamma for focal loss?', ['when'])?.text).toContain('tune gamma and alpha together');
  });

  it('lets the intent break a tie toward the sections it wants', () => {
    const huber = kb.byNumber.get(9)!;
    const passage = answeringPassage(huber, 'en', 'how do I pick delta?', ['when']);
    expect(['when', 'pitfalls']).toContain(passage?.sectionName);
  });

  it('finds nothing when the question only names the item', () => {
    const focal = kb.byNumber.get(27)!;
    expect(rankPassages(focal, focal, 'focal loss')).toEqual([]);
  });
});
