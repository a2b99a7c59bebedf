/**
 * The deployment of docs/deploy.md, end to end on loopback: a PostgreSQL server, three server
 * processes on it, nginx in front of them, fifty learners conversing through nginx, and one
 * replica killed with SIGKILL in the middle of it; then a notebook made through one replica and
 * answered from another, which hears of a source added later through the first.
 */
import { describe, expect, it } from 'vitest';
import { nginxAvailable, startNginxBalancer } from '../support/nginx-balancer';
import { postgresAvailable, startTestPostgres } from '../support/postgres';
import { ReconnectingLearner } from '../support/reconnecting-learner';
import { ChatClient, startServerProcess, type ServerProcess } from '../support/server-process';

const LEARNERS = 50;
const QUESTIONS = 6;
const questions = [
  'what is focal loss?',
  'What is the MSE of targets 200000, 250000, 300000 and predictions 210000, 240000, 310000?',
  'how does label smoothing change calibration?',
  'when should I use huber loss instead of mse?',
  'what is kl divergence?',
  'compute huber loss with delta 1 for targets [1, 2, 3] and predictions [1.5, 2, 6]',
];

const openConnections = async (replica: ServerProcess): Promise<number> => {
  const text = await (await fetch(`${replica.url}/metrics`)).text();
  return Number(/^loss_tutor_open_connections (\d+)/m.exec(text)?.[1]);
};

const runs = postgresAvailable() && nginxAvailable();

describe.runIf(runs)('three replicas on one PostgreSQL behind nginx', () => {
  it('carries every conversation over a replica killed with SIGKILL (full history, no answer lost, none twice), and answers a notebook made on one replica from another, with a source added after it answered', async () => {
    const postgres = await startTestPostgres();
    const db = await postgres.createDatabase();
    // Started together: the migrations run once, under PostgreSQL's advisory lock.
    const replicas = await Promise.all([0, 1, 2].map(() => startServerProcess({ db, args: ['--trust-proxy', 'loopback', '--engine-threads', '1', '--metrics'] })));
    const nginx = await startNginxBalancer(replicas.map((replica) => new URL(replica.url).host));

    const learners = Array.from({ length: LEARNERS }, () => new ReconnectingLearner(nginx.wsUrl));
    await Promise.all(learners.map((learner) => learner.start()));
    const perReplica = await Promise.all(replicas.map(openConnections));
    // Round robin: every replica holds part of the class.
    expect(perReplica.reduce((a, b) => a + b, 0)).toBe(LEARNERS);
    for (const count of perReplica) expect(count).toBeGreaterThan(0);

    let answered = 0;
    const victim = replicas[0]!;
    let killed: Promise<number> | undefined;
    const conversations = learners.map(async (learner, l) => {
      for (let q = 0; q < QUESTIONS; q++) {
        await learner.ask(`l${l}-q${q}`, questions[(l + q) % questions.length]!);
        answered += 1;
        // A third of the way through the class's questions, one replica dies without a word.
        if (answered === Math.floor((LEARNERS * QUESTIONS) / 3)) killed = openConnections(victim).then(async (held) => (await victim.kill(), held));
        await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80));
      }
    });
    await Promise.all(conversations);
    const heldByVictim = await killed!;

    expect(heldByVictim).toBeGreaterThan(0);
    // Each learner the dead replica held came back once, through nginx, to a live one.
    expect(learners.filter((learner) => learner.reconnects > 0).length).toBe(heldByVictim);
    expect(learners.flatMap((learner) => learner.errors)).toEqual([]);

    for (const [l, learner] of learners.entries()) {
      const ids = Array.from({ length: QUESTIONS }, (_, q) => `l${l}-q${q}`);
      // An answer that came again (a resend after the kill) is the stored one: the same message.
      for (const id of ids) expect(new Set(learner.answers.get(id)!.map((frame) => frame['messageId'])).size, id).toBe(1);
      const resumed = new ChatClient(`${nginx.wsUrl}?session=${encodeURIComponent(learner.sessionId!)}`);
      const welcome = await resumed.welcome();
      resumed.close();
      expect(welcome['sessionId']).toBe(learner.sessionId);
      const history = welcome['history'] as Record<string, unknown>[];
      expect(history.filter((entry) => entry['role'] === 'user').map((entry) => entry['id'])).toEqual(ids);
      expect(history.filter((entry) => entry['role'] === 'assistant').map((entry) => entry['messageId'])).toEqual(ids.map((id) => learner.answers.get(id)![0]!['messageId']));
      expect(history.map((entry) => entry['role'])).toEqual(ids.flatMap(() => ['user', 'assistant']));
      learner.stop();
    }
    const focal = learners[0]!.answers.get('l0-q0')![0]!;
    expect((focal['citations'] as { item: number }[])[0]?.item).toBe(27);

    // A notebook made through one replica is answered from on another, from the shared database.
    const [, maker, answerer] = replicas as [ServerProcess, ServerProcess, ServerProcess];
    const post = (path: string, body: unknown) => fetch(`${maker.url}/api/notebooks${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const notebook = (await (await post('', { name: 'Segmentation' })).json()) as { id: string };
    const paste = 'Segmentation list\n7) Dice loss measures overlap between predicted and true masks.\n8) Tversky loss weighs false positives and false negatives separately.\n9) Lovász loss optimises the Jaccard index directly.';
    const added = (await (await post(`/${notebook.id}/sources`, { paste })).json()) as { added: { items: number[] }[] };
    expect(added.added[0]?.items).toEqual([7, 8, 9]);
    const elsewhere = new ChatClient(`${answerer.wsUrl}?notebook=${notebook.id}`);
    expect((await elsewhere.welcome())['notebook']).toMatchObject({ id: notebook.id, items: 3 });
    const fromNotebook = await elsewhere.ask('n1', 'what is item 8?');
    expect(String(fromNotebook['text'])).toMatch(/false positives and false negatives/);
    expect((fromNotebook['citations'] as { item: number }[]).map((c) => c.item)).toContain(8);

    // The answerer now keeps that notebook's engine; a source added through the maker reaches it
    // by PostgreSQL's NOTIFY (milliseconds, not in the same commit), so the question is asked
    // until it is answered from the new source. Without the notification it never would be.
    const more = 'Segmentation list, continued\n10) Boundary loss penalises the distance between predicted and true contours.';
    expect(((await (await post(`/${notebook.id}/sources`, { paste: more })).json()) as { added: { items: number[] }[] }).added[0]?.items).toEqual([10]);
    let fromNewSource: Record<string, unknown> | undefined;
    for (let attempt = 0; attempt < 20 && !/distance between predicted and true contours/.test(String(fromNewSource?.['text'])); attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      fromNewSource = await elsewhere.ask(`n2-${attempt}`, 'what is item 10?');
    }
    expect(String(fromNewSource!['text'])).toMatch(/distance between predicted and true contours/);
    expect((fromNewSource!['citations'] as { item: number }[]).map((c) => c.item)).toContain(10);
    elsewhere.close();

    await nginx.stop();
    for (const replica of replicas.slice(1)) expect(await replica.stop()).toBe(0);
    await postgres.stop();
  }, 300_000);
});
