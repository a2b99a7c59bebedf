import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatClient, copyOfKnowledgeBase, startServerProcess, tempDatabase, type ServerProcess } from '../support/server-process';

const item35Question =
  'I\'m least confident about item #35: "weighted loss functions balance quality and quantity". 1. How do weighted losses work? 2. How do the weights change training?';

describe('the chat protocol, end to end against a server process', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess({ db: tempDatabase() });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('welcomes, streams deltas, answers with citations and parts, and acknowledges feedback', async () => {
    const client = new ChatClient(server.wsUrl);
    const welcome = await client.welcome();
    expect(welcome).toMatchObject({ type: 'welcome', history: [], kb: { items: 84 } });
    expect(String(welcome['sessionId']).length).toBeGreaterThanOrEqual(22);

    const answer = await client.ask('c1', item35Question);
    const deltas = client.frames.filter((frame) => frame['type'] === 'delta' && frame['replyTo'] === 'c1');
    expect(deltas.length).toBeGreaterThan(0);
    expect(client.frames.indexOf(deltas.at(-1)!)).toBeLessThan(client.frames.indexOf(answer));
    expect(deltas.map((frame) => frame['text']).join('')).toBe(answer['text']);
    expect(answer).toMatchObject({ type: 'answer', replyTo: 'c1', clarify: false, sessionId: welcome['sessionId'] });
    expect((answer['citations'] as { item: number }[])[0]?.item).toBe(35);
    expect(answer['parts']).toHaveLength(2);

    client.send({ type: 'feedback', messageId: answer['messageId'], rating: 'up', comment: 'clear' });
    expect(await client.next((frame) => frame['type'] === 'ack')).toEqual({ type: 'ack', replyTo: answer['messageId'] });
    client.close();
  });

  it('answers the house-price MSE with the calculator’s value', async () => {
    const client = new ChatClient(server.wsUrl);
    await client.welcome();
    const answer = await client.ask('m1', 'What is the MSE of targets 200000, 250000, 300000 and predictions 210000, 240000, 310000?');
    expect((answer['calculations'] as { loss: string; value: number }[])[0]).toMatchObject({ loss: 'mse', value: 100000000 });
    client.close();
  });

  describe('bad input', () => {
    const cases: [string, unknown, string][] = [
      ['malformed JSON', '{"type": "ask", ', 'bad_request'],
      ['an unknown type', { type: 'dance', id: 'x' }, 'bad_request'],
      ['a missing field', { type: 'ask', id: 'x' }, 'bad_request'],
      ['a wrong type', { type: 'ask', id: 7, text: 'hi' }, 'bad_request'],
      ['feedback on an unknown answer', { type: 'feedback', messageId: 'nope', rating: 'up' }, 'not_found'],
    ];
    for (const [what, frame, code] of cases) {
      it(`answers ${what} with ${code} and stays usable`, async () => {
        const client = new ChatClient(server.wsUrl);
        await client.welcome();
        client.send(frame);
        const error = await client.next((f) => f['type'] === 'error');
        expect(error).toMatchObject({ type: 'error', code });
        expect(String(error['message']).length).toBeGreaterThan(10);
        const answer = await client.ask('after', 'what is focal loss?');
        expect((answer['citations'] as { item: number }[])[0]?.item).toBe(27);
        client.close();
      });
    }

    it('closes with 1009 on a frame over 64 KiB', async () => {
      const client = new ChatClient(server.wsUrl);
      await client.welcome();
      client.send({ type: 'ask', id: 'big', text: 'x'.repeat(70 * 1024) });
      expect((await client.closed).code).toBe(1009);
    });

    it('closes with 1003 on a binary frame', async () => {
      const client = new ChatClient(server.wsUrl);
      await client.welcome();
      client.socket.send(Buffer.from([1, 2, 3]));
      expect((await client.closed).code).toBe(1003);
    });

    it('rate-limits a flood, then closes it', async () => {
      const client = new ChatClient(server.wsUrl);
      await client.welcome();
      for (let i = 0; i < 80; i++) client.send({ type: 'feedback', messageId: `m${i}`, rating: 'up' });
      await client.next((frame) => frame['code'] === 'rate_limited');
      expect((await client.closed).code).toBe(1008);
    });

    it('refuses an upgrade from another origin', async () => {
      const { WebSocket } = await import('ws');
      const socket = new WebSocket(server.wsUrl, { origin: 'http://evil.example' });
      const status = await new Promise<number | undefined>((resolve) => socket.on('unexpected-response', (_req, res) => resolve(res.statusCode)));
      expect(status).toBe(403);
    });
  });

  it('keeps two sessions apart', async () => {
    const a = new ChatClient(server.wsUrl);
    const b = new ChatClient(server.wsUrl);
    const [welcomeA, welcomeB] = await Promise.all([a.welcome(), b.welcome()]);
    expect(welcomeA['sessionId']).not.toBe(welcomeB['sessionId']);
    await a.ask('a1', 'what is dice loss?');
    a.close();
    b.close();
    const again = new ChatClient(`${server.wsUrl}?session=${String(welcomeB['sessionId'])}`);
    expect((await again.welcome())['history']).toEqual([]);
    again.close();
  });
});

describe('durability', () => {
  it('brings the whole history back after kill -9 and a restart', async () => {
    const db = tempDatabase();
    const first = await startServerProcess({ db });
    const client = new ChatClient(first.wsUrl);
    const sessionId = String((await client.welcome())['sessionId']);
    await client.ask('k1', 'what is huber loss?');
    const answer = await client.ask('k2', 'how should I choose delta for it?');
    await first.kill();

    const second = await startServerProcess({ db });
    const resumed = new ChatClient(`${second.wsUrl}?session=${sessionId}`);
    const welcome = await resumed.welcome();
    expect(welcome['sessionId']).toBe(sessionId);
    const history = welcome['history'] as Record<string, unknown>[];
    expect(history.map((entry) => entry['role'])).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(history[2]).toMatchObject({ role: 'user', id: 'k2', text: 'how should I choose delta for it?' });
    expect(history[3]).toMatchObject({ messageId: answer['messageId'], text: answer['text'] });
    resumed.close();
    expect(await second.stop()).toBe(0);
  });

  it('finishes the answer in flight on SIGTERM, says goodbye with 1001 and exits 0', async () => {
    const server = await startServerProcess({ db: tempDatabase() });
    const client = new ChatClient(server.wsUrl);
    await client.welcome();
    client.send({ type: 'ask', id: 's1', text: item35Question });
    const stopped = server.stop();
    const answer = await client.next((frame) => frame['type'] === 'answer');
    expect(answer['replyTo']).toBe('s1');
    expect((await client.closed).code).toBe(1001);
    expect(await stopped).toBe(0);
  });
});

describe('a knowledge-base change on disk', () => {
  it('is picked up while a client stays connected', async () => {
    const kb = copyOfKnowledgeBase(join(__dirname, '../fixtures/kb-course'));
    const server = await startServerProcess({ db: tempDatabase(), kb });
    const client = new ChatClient(server.wsUrl);
    await client.welcome();
    const before = (await (await fetch(`${server.url}/api/items`)).json()) as unknown[];
    writeFileSync(join(kb, 'extra.md'), '---\nitem: 500\ntitle: Tversky index\nclaim: The Tversky index weighs false positives and false negatives separately.\n---\nA new note.\n');
    let after = before;
    // The rebuild starts a new tutor thread, which takes seconds when the machine is busy.
    for (let i = 0; i < 150 && after.length === before.length; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      after = (await (await fetch(`${server.url}/api/items`)).json()) as unknown[];
    }
    expect(after.length).toBe(before.length + 1);
    const answer = await client.ask('n1', 'what does item 500 say?');
    expect((answer['citations'] as { item: number }[])[0]?.item).toBe(500);
    client.close();
    await server.stop();
  });
});
