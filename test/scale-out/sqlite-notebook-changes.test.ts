/**
 * Two server processes on one SQLite file: a source added through one after the other has answered
 * from the notebook is answered by the other at its next question, since each reads the notebook's
 * revision before it uses the index it keeps.
 */
import { describe, expect, it } from 'vitest';
import { ChatClient, startServerProcess, tempDatabase } from '../support/server-process';

describe('two server processes on one SQLite file', () => {
  it('answer a notebook source added through one from the other, after the other already kept the notebook', async () => {
    const db = tempDatabase();
    const [maker, answerer] = await Promise.all([startServerProcess({ db }), startServerProcess({ db })]);
    const post = async (path: string, body: unknown) => (await fetch(`${maker.url}/api/notebooks${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
    const notebook = (await post('', { name: 'Segmentation' })) as { id: string };
    const first = (await post(`/${notebook.id}/sources`, { paste: 'Segmentation list\n7) Dice loss measures overlap between predicted and true masks.\n8) Tversky loss weighs false positives and false negatives separately.\n9) Lovász loss optimises the Jaccard index directly.' })) as { added: { items: number[] }[] };
    expect(first.added[0]?.items).toEqual([7, 8, 9]);

    const learner = new ChatClient(`${answerer.wsUrl}?notebook=${notebook.id}`);
    expect((await learner.welcome())['notebook']).toMatchObject({ items: 3 });
    expect(String((await learner.ask('n1', 'what is item 8?'))['text'])).toMatch(/false positives and false negatives/);

    const more = (await post(`/${notebook.id}/sources`, { paste: 'Segmentation list, continued\n10) Boundary loss penalises the distance between predicted and true contours.' })) as { added: { items: number[] }[] };
    expect(more.added[0]?.items).toEqual([10]);
    // No waiting: the revision is read before the kept index is used.
    const fromNewSource = await learner.ask('n2', 'what is item 10?');
    expect(String(fromNewSource['text'])).toMatch(/distance between predicted and true contours/);
    expect((fromNewSource['citations'] as { item: number }[]).map((c) => c.item)).toContain(10);
    learner.close();
    expect(await maker.stop()).toBe(0);
    expect(await answerer.stop()).toBe(0);
  }, 120_000);
});
