import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, ask, nextAnswer } from './chat-page';
import { ensureClientBuilt, launch } from './chromium';
import { startServerProcess, tempDatabase, type ServerProcess } from '../support/server-process';

const root = join(__dirname, '../..');
const screenshots = join(root, 'artifacts', 'screenshots');



describe('study mode in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    ensureClientBuilt();
    mkdirSync(screenshots, { recursive: true });
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

  const progress = () => page.locator('#progress-view');
  const count = async (state: string) => Number(await progress().locator(`.progress-counts dt:text-is("${state}") + dd`).textContent());

  it('marks #35 unsure, reviews it wrong then right, and sees the progress view change', async () => {
    await page.locator('#study-notice').getByText('No cards are due').waitFor();
    const learner = await page.evaluate(() => localStorage.getItem('loss-tutor.learner'));
    expect(Buffer.from(learner!, 'base64url')).toHaveLength(18);

    await page.click('button[data-view="progress"]');
    await progress().locator('.progress-counts').waitFor();
    expect(await count('due')).toBe(0);
    const itemsTotal = (await count('new')) + (await count('learning')) + (await count('known'));

    const unsure = await ask(page, "I'm not sure about item #35");
    expect(await unsure.textContent()).toMatch(/in your reviews, due now/);
    await progress().locator('ul[data-state="due"] li', { hasText: '#35' }).waitFor();
    expect(await count('due')).toBe(1);
    expect(await count('new')).toBe(itemsTotal - 1);

    let card = await ask(page, 'review');
    const form = card.locator('form.review-answer');
    await form.waitFor();
    expect(await card.locator('.review-grades button').allTextContents()).toEqual(['Again', 'Hard', 'Good', 'Easy']);
    const firstPrompt = await card.textContent();

    // Wrong: the checker marks it, the answer and the cited passage are shown, and the next card follows.
    const graded = await nextAnswer(page, async () => {
      await form.locator('textarea').fill('something about cats');
      await form.locator('button[type="submit"]').click();
    });
    expect(await graded.locator('.grade-wrong').count()).toBe(1);
    expect(await graded.locator('blockquote').count()).toBeGreaterThan(0);
    expect(await graded.locator('.chip').first().textContent()).toMatch(/^#35/);
    const shownAnswer = /Answer:\s*(.+?)\s*Graded/s.exec((await graded.textContent()) ?? '')?.[1];
    expect(shownAnswer).toBeDefined();
    await page.screenshot({ path: join(screenshots, 'review-card.png') });

    // The other cards of #35 graded Easy with the buttons, until the missed card comes back.
    const missedPrompt = openPrompt(firstPrompt!);
    card = graded;
    for (let n = 0; n < 6 && openPrompt((await card.textContent())!) !== missedPrompt; n++) {
      card = await nextAnswer(page, () => card.locator('.review-grades button', { hasText: 'Easy' }).click());
    }
    expect(openPrompt((await card.textContent())!)).toBe(missedPrompt);
    const right = await nextAnswer(page, async () => {
      await card.locator('form.review-answer textarea').fill(shownAnswer!);
      await card.locator('form.review-answer button[type="submit"]').click();
    });
    expect(await right.locator('.grade-right').count()).toBe(1);

    // The progress view now: #35 learning (not due, not new), a retention point, #35 most missed with a link.
    await progress().locator('ul[data-state="learning"] li', { hasText: '#35' }).waitFor();
    expect(await count('due')).toBe(0);
    expect(await progress().locator('figure.plot svg circle').count()).toBe(1);
    expect(await progress().locator('.most-missed li').first().textContent()).toMatch(/#35 Weighted loss functions \(missed 1\)/);
    await page.screenshot({ path: join(screenshots, 'progress-view.png') });
    const asked = await nextAnswer(page, () => progress().locator('.most-missed button').first().click());
    expect(await asked.locator('.chip').first().textContent()).toMatch(/^#35/);
  });
});

/** The prompt of the card a review message leaves open: what follows its last card heading. */
function openPrompt(text: string): string {
  const heading = 'Review · #35 · Weighted loss functions';
  const from = text.lastIndexOf(heading) + heading.length;
  return text.slice(from, text.indexOf('Reply with', from)).trim();
}
