import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledClientDir, bundledKnowledgeDir } from '../../src/cli/io';
import { startServer, type RunningServer } from '../../src/server/server';
import { ChatClient, tempDatabase } from '../support/server-process';

/**
 * Thousands of random and mutated frames at the real server (in this process, so the rate limit can
 * be raised for the flood), then a normal question: the server must still answer, and keep every turn.
 */
const validFrames = [
  { type: 'ask', id: 'v1', text: 'what is focal loss?' },
  { type: 'feedback', messageId: 'm', rating: 'up', comment: 'ok' },
];

const mutatedFrame = fc.tuple(fc.constantFrom(...validFrames), fc.string(), fc.anything()).map(([frame, key, value]) => {
  const copy: Record<string, unknown> = { ...frame };
  const keys = Object.keys(copy);
  if (key.length % 3 === 0) delete copy[keys[key.length % keys.length]!];
  else copy[key.length % 2 === 0 ? keys[key.length % keys.length]! : key] = value;
  return JSON.stringify(copy);
});

const randomFrame = fc.oneof(
  fc.json(),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  mutatedFrame,
  fc.anything().map((value) => JSON.stringify(value) ?? 'null'),
);

describe('the chat protocol under fuzzed frames', () => {
  let server: RunningServer;
  const db = tempDatabase();
  beforeAll(async () => {
    server = await startServer({
      port: 0,
      kbDir: bundledKnowledgeDir,
      clientDir: bundledClientDir,
      dbFile: db,
      logLevel: 'silent',
      limits: { burstFrames: 100_000, framesPerSecond: 100_000, maxQueuedTurns: 100_000 },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('keeps answering and loses nothing after 3000 random frames', async () => {
    const wsUrl = `${server.url.replace('http', 'ws')}/ws`;
    const client = new ChatClient(wsUrl);
    const sessionId = String((await client.welcome())['sessionId']);
    const before = await client.ask('before', 'what is the hinge loss?');

    const frames = fc.sample(randomFrame, { numRuns: 3000, seed: 1125 });
    for (const frame of frames) client.send(frame);
    const answer = await client.ask('after', 'what is dice loss?');
    expect((answer['citations'] as { item: number }[])[0]?.item).toBe(28);
    expect(client.socket.readyState).toBe(client.socket.OPEN);
    const errors = client.frames.filter((frame) => frame['type'] === 'error');
    expect(errors.length).toBeGreaterThan(1000);
    expect(errors.every((frame) => ['bad_request', 'not_found', 'internal'].includes(String(frame['code'])))).toBe(true);
    expect(errors.some((frame) => frame['code'] === 'internal')).toBe(false);
    client.close();

    const resumed = new ChatClient(`${wsUrl}?session=${sessionId}`);
    const history = (await resumed.welcome())['history'] as Record<string, unknown>[];
    const asked = history.filter((entry) => entry['role'] === 'user').map((entry) => entry['id']);
    expect(asked[0]).toBe('before');
    expect(asked.at(-1)).toBe('after');
    expect(history.find((entry) => entry['messageId'] === before['messageId'])).toBeDefined();
    resumed.close();
  });
});
