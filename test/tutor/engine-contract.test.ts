import { bundledKnowledgeDir } from '../../src/cli/io';
import { createLlmTutor } from '../../src/llm/llm-tutor';
import { openTutor } from '../../src/runtime/open-tutor';
import { TutorPool } from '../../src/runtime/tutor-pool';
import { startOpenAiTestServer } from '../support/openai-test-server';
import { runEngineContract } from './engine-contract';

runEngineContract('the embedded tutor', async () => {
  const opened = await openTutor({ kbDir: bundledKnowledgeDir });
  return { engine: opened.tutor, kb: opened.kb, close: async () => {} };
});

runEngineContract('the worker pool', async () => {
  const opened = await openTutor({ kbDir: bundledKnowledgeDir });
  const pool = await TutorPool.open({ kb: opened.kb }, 1);
  return { engine: pool, kb: opened.kb, close: () => pool.close() };
});

runEngineContract('the model engine with a failing model', async () => {
  const opened = await openTutor({ kbDir: bundledKnowledgeDir });
  const model = await startOpenAiTestServer(Array.from({ length: 40 }, () => ({ status: 500 })));
  const engine = createLlmTutor({
    kb: opened.kb,
    search: opened.search,
    options: { url: model.url, model: 'test-model', timeoutMs: 5000, maxToolRounds: 2, maxAnswerChars: 16_000 },
  });
  return { engine, kb: opened.kb, close: () => model.close() };
});
