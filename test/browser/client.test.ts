import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, tempDatabase, type ServerProcess } from '../support/server-process';

const root = join(__dirname, '../..');
const screenshots = join(root, 'artifacts', 'screenshots');

/** Debian's Chromium, never a downloaded browser; the flags keep it off this machine's closed network. */
function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

async function askAndWait(page: Page, text: string): Promise<void> {
  const before = await page.locator('.message.tutor:not(.composing)').count();
  await page.fill('#question', text);
  await page.press('#question', 'Enter');
  await page.waitForFunction((n) => document.querySelectorAll('.message.tutor:not(.composing)').length > n, before, { timeout: 20_000 });
}

const lastAnswer = (page: Page) => page.locator('.message.tutor:not(.composing)').last();

describe('the web client in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    if (!existsSync(join(root, 'dist', 'client', 'app.js'))) execFileSync(process.execPath, ['scripts/build-client.mjs'], { cwd: root });
    mkdirSync(screenshots, { recursive: true });
    server = await startServerProcess({ db: tempDatabase() });
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('dialog', () => {
      throw new Error('a dialog opened: page script ran');
    });
    await page.goto(server.url);
    await page.waitForSelector('#status:text("connected")');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('answers the item-#35 conversation with its parts and citations', async () => {
    await askAndWait(page, 'I\'m least confident about item #35: "weighted loss functions balance quality and quantity". 1. How do weighted losses work? 2. How do the weights change training?');
    const answer = lastAnswer(page);
    await expect(answer.locator('h2').allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringMatching(/^1\./), expect.stringMatching(/^2\./)]));
    expect(await answer.locator('.chip').first().textContent()).toBe('#35');
    expect(await answer.locator('.katex').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(screenshots, 'item-35-conversation.png'), fullPage: true });
  });

  it('shows the house-price MSE of 100000000 with its steps', async () => {
    await askAndWait(page, 'What is the MSE of targets 200000, 250000, 300000 and predictions 210000, 240000, 310000?');
    const answer = lastAnswer(page);
    expect(await answer.textContent()).toContain('100000000');
    const steps = answer.locator('figure.steps tbody tr');
    expect(await steps.count()).toBe(3);
    expect(await steps.first().textContent()).toContain('210000');
  });

  it('opens a cited item beside the chat', async () => {
    await lastAnswer(page).locator('.chip').first().click();
    await page.waitForSelector('#item-view:not([hidden]) h2');
    expect(await page.locator('#item-view h2').textContent()).toMatch(/^#\d+ /);
    await page.screenshot({ path: join(screenshots, 'item-panel.png') });
  });

  it('computes in the browser the same value as the server', async () => {
    await page.click('[data-view="calculator"]');
    await page.selectOption('#calc-loss', 'huber');
    await page.fill('#calc-true', '1, 2, 3, 4');
    await page.fill('#calc-pred', '1.5, 2, 2, 9');
    const shown = await page.locator('#calc-value').textContent();
    const response = await fetch(`${server.url}/api/calc`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ loss: 'huber', params: { delta: 1 }, inputs: { yTrue: [1, 2, 3, 4], yPred: [1.5, 2, 2, 9] } }) });
    const { value } = (await response.json()) as { value: number };
    expect(Number(shown)).toBeCloseTo(value, 9);
    expect(await page.locator('#calc-plot svg circle').count()).toBe(4);
    await page.screenshot({ path: join(screenshots, 'calculator.png') });
    await page.click('[data-view="calculator"]');
  });

  it('keeps the history across a reload', async () => {
    const before = await page.locator('.message').count();
    await page.reload();
    await page.waitForFunction((n) => document.querySelectorAll('.message').length >= n, before, { timeout: 15_000 });
    expect(await page.locator('.message.user').first().textContent()).toContain('item #35');
  });

  it('shows HTML and script in a question as text and runs none of it', async () => {
    const attack = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> what is mse?';
    await askAndWait(page, attack);
    expect(await page.locator('.message.user').last().textContent()).toBe(attack);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('works at a phone’s width', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(server.url);
    await phone.waitForSelector('#status:text("connected")');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await askAndWait(phone, 'what is focal loss?');
    expect(await lastAnswer(phone).locator('.chip').first().textContent()).toBe('#27');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: join(screenshots, 'phone.png'), fullPage: true });
    await phone.close();
  });
});

describe('a note with HTML and script in it', () => {
  it('is shown as text in the answer and in the item panel, and runs nothing', async () => {
    const kb = mkdtempSync(join(tmpdir(), 'loss-tutor-evil-'));
    writeFileSync(join(kb, '001-evil.md'), '---\nitem: 1\ntitle: A note with markup\nclaim: This note carries <img src=x onerror="window.__pwned=3"> and a script.\n---\n## Definition\n<script>window.__pwned=4</script> Markup <b onmouseover="window.__pwned=5">here</b> must not run.\n');
    const server = await startServerProcess({ db: tempDatabase(), kb });
    const browser = await launch();
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.waitForSelector('#status:text("connected")');
    await askAndWait(page, 'what does item 1 say?');
    await lastAnswer(page).locator('.chip').first().click();
    await page.waitForSelector('#item-view:not([hidden]) h2');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('.message.tutor img[onerror], .message.tutor script, #item-view script, #item-view [onmouseover]').count()).toBe(0);
    await browser.close();
    await server.stop();
  });
});
