import type { Page, Request } from '@playwright/test';
import { expect, test } from './fixtures';

// Leaves the open project as it found it (and its routes go with its page), so it can share a worker with any other spec.

const method = (r: Request) => /"method":"([^"]+)"/.exec(r.postData() ?? '')?.[1];

/**
 * Holds the open project's answer back 300 ms, so a request that waited for it would plainly start after it.
 * Without this, an answer back in a millisecond (its counts are kept by triggers) could beat a request that
 * was sent alongside it, and the order said nothing.
 */
async function slowProjectAnswer(page: Page): Promise<void> {
  await page.route('**/api/call', async (route) => {
    if (method(route.request()) === 'projects.current') await new Promise((r) => setTimeout(r, 300));
    await route.fallback();
  });
}

test('the Study home asks for its checklist alongside the open project, not after its answer', async ({ page, app }) => {
  test.skip(app.host !== 'browser', 'reads the HTTP calls of browser mode');
  const steps = page.getByRole('list', { name: 'Study steps' });
  await expect(steps).toBeVisible();
  await slowProjectAnswer(page);
  const answered = (name: string) => page.waitForEvent('requestfinished', (r) => method(r) === name);
  const [current, study] = await Promise.all([answered('projects.current'), answered('study.status'), app.restart()]);
  await expect(steps).toBeVisible();
  // Sent before the open project's answer came back: one round trip before the counts show, not two.
  const answerOf = current.timing();
  expect(study.timing().startTime).toBeLessThan(answerOf.startTime + answerOf.responseEnd);
});

test('a screen opened by its address starts loading its code alongside the open project, not after its answer', async ({ page, app }) => {
  test.skip(app.host !== 'browser', 'reads the HTTP requests of browser mode');
  await expect(page.getByRole('list', { name: 'Study steps' })).toBeVisible();
  await slowProjectAnswer(page);
  await page.evaluate("window.location.hash = '#/library'");
  const chunk = page.waitForEvent('requestfinished', (r) => /\/LibraryScreen-[\w-]+\.js$/.test(r.url()));
  const answered = page.waitForEvent('requestfinished', (r) => method(r) === 'projects.current');
  const [code, current] = await Promise.all([chunk, answered, page.reload()]);
  await expect(page.getByRole('heading', { name: 'Library', level: 1 })).toBeVisible();
  const answerOf = current.timing();
  expect(code.timing().startTime).toBeLessThan(answerOf.startTime + answerOf.responseEnd);
});
