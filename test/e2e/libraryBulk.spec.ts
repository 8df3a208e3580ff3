import { join } from 'node:path';
import { expect, test } from './fixtures';
import { openSampleProject } from './pages/AppShellPage';
import { LibraryPage } from './pages/LibraryPage';

// Works on the sample project and undoes every change it makes, so it can share a worker with any
// other spec. With HDS_SCREENSHOTS set it also saves pictures of the selection and the preview.

const shots = process.env.HDS_SCREENSHOTS;

test('bulk tag a range of sessions, then undo it', async ({ page }) => {
  await openSampleProject(page);
  const library = new LibraryPage(page);
  await library.goto();
  await expect(library.sessionRows).toHaveCount(7);

  await library.select(/Exam anxiety/);
  await library.select(/New city/, { range: true });
  await expect(library.bulkBar).toContainText('3 selected');
  if (shots) await page.screenshot({ path: join(shots, 'library-selection.png'), animations: 'disabled' });

  await library.addTag('e2e-bulk');
  await expect(library.lastChange).toContainText('Added the tag “e2e-bulk” to 3 sessions.');
  await library.filter('Tag', 'e2e-bulk');
  await expect(library.sessionRows).toHaveCount(3);
  await expect(library.row(/Low mood/)).toHaveCount(0);

  await library.undoLastChange();
  await expect(library.lastChange).toContainText('Undone: 3 sessions restored');
  await expect(library.noResults).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(library.sessionRows).toHaveCount(7);
  await expect(library.table).not.toContainText('e2e-bulk');
});

test('find and replace across every session: preview, apply, undo', async ({ page }) => {
  await openSampleProject(page);
  const library = new LibraryPage(page);
  await library.goto();
  await library.selectAllMatching();
  await expect(library.bulkBar).toContainText('7 selected');

  const dialog = await library.findAndReplace();
  await dialog.preview('week', 'fortnight', { wholeWord: true });
  await expect(dialog.summary).toContainText(/\d+ matches in 7 sessions/);
  await expect(dialog.changes.first().getByRole('deletion')).toHaveText(/^week$/i);
  await expect(dialog.changes.first().getByRole('insertion')).toHaveText('fortnight');
  if (shots) await page.screenshot({ path: join(shots, 'library-find-replace.png'), animations: 'disabled' });
  await dialog.apply();
  await expect(library.lastChange).toContainText(/Replaced \d+ matches of “week” in 7 sessions/);

  await library.search.fill('fortnight');
  await expect(library.sessionRows).toHaveCount(7);
  await library.undoLastChange();
  await expect(library.lastChange).toContainText('Undone: 7 sessions restored');
  await expect(library.noResults).toBeVisible();
  await library.search.fill('');
  await expect(library.sessionRows).toHaveCount(7);
});

test('on a laptop-width window every bulk action, the close button too, stays on the screen', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openSampleProject(page);
  const library = new LibraryPage(page);
  await library.goto();
  await library.select(/Exam anxiety/);
  await expect(library.bulkBar).toContainText('1 selected');
  for (const name of ['Select all 7 matching', 'Apply placeholders…', 'Delete', 'Clear the selection']) {
    const box = (await library.bulkBar.getByRole('button', { name }).boundingBox())!;
    expect(box.x, name).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, name).toBeLessThanOrEqual(1280);
  }
  await library.bulkBar.getByRole('button', { name: 'Clear the selection' }).click();
  await expect(library.bulkBar).toBeHidden();
  // Every column, the last one too, fits in the table's own box without scrolling sideways.
  const box = (await library.table.boundingBox())!;
  for (const header of await library.table.getByRole('columnheader').all()) {
    const cell = (await header.boundingBox())!;
    expect(cell.x + cell.width, await header.innerText()).toBeLessThanOrEqual(box.x + box.width + 0.5);
  }
  expect(await library.table.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: test.info().outputPath('library-1280.png') });
});
