import { expect, test } from './fixtures';

// Leaves the open project as it found it, so it can share a worker with any other spec.

test('the Study home asks for its checklist alongside the open project, not after its answer', async ({ page, app }) => {
  test.skip(app.host !== 'browser', 'reads the HTTP calls of browser mode');
  const log: string[] = [];
  const method = (body: string | null) => /"method":"([^"]+)"/.exec(body ?? '')?.[1];
  page.on('request', (r) => method(r.postData()) && log.push(`sent ${method(r.postData())}`));
  page.on('requestfinished', (r) => method(r.postData()) && log.push(`answered ${method(r.postData())}`));
  await app.restart();
  await expect(page.getByRole('list', { name: 'Study steps' })).toBeVisible();
  expect(log).toContain('answered study.status');
  // One round trip before the counts show, not two.
  expect(log.indexOf('sent study.status')).toBeLessThan(log.indexOf('answered projects.current'));
});
