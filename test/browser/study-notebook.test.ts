/**
 * Study mode in an uploaded notebook, in Chromium: the learner's profile follows them into the
 * notebook, whose #35 is its own (not the server's #35), the due line follows each answer, and the
 * progress view is the notebook's; a removed source's cards are due no more, their review kept.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, ask, nextAnswer } from './chat-page';
import { ensureClientBuilt, launch } from './chromium';
import { startServerProcess, tempDatabase, type ServerProcess } from '../support/server-process';


const note = (item: number, title: string, question: string, answer: string): string =>
  `---\nitem: ${item}\ntitle: "${title}"\nclaim: "${title} keeps gradients bounded near the target."\nquiz:\n  - question: "${question}"\n    answer: "${answer}"\n---\n\n## Definition\n\n${title} keeps gradients bounded near the target, so training stays stable.\n`;

describe('study mode in a notebook, in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    ensureClientBuilt();
    server = await startServerProcess({ db: tempDatabase() });
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.url);
    await page.waitForSelector('#status:text("connected")');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const notice = () => page.locator('#study-notice');
  const progress = () => page.locator('#progress-view');
  const count = async (state: string) => Number(await progress().locator(`.progress-counts dt:text-is("${state}") + dd`).textContent());
  const api = async (path: string, init?: RequestInit) => {
    const response = await fetch(`${server.url}${path}`, { ...init, headers: { 'Content-Type': 'application/json', ...init?.headers } });
    expect(response.ok).toBe(true);
    return response.status === 204 ? undefined : ((await response.json()) as Record<string, unknown>);
  };

  it('reviews a notebook’s #35 apart from the server’s, with the due line kept current and the notebook’s progress view', async () => {
    // The server's #35 made due first: its cards are the server's deck, not the notebook's.
    await ask(page, "I'm not sure about item #35");
    await notice().getByText(/\d+ cards are due for review/).waitFor();
    const serverDue = Number(/(\d+) cards/.exec((await notice().textContent())!)![1]);
    const learner = await page.evaluate(() => localStorage.getItem('loss-tutor.learner'));

    const notebook = (await api('/api/notebooks', { method: 'POST', body: JSON.stringify({ name: 'Margins' }) }))!;
    const added = (await api(`/api/notebooks/${String(notebook['id'])}/sources`, {
      method: 'POST',
      body: JSON.stringify({
        files: [
          { name: 'clipped.md', text: note(35, 'Clipped margin loss', 'What does the clipped margin bound?', 'The gradient near the target.') },
          { name: 'hinge.md', text: note(7, 'Smooth hinge', 'What does the smooth hinge smooth?', 'The corner of the hinge.') },
        ],
      }),
    }))!;
    const clipped = (added['added'] as { id: string; name: string }[]).find((s) => s.name === 'clipped.md')!;
    await page.goto(`${server.url}/?notebook=${String(notebook['id'])}`);
    await page.waitForSelector('#status:text("connected")');
    expect(await page.evaluate(() => localStorage.getItem('loss-tutor.learner'))).toBe(learner);
    await notice().getByText('No cards are due').waitFor();

    await page.click('button[data-view="progress"]');
    await progress().locator('.progress-counts').waitFor();
    expect((await count('new')) + (await count('due'))).toBe(2);

    const unsure = await ask(page, "I'm not sure about item #35");
    expect(await unsure.textContent()).toMatch(/2 cards of #35 Clipped margin loss in your reviews/);
    await notice().getByText('2 cards are due for review').waitFor();
    await progress().locator('ul[data-state="due"] li', { hasText: '#35 Clipped margin loss' }).waitFor();
    expect(await count('due')).toBe(1);

    let card = await ask(page, 'review');
    expect(await card.textContent()).toContain('Review · #35 · Clipped margin loss');
    const graded = await nextAnswer(page, async () => {
      await card.locator('form.review-answer textarea').fill('something about cats');
      await card.locator('form.review-answer button[type="submit"]').click();
    });
    expect(await graded.locator('.grade-wrong').count()).toBe(1);
    const shownAnswer = /Answer:\s*(.+?)\s*Graded/s.exec((await graded.textContent()) ?? '')?.[1];
    // The missed card is due again in a minute (learning), not now: one card is due after this answer.
    await notice().getByText('One card is due for review').waitFor();
    card = await nextAnswer(page, () => graded.locator('.review-grades button', { hasText: 'Easy' }).click());
    await notice().getByText('No cards are due').waitFor();
    // The missed card came back within the learn-ahead window; answered right this time.
    expect(await card.locator('form.review-answer').count()).toBe(1);
    const right = await nextAnswer(page, async () => {
      await card.locator('form.review-answer textarea').fill(shownAnswer!);
      await card.locator('form.review-answer button[type="submit"]').click();
    });
    expect(await right.locator('.grade-right').count()).toBe(1);

    await progress().locator('ul[data-state="learning"] li', { hasText: '#35 Clipped margin loss' }).waitFor();
    expect(await progress().locator('.most-missed li').first().textContent()).toMatch(/#35 Clipped margin loss \(missed 1\)/);
    expect(await progress().locator('figure.plot svg circle').count()).toBe(1);

    // The server's deck is as it was: its #35 still due, nothing missed there.
    const serverProgress = (await api('/api/study/progress', { headers: { 'X-Learner': learner! } }))!;
    expect((serverProgress['counts'] as Record<string, number>)['due']).toBe(1);
    expect(serverProgress['mostMissed']).toEqual([]);
    expect(serverDue).toBeGreaterThan(2);

    // #35 due again, then its source removed: after a reload nothing is due, #35 is gone from the view, its reviews kept.
    await ask(page, "I'm not sure about item #35");
    await notice().getByText('2 cards are due for review').waitFor();
    await api(`/api/notebooks/${String(notebook['id'])}/sources/${clipped.id}`, { method: 'DELETE' });
    await page.reload();
    await page.waitForSelector('#status:text("connected")');
    await notice().getByText('No cards are due').waitFor();
    if (await progress().isHidden()) await page.click('button[data-view="progress"]');
    await progress().locator('.progress-counts').waitFor();
    expect(await progress().textContent()).not.toContain('Clipped margin loss');
    expect(await progress().locator('figure.plot svg circle').count()).toBe(1);
  });
});
