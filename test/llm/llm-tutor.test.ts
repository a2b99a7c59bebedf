import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundledKnowledgeDir } from '../../src/cli/io';
import { createLlmTutor } from '../../src/llm/llm-tutor';
import { llmOptionsSchema, type LlmOptions } from '../../src/llm/llm-options';
import { formatNumber } from '../../src/core';
import { emptySessionState } from '../../src/tutor/session-state';
import { cardsOfItem } from '../../src/study/cards';
import { openTutor, type OpenedTutor } from '../../src/runtime/open-tutor';
import { ChatClient, startServerProcess, tempDatabase } from '../support/server-process';
import { startOpenAiTestServer, type ScriptedReply } from '../support/openai-test-server';

const housePrices = 'What is the MSE of targets 200000, 250000, 300000 and predictions 210000, 240000, 310000?';
const houseCase = JSON.stringify({ loss: 'mse', inputs: { yTrue: [200000, 250000, 300000], yPred: [210000, 240000, 310000] } });

describe('the language-model tutor against a local OpenAI-compatible server', () => {
  let opened: OpenedTutor;
  beforeAll(async () => {
    opened = await openTutor({ kbDir: bundledKnowledgeDir });
  });

  async function ask(replies: ScriptedReply[], text: string, options: Partial<LlmOptions> = {}) {
    const model = await startOpenAiTestServer(replies);
    const fallbacks: string[] = [];
    const deltas: string[] = [];
    const tutor = createLlmTutor({
      kb: opened.kb,
      search: opened.search,
      options: llmOptionsSchema.parse({ url: model.url, model: 'test-model', timeoutMs: 5000, maxToolRounds: 4, ...options }),
      onFallback: (reason) => fallbacks.push(reason),
    });
    const result = await tutor.answer({ text, state: emptySessionState(), history: () => [], onDelta: (piece) => deltas.push(piece) });
    await model.close();
    return { ...result, requests: model.requests, fallbacks, deltas };
  }

  it('runs a calculate_loss tool call on the calculator and gives the result back to the model', async () => {
    const { answer, requests } = await ask(
      [{ toolCalls: [{ name: 'calculate_loss', arguments: houseCase }] }, { content: ['The MSE is ', '100000000 ', '[#6].'] }],
      housePrices,
    );
    expect(requests).toHaveLength(2);
    const toolMessage = (requests[1]!['messages'] as { role: string; content: string }[]).find((m) => m.role === 'tool');
    expect(JSON.parse(toolMessage!.content)).toMatchObject({ value: 100000000 });
    expect((requests[0]!['tools'] as { function: { name: string } }[])[0]!.function.name).toBe('calculate_loss');
    expect(answer.calculations.some((c) => c.loss === 'mse' && c.value === 100000000)).toBe(true);
    expect(answer.engine).toEqual({ name: 'llm', model: 'test-model' });
    expect(answer.citations.map((c) => c.item)).toEqual([6]);
  });

  it('leaves a review of the learner’s cards to the notes: the card and its grading, with no model call', async () => {
    const model = await startOpenAiTestServer([{ content: ['not used'] }]);
    const tutor = createLlmTutor({ kb: opened.kb, search: opened.search, options: llmOptionsSchema.parse({ url: model.url, model: 'test-model', timeoutMs: 5000 }) });
    const due = cardsOfItem(opened.kb.byNumber.get(35)!);
    const shown = await tutor.answer({ text: 'review', state: emptySessionState(), history: () => [], study: { due, dueCount: due.length } });
    expect(shown.answer.review).toEqual({ card: due[0]!.id, item: 35 });
    const graded = await tutor.answer({ text: 'no idea', state: shown.state, history: () => [], study: { due, dueCount: due.length, open: due[0]! } });
    await model.close();
    expect(graded.study).toEqual([{ type: 'reviewed', card: due[0], grade: 'again' }]);
    expect(model.requests).toHaveLength(0);
  });

  it('gives the model the retrieved items with the numbers the learner sees', async () => {
    const { requests } = await ask([{ content: ['Weights trade goals [#35].'] }], 'I am unsure about item #35');
    const system = (requests[0]!['messages'] as { role: string; content: string }[])[0]!.content;
    expect(system).toContain('[#35] Weighted loss functions');
  });

  it('streams the model’s tokens as they arrive', async () => {
    const { deltas, answer } = await ask([{ content: ['Focal ', 'loss ', 'down-weights ', 'easy examples [#27].'] }], 'what is focal loss?');
    expect(deltas).toEqual(['Focal ', 'loss ', 'down-weights ', 'easy examples [#27].']);
    expect(answer.text).toBe('Focal loss down-weights easy examples [#27].');
  });

  it('reads a plain JSON reply too', async () => {
    const { answer } = await ask([{ stream: false, content: ['Dice scores overlap [#28].'] }], 'what is dice loss?');
    expect(answer.citations.map((c) => c.item)).toEqual([28]);
  });

  it('removes a citation of an item it was not given', async () => {
    const { answer } = await ask([{ content: ['See [#27] and [#999] and [#84].'] }], 'what is focal loss?');
    expect(answer.citations.map((c) => c.item)).toEqual([27]);
    expect(answer.text).not.toContain('[#999]');
    expect(answer.text).not.toContain('[#84]');
  });

  it('corrects a wrong value for the numbers in the question, where the learner sees it', async () => {
    const { answer } = await ask([{ content: ['The MSE of these prices is 120000000.'] }], housePrices);
    expect(answer.text).toContain('100000000 (corrected by the calculator: the model said 120000000)');
    expect(answer.calculations.find((c) => c.loss === 'mse')?.value).toBe(100000000);
  });

  it('falls back to the embedded tutor on a timeout, and says why', async () => {
    const { answer, fallbacks } = await ask([{ delayMs: 1500, content: ['too late'] }], 'what is focal loss?', { timeoutMs: 300 });
    expect(answer.engine?.name).toBe('embedded');
    expect(answer.engine?.fallback).toMatch(/^timeout: /);
    expect(answer.citations[0]?.item).toBe(27);
    expect(fallbacks).toHaveLength(1);
  });

  describe('keeps the model’s numbers honest', () => {
    const maeQuestion = 'What is the MAE of targets 0, 0, 0 and predictions 1, 1, 2?';
    const maeCall = { name: 'calculate_loss', arguments: JSON.stringify({ loss: 'mae', inputs: { yTrue: [0, 0, 0], yPred: [1, 1, 2] } }) };
    const fourThirds = formatNumber(4 / 3);

    it('corrects a claimed value ten times off the calculator’s', async () => {
      const { answer } = await ask([{ toolCalls: [maeCall] }, { content: ['The MAE is 13.33 here.'] }], maeQuestion);
      expect(answer.text).toBe(`The MAE is ${fourThirds} (corrected by the calculator: the model said 13.33) here.`);
    });

    it('checks a claimed value even when it equals one of the inputs', async () => {
      const { answer } = await ask([{ toolCalls: [maeCall] }, { content: ['So the loss is 2.'] }], maeQuestion);
      expect(answer.text).toBe(`So the loss is ${fourThirds} (corrected by the calculator: the model said 2).`);
    });

    it('keeps a value rounded as written, the inputs, and numbers the notes say', async () => {
      const { answer } = await ask([{ toolCalls: [maeCall] }, { content: ['With errors 1, 1 and 2 the MAE is 1.33.'] }], maeQuestion);
      expect(answer.text).toBe('With errors 1, 1 and 2 the MAE is 1.33.');
      const notes = await ask([{ content: ['With gamma 2 and alpha 0.25 [#27], hard examples dominate.'] }], 'what is focal loss?');
      expect(notes.answer.text).toBe('With gamma 2 and alpha 0.25 [#27], hard examples dominate.');
    });

    it('marks a number that no calculation, question or note holds', async () => {
      const { answer } = await ask([{ content: ['Most detectors use gamma 7.5 [#27].'] }], 'what is focal loss?');
      expect(answer.text).toBe('Most detectors use gamma 7.5 (not from the calculator or the notes) [#27].');
    });
  });

  it('resolves every citation form to the items it was given, as [#N]', async () => {
    const { answer } = await ask([{ content: ['See item #27, #80, [#27, #999] and items 27 and 84.'] }], 'what is focal loss?');
    expect(answer.citations.map((c) => c.item)).toEqual([27]);
    expect(answer.text).not.toMatch(/#80|#999|\b84\b|item/);
    expect(answer.text).toContain('See [#27]');
  });

  it('refuses a tool it does not offer, runs nothing, and tells the model so', async () => {
    const { answer, requests } = await ask([{ toolCalls: [{ name: 'rm_rf', arguments: JSON.stringify({ loss: 'mse', inputs: { yTrue: [1], yPred: [3] } }) }] }, { content: ['I cannot do that.'] }], 'what is mse?');
    const toolMessage = (requests[1]!['messages'] as { role: string; content: string }[]).find((m) => m.role === 'tool');
    expect(JSON.parse(toolMessage!.content)).toMatchObject({ error: { code: 'unknown_tool' } });
    expect(answer.calculations.some((c) => c.loss === 'mse' && c.value === 4)).toBe(false);
  });

  it('cuts off a reply that runs past the size cap and answers from the embedded tutor', async () => {
    const { answer } = await ask([{ content: Array.from({ length: 40 }, () => 'word '.repeat(100)) }], 'what is focal loss?', { maxAnswerChars: 5000 });
    expect(answer.engine?.fallback).toMatch(/^too_long: .*5000 characters/);
    expect(answer.text.length).toBeLessThan(5000);
  });

  it('falls back on HTTP 500 and 429', async () => {
    for (const status of [500, 429]) {
      const { answer } = await ask([{ status }], 'what is focal loss?');
      expect(answer.engine?.fallback).toBe(`http_status: the model answered HTTP ${status}`);
    }
  });

  it('falls back on a truncated stream and on an unreachable server', async () => {
    const truncated = await ask([{ content: ['half an'], truncate: true }], 'what is focal loss?');
    expect(truncated.answer.engine?.fallback).toMatch(/^truncated: /);
    const unreachable = await ask([], 'what is focal loss?', { url: 'http://127.0.0.1:9/v1' });
    expect(unreachable.answer.engine?.fallback).toMatch(/^unreachable: /);
  });
});

describe('with the model configured, the outside shapes stay the same', () => {
  const keys = (value: object) => Object.keys(value).filter((k) => k !== 'engine').sort();

  it('keeps the shape of ask --json', async () => {
    const model = await startOpenAiTestServer([{ content: ['Focal loss focuses on hard examples [#27].'] }]);
    // Asynchronously: the test model answers from this very process, so it must not be blocked.
    const run = async (env: NodeJS.ProcessEnv) => {
      const { stdout } = await promisify(execFile)(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli/main.ts', 'ask', 'what is focal loss?', '--json', '--db', tempDatabase()], { cwd: join(__dirname, '../..'), env: { ...process.env, ...env } });
      return JSON.parse(stdout) as Record<string, unknown>;
    };
    const withModel = await run({ LOSS_TUTOR_LLM_URL: model.url, LOSS_TUTOR_LLM_MODEL: 'test-model' });
    const without = await run({ LOSS_TUTOR_LLM_URL: '' });
    await model.close();
    expect(withModel['engine']).toEqual({ name: 'llm', model: 'test-model' });
    expect(keys(withModel)).toEqual(keys(without));
  });

  it('streams the model’s tokens as delta frames over the chat, as they arrive', async () => {
    const model = await startOpenAiTestServer([{ content: ['Label ', 'smoothing ', 'softens targets [#40].'], pieceDelayMs: 100 }]);
    const server = await startServerProcess({ db: tempDatabase(), env: { LOSS_TUTOR_LLM_URL: model.url } });
    const client = new ChatClient(server.wsUrl);
    await client.welcome();
    const answer = await client.ask('l1', 'what is label smoothing?');
    const deltas = client.frames.filter((frame) => frame['type'] === 'delta').map((frame) => frame['text']);
    // Pieces that arrive in one read of a loaded machine's socket join one frame: the count may drop, the stream may not.
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('Label smoothing softens targets [#40].');
    expect(answer).toMatchObject({ type: 'answer', text: 'Label smoothing softens targets [#40].', clarify: false, citations: [{ item: 40 }] });
    client.close();
    await server.stop();
    await model.close();
  });
});
