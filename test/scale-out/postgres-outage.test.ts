/**
 * PostgreSQL stopped under a running replica (pg_ctl stop, its connections cut), then started
 * again: the replica says it is not ready, tells a learner who asks meanwhile what to do (no crash,
 * no hang), and once the database is back it is ready and answers again, with the history kept.
 */
import { describe, expect, it } from 'vitest';
import { postgresAvailable, startOwnPostgres } from '../support/postgres';
import { ChatClient, startServerProcess } from '../support/server-process';

const readiness = async (url: string) => {
  const response = await fetch(`${url}/readyz`);
  return { status: response.status, body: (await response.json()) as { ready: boolean; database: string } };
};

/** Polls /readyz until it answers `status`, for at most `timeoutMs`. */
async function readyzUntil(url: string, status: number, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = await readiness(url);
    if (seen.status === status) return seen;
    if (Date.now() > deadline) throw new Error(`/readyz still answered ${seen.status} (${JSON.stringify(seen.body)}) after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.runIf(postgresAvailable())('a replica whose PostgreSQL goes away and comes back', () => {
  it('turns not ready, answers a turn with an error frame saying what to do, and is ready and answering once the database returns', async () => {
    const postgres = await startOwnPostgres();
    try {
      const db = await postgres.createDatabase();
      const replica = await startServerProcess({ db });
      const learner = new ChatClient(replica.wsUrl);
      const { sessionId } = await learner.welcome();
      expect(String((await learner.ask('before', 'what is focal loss?'))['text'])).toMatch(/focal/i);
      expect((await readiness(replica.url)).status).toBe(200);

      postgres.halt();
      const unready = await readyzUntil(replica.url, 503);
      expect(unready.body).toMatchObject({ ready: false, database: 'database_io' });
      learner.send({ type: 'ask', id: 'during', text: 'what is huber loss?' });
      const refused = await learner.next((frame) => frame['replyTo'] === 'during', 15_000);
      expect(refused).toMatchObject({ type: 'error', code: 'internal' });
      expect(String(refused['message'])).toMatch(/cannot be reached.*send it again/);
      expect(replica.child.exitCode).toBeNull();

      postgres.resume();
      expect((await readyzUntil(replica.url, 200)).body).toMatchObject({ ready: true, database: 'ok' });
      // The same connection, still open through the outage, is answered again.
      expect(String((await learner.ask('after', 'what is huber loss?'))['text'])).toMatch(/huber/i);
      learner.close();
      // What was committed before the outage and after it is there; the refused question is not.
      const resumed = new ChatClient(`${replica.wsUrl}?session=${encodeURIComponent(String(sessionId))}`);
      const history = (await resumed.welcome())['history'] as { role: string; id?: string }[];
      expect(history.filter((entry) => entry.role === 'user').map((entry) => entry.id)).toEqual(['before', 'after']);
      resumed.close();
      expect(await replica.stop()).toBe(0);
    } finally {
      await postgres.stop();
    }
  }, 180_000);
});
