import type { Request } from '@playwright/test';
import { expect, test } from './fixtures';

// Leaves the open project as it found it, so it can share a worker with any other spec.

const method = (r: Request) => /"method":"([^"]+)"/.exec(r.postData() ?? '')?.[1];

test('the Study home asks for its checklist alongside the open project, not after its answer', async ({ page, app }) => {
  test.skip(app.host !== 'browser', 'reads the HTTP calls of browser mode');
  const steps = page.getByRole('list', { name: 'Study steps' });
  await expect(steps).toBeVisible();
  const answered = (name: string) => page.waitForEvent('requestfinished', (r) => method(r) === name);
  const [current, study] = await Promise.all([answered('projects.current'), answered('study.status'), app.restart()]);
  await expect(steps).toBeVisible();
  // Sent before the open project's answer came back: one round trip before the counts show, not two.
  const answerOf = current.timing();
  expect(study.timing().startTime).toBeLessThan(answerOf.startTime + answerOf.responseEnd);
});
