import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, tempDatabase, type ServerProcess } from '../support/server-process';
import { zipSync } from 'fflate';
import { vaultFiles } from '../support/vault-files';
import { answers, ask, nextAnswer } from './chat-page';
import { ensureClientBuilt, launch } from './chromium';

const root = join(__dirname, '../..');
const screenshots = join(root, 'artifacts', 'screenshots');

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

async function accessibilityViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return (await axe.run(document)).violations;
  });
  return results.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Drops files on the drop zone as a learner's file manager would: a DataTransfer of File objects. */
async function dropFiles(page: Page, files: { name: string; bytes: Buffer }[]): Promise<void> {
  const transfer = await page.evaluateHandle((list) => {
    const data = new DataTransfer();
    for (const file of list) data.items.add(new File([Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))], file.name));
    return data;
  }, files.map((file) => ({ name: file.name.split('/').pop()!, base64: file.bytes.toString('base64') })));
  await page.locator('.dropzone').dispatchEvent('drop', { dataTransfer: transfer });
}

async function uploadsSettled(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll('.upload').length >= n && document.querySelectorAll('.upload progress').length === 0, count, { timeout: 60_000 });
}

describe('notebooks in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let notebookUrl: string;
  beforeAll(async () => {
    ensureClientBuilt();
    mkdirSync(screenshots, { recursive: true });
    server = await startServerProcess({ db: tempDatabase(), args: ['--max-file-bytes', '20000'] });
    browser = await launch();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
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

  it('creates a notebook from a dropped vault: the notes are items at once, an unreadable file is listed with its reason, warnings beside their source', async () => {
    await page.click('[data-view="notebook"]');
    await page.fill('#notebook-new-name', 'Ranking revision');
    await page.click('.notebook-create button');
    await page.waitForURL(/\?notebook=[\w-]{24}$/);
    notebookUrl = page.url();
    await page.waitForSelector('#status:text("connected")');
    await page.waitForSelector('#notebook-view:not([hidden])');
    await dropFiles(page, vaultFiles());
    await uploadsSettled(page, vaultFiles().length);
    const refused = await page.locator('.upload.refused').allTextContents();
    expect(refused.find((row) => row.includes('diagram.png'))).toMatch(/binary file/);
    expect(refused.find((row) => row.includes('latin1'))).toMatch(/not valid UTF-8/);
    expect(await page.locator('.upload:not(.refused)', { hasText: '035 Triplet' }).textContent()).toMatch(/added: item #35/);
    await page.waitForFunction(() => document.querySelectorAll('.source').length === 4);
    expect(await page.locator('.source', { hasText: 'Contrastive loss.md' }).locator('.source-warnings').textContent()).toMatch(/Siamese networks/);
    expect(await page.locator('.source', { hasText: '035 Triplet' }).locator('.source-size').textContent()).toMatch(/^#35 · /);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'notebook-panel.png') });
  });

  it('welcomes with what the notebook holds and suggested questions from its notes that work when clicked, citing the passage', async () => {
    const welcome = page.locator('.welcome');
    await welcome.waitFor();
    expect(await welcome.locator('h2').textContent()).toBe('Ask about Ranking revision');
    expect(await welcome.textContent()).toMatch(/This notebook holds 4 numbered items/);
    const suggestions = await page.locator('.suggestion').allTextContents();
    expect(suggestions.length).toBeGreaterThanOrEqual(3);
    expect(suggestions.some((q) => /#35: Triplet margin loss/.test(q))).toBe(true);
    expect(suggestions.some((q) => /HUBER of targets 2, 4, 7 and predictions 2\.5, 4, 3/.test(q))).toBe(true);
    await page.screenshot({ path: join(screenshots, 'notebook-welcome.png') });
    const answer = await nextAnswer(page, () => page.locator('.suggestion', { hasText: '#35' }).click());
    expect(await answer.textContent()).toMatch(/anchor/);
    const chip = answer.locator('.chip').first();
    expect(await chip.textContent()).toMatch(/^#35\b/);
    await chip.hover();
    const tip = answer.locator('.passage-tip').first();
    await tip.locator('.passage-text').waitFor();
    expect(await tip.textContent()).toMatch(/anchor|margin|hard negatives/);
    await chip.click();
    await page.waitForSelector('#item-view:not([hidden]) .passage.cited');
    expect(await page.locator('#item-view').textContent()).toMatch(/Triplet margin loss/);
    await page.screenshot({ path: join(screenshots, 'notebook-answer.png') });
    // The README's picture is tracked: a run changes it only when asked (UPDATE_SCREENSHOTS=1 npm run test:browser).
    if (process.env['UPDATE_SCREENSHOTS'] === '1') copyFileSync(join(screenshots, 'notebook-answer.png'), join(root, 'docs', 'notebook-screenshot.png'));
    await page.keyboard.press('Escape');
    const count = await answers(page).count();
    await ask(page, 'What is the Huber loss of targets 2, 4, 7 and predictions 2.5, 4, 3?');
    expect(await answers(page).count()).toBe(count + 1);
    expect(await answers(page).last().textContent()).toMatch(/Huber/i);
  });

  it('turns a pasted numbered list into numbered items the chat answers from', async () => {
    await page.fill('#notebook-paste-text', 'Segmentation losses\n7) Dice loss measures overlap between predicted and true masks.\n8) Tversky loss weighs false positives and false negatives separately.\n9) Lovász loss optimises the Jaccard index directly.');
    await page.click('.notebook-paste button');
    await page.waitForSelector('.upload:has-text("Pasted text"):has-text("added: items #7, #8, #9")');
    await ask(page, 'what is item 8?');
    expect(await answers(page).last().textContent()).toMatch(/false positives and false negatives/);
  });

  it('keeps an uploaded note inert: no script of it runs, in the answer or in the item panel', async () => {
    await ask(page, 'what does the sneaky note say?');
    await page.evaluate(() => (document.querySelector('[data-view="items"]') as HTMLButtonElement).click());
    await page.locator('#item-list button', { hasText: 'Sneaky note' }).first().click();
    await page.waitForSelector('#item-view:not([hidden])');
    expect(await page.locator('#item-view').textContent()).toMatch(/never code/);
    expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
    expect(await page.locator('[onerror], script:not([src]), a[href^="javascript:"]').count()).toBe(0);
    await page.keyboard.press('Escape');
  });

  it('refuses an over-limit file with its message while the notebook goes on working', async () => {
    await dropFiles(page, [{ name: 'huge.md', bytes: Buffer.from(`# Huge\n\n${'a long note '.repeat(3000)}`) }]);
    const row = page.locator('.upload', { hasText: 'huge.md' });
    await row.locator('.refused-list').waitFor();
    expect(await row.textContent()).toMatch(/over the 20 KiB a file may have on this server/);
    expect(await page.locator('.source').count()).toBe(5);
  });

  it('keeps notebook and conversation across a reload, and from this browser’s storage without the link', async () => {
    const asked = await page.locator('.message.user').allTextContents();
    await page.reload();
    await page.waitForSelector('#status:text("connected")');
    await page.waitForFunction((n) => document.querySelectorAll('.message.user').length === n, asked.length);
    expect(await page.locator('.message.user').allTextContents()).toEqual(asked);
    await page.goto(server.url);
    await page.waitForURL(notebookUrl);
    await page.waitForFunction((n) => document.querySelectorAll('.message.user').length === n, asked.length);
    await page.click('[data-view="notebook"]');
    expect(await page.locator('#notebook-view h2').textContent()).toBe('Notebook: Ranking revision');
  });

  it('keeps one browser’s notebooks from another', async () => {
    const other = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await other.goto(server.url);
    await other.waitForSelector('#status:text("connected")');
    await other.locator('.welcome').waitFor();
    expect(await other.locator('.welcome h2').textContent()).toBe('Ask about loss functions, from your notes');
    await other.click('[data-view="notebook"]');
    await other.waitForFunction(() => document.querySelectorAll('#notebook-select option').length >= 1);
    expect(await other.locator('#notebook-select option').allTextContents()).toEqual(["The server's notes"]);
    expect(await other.locator('.source').count()).toBe(0);
    // Its own notebook, from a .zip of the same vault: the first browser does not list it.
    await other.fill('#notebook-new-name', 'Phone notes');
    await other.click('.notebook-create button');
    await other.waitForURL(/\?notebook=/);
    await other.waitForSelector('#status:text("connected")');
    const zip = Buffer.from(zipSync(Object.fromEntries(vaultFiles().map((f) => [`vault/${f.name}`, new Uint8Array(f.bytes)]))));
    await dropFiles(other, [{ name: 'vault.zip', bytes: zip }]);
    await uploadsSettled(other, 1);
    await other.waitForFunction(() => document.querySelectorAll('.source').length === 4);
    expect(await other.locator('.upload', { hasText: 'vault.zip' }).textContent()).toMatch(/added: items .*#35/);
    expect(await other.locator('.upload', { hasText: 'vault.zip' }).textContent()).toMatch(/not valid UTF-8/);
    expect(await accessibilityViolations(other)).toEqual([]);
    await other.screenshot({ path: join(screenshots, 'notebook-panel-390.png') });
    await other.context().close();
    await page.reload();
    await page.waitForSelector('#status:text("connected")');
    await page.click('[data-view="notebook"]');
    await page.waitForFunction(() => document.querySelectorAll('#notebook-select option').length >= 2);
    expect(await page.locator('#notebook-select option').allTextContents()).toEqual(["The server's notes", 'Ranking revision']);
  });
});
