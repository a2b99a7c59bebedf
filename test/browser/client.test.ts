import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, tempDatabase, type ServerProcess } from '../support/server-process';
import { ask } from './chat-page';
import { ensureClientBuilt, launch } from './chromium';

const root = join(__dirname, '../..');
const screenshots = join(root, 'artifacts', 'screenshots');

const lastAnswer = (page: Page) => page.locator('.message.tutor:not(.composing)').last();

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core run in the page as it stands: the serious and critical violations, by rule and element. */
async function accessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's own CSP (script-src 'self') rightly refuses an inline script tag.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return (await axe.run(document)).violations;
  });
  return results.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('the web client in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    ensureClientBuilt();
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

  it('welcomes with what the notes hold and suggested questions that work when clicked', async () => {
    const welcome = page.locator('.welcome');
    await welcome.waitFor();
    expect(await welcome.textContent()).toMatch(/holds \d+ numbered items/);
    const suggestions = await page.locator('.suggestion').allTextContents();
    expect(suggestions.length).toBeGreaterThanOrEqual(3);
    expect(suggestions.length).toBeLessThanOrEqual(4);
    expect(suggestions.some((q) => /#35\b/.test(q))).toBe(true);
    expect(suggestions.some((q) => /targets [\d, ]+ and predictions/.test(q))).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'welcome-light.png') });
    const before = await page.locator('.message.tutor:not(.composing)').count();
    await page.locator('.suggestion', { hasText: '#35' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('.message.tutor:not(.composing)').length > n, before, { timeout: 20_000 });
    expect(await page.locator('.message.user').last().textContent()).toContain('#35');
    expect(await lastAnswer(page).locator('.chip').first().textContent()).toMatch(/^#35\b/);
  });

  it('answers the item-#35 conversation with its parts and citations', async () => {
    await ask(page, 'I\'m least confident about item #35: "weighted loss functions balance quality and quantity". 1. How do weighted losses work? 2. How do the weights change training?');
    const answer = lastAnswer(page);
    await expect(answer.locator('h2').allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringMatching(/^1\./), expect.stringMatching(/^2\./)]));
    expect(await answer.locator('.chip').first().textContent()).toMatch(/^#35 (§|Weighted)/);
    expect(await answer.locator('.katex').count()).toBeGreaterThan(0);
    // The input stays on screen under a long answer, and the answer is scrolled into view.
    const box = await page.locator('#question').boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(900);
    const answerBox = await answer.boundingBox();
    expect(answerBox!.y).toBeLessThan(900);
    await page.screenshot({ path: join(screenshots, 'item-35-conversation.png'), fullPage: true });
  });

  it('shows the house-price MSE of 100000000 grouped, with its steps once and nothing overflowing', async () => {
    await ask(page, 'What is the MSE of targets 200000, 250000, 300000 and predictions 210000, 240000, 310000?');
    const answer = lastAnswer(page);
    expect(await answer.textContent()).toContain('100,000,000');
    expect(await answer.locator('.num[title="100000000"]').count()).toBeGreaterThan(0);
    expect(await answer.locator('table').count()).toBe(1);
    const steps = answer.locator('figure.steps tbody tr');
    expect(await steps.count()).toBe(3);
    expect(await steps.first().textContent()).toContain('210,000');
    const overflowing = await answer.evaluate((node) => [...node.querySelectorAll('p')].filter((p) => p.scrollWidth > p.clientWidth + 1).map((p) => p.textContent));
    expect(overflowing).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'worked-example.png') });
  });

  it('shows the cited passage on hover and focus, and opens the item there', async () => {
    const chip = lastAnswer(page).locator('.chip').first();
    await chip.hover();
    const tip = lastAnswer(page).locator('.passage-tip').first();
    await tip.locator('.passage-text').waitFor();
    const item = (await fetch(`${server.url}/api/items/6`).then((r) => r.json())) as { passages: { id: string; text: string }[] };
    expect(await tip.textContent()).toContain(item.passages[0]!.text.slice(0, 20));
    await page.screenshot({ path: join(screenshots, 'citation-passage.png') });
    // The README's picture is tracked: a run changes it only when asked (UPDATE_SCREENSHOTS=1 npm run test:browser).
    if (process.env['UPDATE_SCREENSHOTS'] === '1') copyFileSync(join(screenshots, 'citation-passage.png'), join(root, 'docs', 'screenshot.png'));
    await page.mouse.move(0, 0);
    await chip.focus();
    expect(await tip.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await tip.isVisible()).toBe(false);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#item-view:not([hidden]) .passage.cited');
    expect(await page.locator('#item-view .passage.cited').getAttribute('data-passage-id')).toBe(item.passages[0]!.id);
    await page.keyboard.press('Escape');
    expect(await page.locator('#item-view').isHidden()).toBe(true);
  });

  it('turns a quiz question into a card with an answer box', async () => {
    await ask(page, 'quiz me on item 6');
    const card = lastAnswer(page);
    expect(await card.getAttribute('class')).toContain('quiz-card');
    await card.locator('.quiz-answer textarea').fill('it becomes four times as large');
    await card.locator('.quiz-answer textarea').press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('.message.tutor:not(.composing)')[document.querySelectorAll('.message.tutor:not(.composing)').length - 1]?.textContent?.includes('Right'), undefined, { timeout: 20_000 });
    expect(await lastAnswer(page).locator('.grade-right svg').count()).toBe(1);
    expect(await lastAnswer(page).textContent()).not.toMatch(/[✅❌]/u);
    expect(await page.locator('.feedback svg').count()).toBeGreaterThan(0);
    expect(await page.locator('.feedback button').first().textContent()).toBe('');
  });

  it('opens a cited item beside the chat', async () => {
    await lastAnswer(page).locator('.chip').first().click();
    await page.waitForSelector('#item-view:not([hidden]) h2');
    expect(await page.locator('#item-view h2').textContent()).toMatch(/^#\d+ /);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'item-panel.png') });
  });

  it('computes in the browser the same value as the server', async () => {
    await page.click('[data-view="calculator"]');
    await page.selectOption('#calc-loss', 'huber');
    await page.fill('#calc-true', '1, 2, 3, 4');
    await page.fill('#calc-pred', '1.5, 2, 2, 9');
    const shown = await page.locator('#calc-value').getAttribute('data-value');
    const response = await fetch(`${server.url}/api/calc`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ loss: 'huber', params: { delta: 1 }, inputs: { yTrue: [1, 2, 3, 4], yPred: [1.5, 2, 2, 9] } }) });
    const { value } = (await response.json()) as { value: number };
    expect(Number(shown)).toBeCloseTo(value, 9);
    expect(await page.locator('#calc-plot svg circle').count()).toBe(4);
    expect(await page.locator('#calc-plot svg .tick-label').count()).toBeGreaterThan(4);
    expect(await page.locator('#calc-plot svg .axis-label').count()).toBe(2);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.click('#item-view .icon-button');
    await page.locator('#calc-plot').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshots, 'calculator.png') });
    await page.click('[data-view="calculator"]');
  });

  it('keeps the history across a reload', async () => {
    const before = await page.locator('.message').count();
    await page.reload();
    await page.waitForFunction((n) => document.querySelectorAll('.message').length >= n, before, { timeout: 15_000 });
    expect(await page.locator('.message.user').first().textContent()).toContain('#35');
  });

  it('switches to dark with the toggle, and keeps it across a reload', async () => {
    await page.click('#theme');
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    await page.reload();
    await page.waitForSelector('#status:text("connected")');
    await page.waitForSelector('.message.tutor');
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'conversation-dark.png') });
    await page.click('#theme');
    await page.screenshot({ path: join(screenshots, 'conversation-light.png') });
  });

  it('shows HTML and script in a question as text and runs none of it', async () => {
    const attack = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> what is mse?';
    await ask(page, attack);
    expect(await page.locator('.message.user').last().textContent()).toBe(attack);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('works at a phone’s width', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(server.url);
    await phone.waitForSelector('#status:text("connected")');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await ask(phone, 'what is focal loss?');
    expect(await lastAnswer(phone).locator('.chip').first().textContent()).toMatch(/^#27\b/);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const box = await phone.locator('#question').boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(844);
    expect(await accessibilityViolations(phone)).toEqual([]);
    await phone.screenshot({ path: join(screenshots, 'phone.png') });
    await phone.close();
  });
});

describe('a note with HTML and script in it', () => {
  it('is shown as text in the answer and in the item panel, and runs nothing', async () => {
    const kb = mkdtempSync(join(tmpdir(), 'loss-tutor-evil-'));
    // The formula inside the link's title once ended the attribute when typeset HTML was spliced in.
    writeFileSync(
      join(kb, '001-evil.md'),
      '---\nitem: 1\ntitle: A note with markup\nclaim: This note carries <img src=x onerror="window.__pwned=3"> and a script.\n---\n## Definition\n<script>window.__pwned=4</script> Markup <b onmouseover="window.__pwned=5">here</b> must not run. [see $y$](https://example.invalid/$z$ "$q$ onmouseover=window.__pwned=6 x") and the loss $-\\log p_t$.\n',
    );
    const server = await startServerProcess({ db: tempDatabase(), kb });
    const browser = await launch();
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.waitForSelector('#status:text("connected")');
    await ask(page, 'what does item 1 say?');
    await lastAnswer(page).locator('.chip').first().click();
    await page.waitForSelector('#item-view:not([hidden]) h2');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('.message.tutor img[onerror], .message.tutor script, #item-view script, #item-view [onmouseover], .message.tutor [onmouseover]').count()).toBe(0);
    const handlers = await page.evaluate(() => {
      for (const link of document.querySelectorAll('#item-view a')) link.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
      return [...document.querySelectorAll('*')].flatMap((element) => [...element.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${element.tagName} ${a.name}`));
    });
    expect(handlers).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('#item-view a[title]').first().getAttribute('title')).toBe('q onmouseover=window.__pwned=6 x');
    expect(await page.locator('#item-view .katex').count()).toBeGreaterThan(0);
    await browser.close();
    await server.stop();
  });
});
