import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatClient, startServerProcess, tempDatabase, type ServerProcess } from '../support/server-process';

interface Progress {
  items: { item: number; state: string }[];
  counts: Record<string, number>;
  forecast: { day: string; due: number }[];
  mostMissed: { item: number; misses: number }[];
  retention: { day: string; reviews: number }[];
}

describe('study over the chat, against a server process', () => {
  const db = tempDatabase();
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess({ db });
  });
  afterAll(async () => {
    await server.stop();
  });

  const progress = async (learner: string): Promise<Progress> => {
    const response = await fetch(`${server.url}/api/study/progress`, { headers: { 'X-Learner': learner } });
    expect(response.status).toBe(200);
    return (await response.json()) as Progress;
  };

  it('gives a new learner a profile, keeps it across a restart, and counts its due cards in the welcome', async () => {
    const first = new ChatClient(server.wsUrl);
    const welcome = await first.welcome();
    const { learner, due } = welcome['study'] as { learner: string; due: number };
    expect(Buffer.from(learner, 'base64url')).toHaveLength(18);
    expect(due).toBe(0);
    const unsure = await first.ask('u1', "I'm least confident about item #35: how do the weights change training?");
    expect(String(unsure['text'])).toMatch(/in your reviews, due now/);
    expect((unsure['citations'] as { item: number }[])[0]?.item).toBe(35);
    const deltas = first.frames.filter((f) => f['type'] === 'delta' && f['replyTo'] === 'u1').map((f) => f['text']).join('');
    expect(deltas).toBe(unsure['text']);
    first.close();
    expect((await progress(learner)).items.find((i) => i.item === 35)?.state).toBe('due');

    await server.stop();
    server = await startServerProcess({ db });
    const again = new ChatClient(`${server.wsUrl}?learner=${learner}`);
    const back = await again.welcome();
    expect(back['study']).toEqual({ learner, due: 4 });
    expect(back['sessionId']).not.toBe(welcome['sessionId']);
    const review = await again.ask('r1', 'review');
    expect(review['review']).toMatchObject({ item: 35 });
    const graded = await again.ask('r2', 'again');
    expect(String(graded['text'])).toMatch(/Graded \*\*again\*\* \(your grade\)/);
    const after = await progress(learner);
    expect(after.mostMissed).toEqual([{ item: 35, misses: 1 }].map((m) => ({ ...m, title: 'Weighted loss functions' })));
    expect((after.forecast[0]?.due ?? 0) + (after.forecast[1]?.due ?? 0)).toBe(4);
    // Each answer of the learner's says how many cards are due after it: the missed one is due in a minute.
    expect(review['study']).toEqual({ due: 4 });
    expect(graded['study']).toEqual({ due: 3 });
    again.close();

    // The graded reply sent again (a reconnect that lost the answer): the stored answer, and no second review.
    const resent = new ChatClient(`${server.wsUrl}?session=${String(back['sessionId'])}&learner=${learner}`);
    await resent.welcome();
    const replay = await resent.ask('r2', 'again');
    expect(replay['messageId']).toBe(graded['messageId']);
    expect(replay['study']).toEqual({ due: 3 });
    expect((await progress(learner)).retention.map((r) => r.reviews)).toEqual([1]);
    resent.close();

    const stranger = new ChatClient(`${server.wsUrl}?learner=not-a-real-learner-id`);
    const theirs = (await stranger.welcome())['study'] as { learner: string; due: number };
    expect(theirs.learner).not.toBe(learner);
    expect(theirs.due).toBe(0);
    expect((await progress(theirs.learner)).mostMissed).toEqual([]);
    stranger.close();
    expect((await fetch(`${server.url}/api/study/progress`, { headers: { 'X-Learner': 'AAAAAAAAAAAAAAAAAAAAAAAA' } })).status).toBe(404);
  });
});
