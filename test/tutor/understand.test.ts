import { beforeAll, describe, expect, it } from 'vitest';
import { losses } from '../../src/core/index';
import { bundledKnowledgeDir } from '../../src/cli/io';
import type { KnowledgeBase } from '../../src/kb/item';
import { loadKnowledgeBase } from '../../src/kb/knowledge-base';
import { detectLanguage } from '../../src/tutor/language';
import { createLossFinder } from '../../src/tutor/loss-mention';
import { emptySessionState } from '../../src/tutor/session-state';
import { readCalculation } from '../../src/tutor/understand/calculation';
import { readDialogueAct } from '../../src/tutor/understand/dialogue-act';
import { understand } from '../../src/tutor/understand/turn-reading';

const finder = createLossFinder(losses);
let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKnowledgeBase(bundledKnowledgeDir);
});

describe('the language of a turn', () => {
  it.each([
    ['What is focal loss?', 'en'],
    ['什麼是均方誤差？', 'zh-Hant'],
    ['什么是均方误差？', 'zh-Hans'],
    ['类别权重什么时候用？', 'zh-Hans'],
    ['這個損失怎麼選？', 'zh-Hant'],
  ] as const)('%s is %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });
});

describe('the dialogue act', () => {
  const plain = { namesSomething: false };
  it.each([
    ['thanks!!', 'thanks'],
    ['謝謝！', 'thanks'],
    ['bye', 'farewell'],
    ['ok cool', 'acknowledgement'],
    ['hi', 'greeting'],
    ['help', 'help'],
    ["what's the capital of France", 'out_of_scope'],
    ['write me a poem about cats', 'out_of_scope'],
    ['why does cross-entropy train faster than MSE?', 'question'],
    ['what about the other one?', 'question'],
  ] as const)('%s is %s', (text, act) => {
    expect(readDialogueAct(text, plain)).toBe(act);
  });

  it('takes a turn that names a loss, an item or numbers as a question whatever its words', () => {
    expect(readDialogueAct('huber?', { namesSomething: true })).toBe('question');
  });
});

describe('understand', () => {
  it('reads a full-width item reference as the item', () => {
    const reading = understand('＃３５', emptySessionState(), kb, finder);
    expect(reading.reference).toMatchObject({ status: 'item', number: 35 });
    expect(reading.act).toBe('question');
  });

  it('reads Simplified Chinese in its Traditional form, keeping the language it was written in', () => {
    const reading = understand('第9条讲什么', emptySessionState(), kb, finder);
    expect(reading.lang).toBe('zh-Hans');
    expect(reading.text).toContain('第9條');
    expect(reading.reference).toMatchObject({ status: 'item', number: 9 });
  });

  it('resolves "it" against the conversation topic, and leaves it dangling without one', () => {
    expect(understand('explain it', { ...emptySessionState(), topic: 27 }, kb, finder).reference).toMatchObject({ status: 'item', number: 27 });
    expect(understand('explain it', emptySessionState(), kb, finder).reference).toMatchObject({ status: 'dangling' });
  });

  it('splits a message into its questions', () => {
    expect(understand('What is MSE? How does it compare with MAE?', emptySessionState(), kb, finder).parts).toHaveLength(2);
  });
});

describe('readCalculation', () => {
  it('reads lists and parameters, and a parameter change as a rerun only when there is a calculation to rerun', () => {
    const lists = readCalculation('huber with delta 1 for targets [0, 0] and predictions [0.5, 3]', 'en', {});
    expect(lists.hasLists).toBe(true);
    expect(lists.numbers.params).toEqual({ delta: 1 });
    expect(readCalculation('now delta 2', 'en', {}).rerun).toBe(false);
    expect(readCalculation('now delta 2', 'en', { lastCalculation: { loss: 'huber', inputs: { yTrue: [0], yPred: [1] } } }).rerun).toBe(true);
  });
});

describe('a choice with nothing to choose for', () => {
  it.each(['which loss is best?', 'What is the best loss function?', 'which loss should I use?', '哪個損失最好？', '哪个损失最好？'])('"%s" is underspecified', (text) => {
    expect(understand(text, emptySessionState(), kb, finder).underspecifiedChoice).toBe(true);
  });

  it.each(['which loss is best for imbalanced data?', 'which loss is best, MSE or MAE?', 'is item 6 the best loss?', 'what is the loss?'])('"%s" is not', (text) => {
    expect(understand(text, emptySessionState(), kb, finder).underspecifiedChoice).toBe(false);
  });
});
