import { beforeAll, describe, expect, it } from 'vitest';
import { ourRanking, questions, rawMiniSearchRanking, score } from '../../eval/retrieval';
import { bundledKnowledgeDir } from '../../src/cli/io';
import type { KnowledgeBase } from '../../src/kb/item';
import { loadKnowledgeBase } from '../../src/kb/knowledge-base';

/** Floors a little under what the index reaches (0.969 / 0.992 / 0.978): a regression fails here. */
const floors = { recallAt1: 0.94, recallAt3: 0.97, mrr: 0.95 };

describe('retrieval over the bundled knowledge base', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await loadKnowledgeBase(bundledKnowledgeDir);
  });

  it('has at least 80 learner questions of every kind', () => {
    const set = questions();
    expect(set.length).toBeGreaterThanOrEqual(80);
    expect(new Set(set.map((q) => q.kind))).toEqual(new Set(['english', 'chinese', 'named item']));
    for (const q of set) for (const item of q.items) expect(kb.byNumber.has(item), `${q.question} → #${item}`).toBe(true);
  });

  it('stays above its floors', () => {
    const scores = score(ourRanking(kb), questions());
    expect(scores.recallAt1).toBeGreaterThanOrEqual(floors.recallAt1);
    expect(scores.recallAt3).toBeGreaterThanOrEqual(floors.recallAt3);
    expect(scores.mrr).toBeGreaterThanOrEqual(floors.mrr);
  });

  it('beats MiniSearch with default options on the same notes', () => {
    const ours = score(ourRanking(kb), questions());
    const raw = score(rawMiniSearchRanking(kb), questions());
    expect(ours.recallAt1).toBeGreaterThan(raw.recallAt1);
    expect(ours.mrr).toBeGreaterThan(raw.mrr);
  });
});
