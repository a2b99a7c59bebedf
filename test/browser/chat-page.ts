/** The chat page as the browser suites drive it: its finished answers, and asking one question. */
import type { Page } from 'playwright-core';

export const answers = (page: Page) => page.locator('.message.tutor:not(.composing)');

/** Does `act`, then waits for one more finished answer and returns it. */
export async function nextAnswer(page: Page, act: () => Promise<void>) {
  const before = await answers(page).count();
  await act();
  await page.waitForFunction((n) => document.querySelectorAll('.message.tutor:not(.composing)').length > n, before, { timeout: 30_000 });
  return answers(page).last();
}

/** Types the question, sends it with Enter, and returns its answer once finished. */
export const ask = (page: Page, text: string) =>
  nextAnswer(page, async () => {
    await page.fill('#question', text);
    await page.press('#question', 'Enter');
  });
