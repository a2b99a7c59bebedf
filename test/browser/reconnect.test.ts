import { afterAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ChatClient, startServerProcess, tempDatabase, type ServerProcess } from '../support/server-process';
import { ensureClientBuilt, launch } from './chromium';

const answers = '.message.tutor:not(.composing)';

describe('a question typed while the client reconnects', () => {
  let browser: Browser | undefined;
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('is answered exactly once after the server returns on the same port and database', async () => {
    ensureClientBuilt();
    const db = tempDatabase();
    server = await startServerProcess({ db });
    const port = new URL(server.url).port;
    browser = await launch();
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.waitForSelector('#status:text("connected")');
    await page.fill('#question', 'what is focal loss?');
    await page.press('#question', 'Enter');
    await page.waitForFunction((selector) => document.querySelectorAll(selector).length >= 1, answers, { timeout: 20_000 });
    const answered = await page.locator(answers).count();

    expect(await server.stop()).toBe(0);
    server = undefined;
    await page.waitForSelector('#status:has-text("reconnecting")');
    const question = 'What is the MSE of targets 1, 2, 3 and predictions 1, 2, 5?';
    await page.fill('#question', question);
    await page.press('#question', 'Enter');
    expect(await page.locator('.message.user').last().textContent()).toContain(question);
    // Still down: the question waits, shown but unanswered.
    await page.waitForTimeout(1000);
    expect(await page.locator(answers).count()).toBe(answered);

    server = await startServerProcess({ db, args: ['--port', port] });
    expect(new URL(server.url).port).toBe(port);
    await page.waitForFunction(([selector, n]) => document.querySelectorAll(selector as string).length > (n as number), [answers, answered] as const, { timeout: 30_000 });
    expect(await page.locator(answers).last().textContent()).toContain('1.333');
    // Give a second, duplicate answer time to show up, had the resend been answered again.
    await page.waitForTimeout(1500);
    expect(await page.locator(answers).count()).toBe(answered + 1);

    // The conversation as the server stored it: each question once, each answered once.
    const sessionId = await page.evaluate(() => localStorage.getItem('loss-tutor.session'));
    const reader = new ChatClient(`${server.wsUrl}?session=${encodeURIComponent(String(sessionId))}`);
    const history = (await reader.welcome())['history'] as { role: string; text: string }[];
    reader.close();
    expect(history.map((message) => message.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(history[2]!.text).toBe(question);
  });
});
