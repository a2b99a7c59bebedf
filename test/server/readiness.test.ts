import { closeSync, openSync, writeSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite-store';
import { startOpenAiTestServer } from '../support/openai-test-server';
import { ChatClient, startServerProcess, tempDatabase } from '../support/server-process';

const probe = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('/healthz and /readyz, for a load balancer', () => {
  it('says alive and ready once the database answers and the notes are indexed', async () => {
    const server = await startServerProcess({ db: tempDatabase() });
    expect(await probe(`${server.url}/healthz`)).toMatchObject({ status: 200, body: { ok: true, items: 84 } });
    expect(await probe(`${server.url}/readyz`)).toEqual({ status: 200, body: { ready: true, database: 'ok', items: 84, draining: false } });
    expect(await server.stop()).toBe(0);
  });

  it('on SIGTERM stops being ready at once, refuses new chats, finishes the answer in flight, then says 1001', async () => {
    // A slow model holds the one answer in flight long enough to look at the draining process.
    const model = await startOpenAiTestServer([{ content: ['Focal loss focuses on hard examples [#27].'], delayMs: 2500 }]);
    const server = await startServerProcess({ db: tempDatabase(), env: { LOSS_TUTOR_LLM_URL: model.url } });
    const client = new ChatClient(server.wsUrl);
    await client.welcome();
    client.send({ type: 'ask', id: 'd1', text: 'what is focal loss?' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const stopped = server.stop();

    let ready = await probe(`${server.url}/readyz`);
    for (let i = 0; i < 20 && ready.status === 200; i++) ready = await probe(`${server.url}/readyz`);
    expect(ready).toEqual({ status: 503, body: { ready: false, database: 'ok', items: 84, draining: true } });
    expect((await probe(`${server.url}/healthz`)).status).toBe(200);
    const late = new ChatClient(server.wsUrl);
    const refused = await new Promise<number>((resolve) => late.socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0)));
    expect(refused).toBe(503);

    const answer = await client.next((frame) => frame['type'] === 'answer', 15_000);
    expect(answer).toMatchObject({ replyTo: 'd1', text: 'Focal loss focuses on hard examples [#27].' });
    const closed = await client.closed;
    expect(closed.code).toBe(1001);
    expect(closed.reason).toMatch(/shutting down/);
    expect(await stopped).toBe(0);
    await model.close();
  }, 60_000);

  it('is alive but not ready when the database cannot be read, and says why', async () => {
    const db = tempDatabase();
    const store = openSqliteStore(db);
    await store.createSession();
    await store.close();
    // Pages 2 and up hold the tables and their indexes; page 1 (the schema) is left whole so the server starts.
    const fd = openSync(db, 'r+');
    writeSync(fd, Buffer.alloc(4096 * 3, 0xa5), 0, 4096 * 3, 4096);
    closeSync(fd);
    const server = await startServerProcess({ db });
    expect((await probe(`${server.url}/healthz`)).status).toBe(200);
    expect(await probe(`${server.url}/readyz`)).toEqual({ status: 503, body: { ready: false, database: 'database_corrupt', items: 84, draining: false } });
    await server.stop();
  }, 60_000);
});
