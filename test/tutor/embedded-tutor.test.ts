import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openTutor, type OpenedTutor } from '../../src/runtime/open-tutor';
import { emptySessionState } from '../../src/tutor/session-state';

const item35Question =
  'I\'d like to discuss one of the items from the knowledge base. Specifically, I\'m least confident about item #35: ' +
  '"Machine learning uses weighted loss functions to balance quality and quantity." I\'m uncertain about this aspect. ' +
  '1. Can you explain the concept of weighted loss functions in machine learning, and how they are used to balance quality and quantity? ' +
  '2. How do the weights in weighted loss functions impact the training process and model performance?';

let bundled: OpenedTutor;
beforeAll(async () => {
  bundled = await openTutor({ kbDir: join(__dirname, '..', '..', 'knowledge') });
});

const ask = (text: string, state = emptySessionState(), onDelta?: (t: string) => void) =>
  bundled.tutor.answer({ text, state, history: () => [], ...(onDelta ? { onDelta } : {}) });

describe('the embedded tutor', () => {
  describe('on the item 35 conversation', () => {
    it('quotes the claim, answers each question under its own heading and cites item 35 first', async () => {
      const item = bundled.kb.byNumber.get(35);
      const { answer } = await ask(item35Question);
      expect(answer.text).toContain(`> ${item?.claim}`);
      expect(answer.parts?.map((p) => p.question)).toEqual([
        'Can you explain the concept of weighted loss functions in machine learning, and how they are used to balance quality and quantity?',
        'How do the weights in weighted loss functions impact the training process and model performance?',
      ]);
      expect(answer.text).toMatch(/^## 1\. Can you explain/m);
      expect(answer.text).toMatch(/^## 2\. How do the weights/m);
      expect(answer.citations[0]).toMatchObject({ item: 35, title: item?.title, source: item?.source });
    });

    it('draws question 1 from the definition and question 2 from the effect on training', async () => {
      const item = bundled.kb.byNumber.get(35);
      const section = (name: string) => item?.sections.find((s) => s.name === name)?.text ?? '';
      const { answer } = await ask(item35Question);
      expect(section('definition').length).toBeGreaterThan(0);
      expect(answer.parts?.[0]?.text).toContain(section('definition'));
      expect(answer.parts?.[1]?.text).toContain(section('training'));
    });

    it('works the combined example and shows the weight raised, each term with its value, weighted value and share', async () => {
      const { answer } = await ask(item35Question);
      const [before, after] = answer.calculations;
      expect(before?.terms?.map((t) => t.label)).toEqual(['quality', 'quantity']);
      expect(after?.terms?.[0]?.weight).toBeGreaterThan(before?.terms?.[0]?.weight ?? Infinity);
      expect(after?.terms?.[0]?.share).toBeGreaterThan(before?.terms?.[0]?.share ?? Infinity);
      expect(answer.text).toContain('share');
    });

    it('remembers the topic and the calculation for follow-ups', async () => {
      const first = await ask(item35Question);
      expect(first.state.topic).toBe(35);
      expect(first.state.lastCalculation?.loss).toBe('combined');
      const next = await ask('what if the weight of quality were 0.9?', first.state);
      expect(next.answer.calculations.some((c) => c.terms?.[0]?.weight === 0.9)).toBe(true);
    });
  });

  it('streams the answer in pieces that add up to the whole text', async () => {
    const pieces: string[] = [];
    const { answer } = await ask(item35Question, emptySessionState(), (piece) => pieces.push(piece));
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join('')).toBe(answer.text);
  });

  it('answers a Chinese question from the Chinese note where there is one', async () => {
    const zh = bundled.kb.byNumber.get(35)?.translations['zh-Hant'];
    const { answer, state } = await ask('第35條在說什麼？');
    expect(zh).toBeDefined();
    expect(answer.text).toContain(zh?.claim ?? '');
    expect(answer.text).toContain(zh?.sections.find((s) => s.name === 'definition')?.text ?? 'a definition');
    expect(answer.text).toContain('## 定義');
    expect(state.lang).toBe('zh-Hant');
  });

  it('asks back instead of guessing when a computation has no numbers', async () => {
    const { answer, state } = await ask('compute the mse');
    expect(answer.clarify).toBe(true);
    expect(answer.calculations).toEqual([]);
    expect(state.lastCalculation).toBeUndefined();
  });
});
