import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundledKnowledgeDir } from '../../src/cli/io';
import { createLlmTutor } from '../../src/llm/llm-tutor';
import type { LlmOptions } from '../../src/llm/llm-options';
import { emptySessionState } from '../../src/tutor/session-state';
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
        options: { url: model.url, model: 'test-model', timeoutMs: 5000, maxToolRounds: 4, ...options },
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
    const model = await startOpenAiTestServer([{ content: ['Label ', 'smoothing ', 'softens targets [#40].'], pieceDelayMs: 30 }]);
    const server = await startServerProcess({ db: tempDatabase(), env: { LOSS_TUTOR_LLM_URL: model.url } });
    const client = new ChatClient(server.wsUrl);
    await client.welcome();
    const answer = await client.ask('l1', 'what is label smoothing?');
    const deltas = client.frames.filter((frame) => frame['type'] === 'delta').map((frame) => frame['text']);
    expect(deltas).toEqual(['Label ', 'smoothing ', 'softens targets [#40].']);
    expect(answer).toMatchObject({ type: 'answer', text: 'Label smoothing softens targets [#40].', clarify: false, citations: [{ item: 40 }] });
    client.close();
    await server.stop();
    await model.close();
  });
});
