import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledKnowledgeDir } from '../../src/cli/io';
import { openTutor, type OpenedTutor } from '../../src/runtime/open-tutor';
import { emptySessionState } from '../../src/tutor/session-state';
import { TutorPool } from '../../src/runtime/tutor-pool';

const questions = [
  "I'm least confident about item #35. 1. How do weighted losses work? 2. How do the weights change training?",
  'What is the MSE of targets 200000, 250000, 300000 and predictions 210000, 240000, 310000?',
  '什麼是交叉熵？',
  'compute the mse',
];

describe('the tutor pool', () => {
  let opened: OpenedTutor;
  let pool: TutorPool;
  beforeAll(async () => {
    opened = await openTutor({ kbDir: bundledKnowledgeDir });
    pool = await TutorPool.open({ kb: opened.kb }, 2);
  }, 60_000);
  afterAll(() => pool.close());

  it('answers on its threads exactly as the embedded tutor does on this one, streaming the same text', async () => {
    const state = { ...emptySessionState(), topic: 6 };
    const results = await Promise.all(
      questions.map(async (text) => {
        const deltas: string[] = [];
        const here = await opened.tutor.answer({ text, state, history: () => [] });
        const there = await pool.answer({ text, state, history: () => [], onDelta: (piece) => deltas.push(piece) });
        return { here, there, streamed: deltas.join('') };
      }),
    );
    for (const { here, there, streamed } of results) {
      expect(there).toEqual(here);
      expect(streamed).toBe(there.answer.text);
    }
  });

  it('fails only the turns of a thread that dies, then answers on a new thread', async () => {
    const threads = (pool as unknown as { threads: Worker[] }).threads;
    const [doomed] = threads;
    // Stopped before the turns are handed out: a turn answers in well under a millisecond, so a thread
    // stopped afterwards may finish its share first and fail nothing.
    const stopped = doomed!.terminate();
    const turns = Array.from({ length: 6 }, () => pool.answer({ text: 'what is focal loss?', state: emptySessionState(), history: () => [] }));
    await stopped;
    const outcomes = await Promise.allSettled(turns);
    const failed = outcomes.filter((o) => o.status === 'rejected');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.length).toBeLessThan(turns.length);
    for (const failure of failed) expect((failure as PromiseRejectedResult).reason).toMatchObject({ code: 'tutor_thread_failed' });
    await expect.poll(() => threads.length, { timeout: 30_000 }).toBe(2);
    await expect(pool.answer({ text: 'what is focal loss?', state: emptySessionState(), history: () => [] })).resolves.toMatchObject({ answer: { clarify: false } });
  }, 60_000);
});

describe('a tutor pool taking turns between lanes', () => {
  const ask = (pool: TutorPool, lane: string, text: string) => pool.answer({ text, state: emptySessionState(), history: () => [], lane });
  // 150 parts, each its own search and calculation: about a hundred milliseconds on a warm thread; a light question takes one or two.
  const heavy = Array.from({ length: 150 }, (_, i) => `${i + 1}. what is the mse of ${i},${i + 1},${i + 2} vs ${i + 1},${i},${i + 3}?`).join(' ');

  it('charges a lane the time its turn took on the thread, not the time this thread took to read the answer', async () => {
    const pool = await TutorPool.open({ kb: (await openTutor({ kbDir: bundledKnowledgeDir })).kb }, 1, { turnBudgetMs: 10_000, order: 'fair' });
    try {
      await ask(pool, 'warm-up', 'what is mse?');
      for (let i = 0; i < 3; i++) await Promise.all([ask(pool, 'heavy1', heavy), ask(pool, 'heavy2', heavy)]);
      // This thread is held up (as by a slow disk sync) while the light turn is answered: its answer
      // waits a second to be read, though the light turn itself took a few milliseconds.
      const light = ask(pool, 'light', 'what is mse?');
      await new Promise((resolve) => setImmediate(resolve));
      const holdUntil = performance.now() + 1000;
      while (performance.now() < holdUntil);
      await light;
      const order: string[] = [];
      const turns = [ask(pool, 'busy', heavy), ...['heavy1', 'heavy2', 'light'].map((lane) => ask(pool, lane, lane === 'light' ? 'what is mse?' : heavy).then(() => order.push(lane)))];
      await Promise.all(turns);
      expect(order[0]).toBe('light');
    } finally {
      await pool.close();
    }
  }, 60_000);
});

describe('a tutor pool still starting', () => {
  it('answers the turns asked before its threads have their knowledge base, once they do', async () => {
    let hand: (data: { kb: OpenedTutor['kb'] }) => void = () => undefined;
    const data = new Promise<{ kb: OpenedTutor['kb'] }>((resolve) => (hand = resolve));
    const pool = TutorPool.starting(data, 1);
    const early = pool.answer({ text: 'what is focal loss?', state: emptySessionState(), history: () => [] });
    let settled = false;
    void early.finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(settled).toBe(false);
    hand({ kb: (await openTutor({ kbDir: bundledKnowledgeDir })).kb });
    await expect(early).resolves.toMatchObject({ answer: { clarify: false } });
    await pool.close();
  }, 60_000);

  it('stops its threads when the knowledge base cannot be read, and every turn says so', async () => {
    const pool = TutorPool.starting(Promise.reject(new Error('no notes here')), 1);
    await expect(pool.ready).rejects.toThrow('no notes here');
    expect((pool as unknown as { threads: Worker[] }).threads.every((thread) => thread.threadId === -1)).toBe(true);
    await expect(pool.answer({ text: 'what is focal loss?', state: emptySessionState(), history: () => [] })).rejects.toMatchObject({ code: 'tutor_thread_failed', message: expect.stringContaining('no notes here') });
  }, 60_000);
});
