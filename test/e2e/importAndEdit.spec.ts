import { join, resolve } from 'node:path';
import { expect, test } from './fixtures';
import { AppShellPage, openSampleProject } from './pages/AppShellPage';
import { ImportPage } from './pages/ImportPage';
import { LibraryPage } from './pages/LibraryPage';
import { ProjectPage } from './pages/ProjectPage';

// Works in a project of its own and opens the sample project again at the end, so it can share a
// worker with any other spec. With HDS_SCREENSHOTS set it also saves pictures of each step.

const folder = resolve('test/fixtures/import-e2e');
const shots = process.env.HDS_SCREENSHOTS;

test('a new user imports a folder of mixed formats, reviews personal details, edits, approves and finds the session again', async ({
  page,
}) => {
  const shot = async (name: string) => {
    if (shots) await page.screenshot({ path: join(shots, `${name}.png`), animations: 'disabled' });
  };
  const shell = new AppShellPage(page);
  const wizard = new ImportPage(page);
  const library = new LibraryPage(page);
  const tag = `e2e-${Date.now().toString(36)}`;

  await test.step('a project of their own', async () => {
    await shell.projectMenu('New project…');
    await new ProjectPage(page).create(`Import study ${tag}`);
    await expect(shell.projectButton).toContainText('Import study');
  });

  await test.step('choose a folder: every transcript in it is read and staged', async () => {
    await wizard.goto();
    await wizard.chooseFolder(folder);
    await expect(wizard.chosenFiles).toHaveCount(5);
    for (const name of ['intake-session.txt', 'sleep-checkin.vtt', 'group-notes.csv', 'exported-chats.jsonl', 'esconv-style.json']) {
      await expect(wizard.chosen(`import-e2e/${name}`).getByText('Ready')).toBeVisible();
    }
    await shot('import-1-files');
    await wizard.next('Preview 5 files');
  });

  await test.step('the preview shows formats, speakers and first turns; the CSV needs its columns', async () => {
    const vtt = wizard.file('import-e2e/sleep-checkin.vtt');
    await expect(vtt.getByRole('combobox', { name: 'Format of sleep-checkin.vtt' })).toHaveValue(/Detected: WebVTT/);
    await expect(wizard.speakers('import-e2e/sleep-checkin.vtt', 'sleep-checkin.vtt')).toContainText('Dr. Reyes');
    await expect(vtt.getByRole('list', { name: /^First turns of/ })).toContainText('How has your sleep been this week?');

    await shot('import-2-preview');
    const csv = wizard.file('import-e2e/group-notes.csv');
    await expect(csv.getByRole('alert')).toContainText('Will not be imported');
    await csv.scrollIntoViewIfNeeded();
    await shot('import-2-preview-csv');
    await wizard.mapCsv('import-e2e/group-notes.csv', { speaker: 'who', text: 'said', transcriptId: 'conversation', order: 'line_no' });
    await expect(csv.getByRole('alert')).toHaveCount(0);
    await expect(csv.getByText('1 transcript', { exact: true })).toBeVisible();

    // Fix one mapping by hand: the role is then "your choice".
    await wizard.setRole('import-e2e/sleep-checkin.vtt', 'sleep-checkin.vtt', 'Sam', 'Client');
    await expect(wizard.speakers('import-e2e/sleep-checkin.vtt', 'sleep-checkin.vtt').getByRole('row', { name: /Sam/ })).toContainText(
      'your choice',
    );
    await expect(page.getByRole('status').filter({ hasText: /5 transcripts in 5 files/ })).toBeVisible();
    await wizard.next('Next: cleaning and privacy');
  });

  await test.step('cleaning, personal details for review, a tag; then import', async () => {
    await wizard.setRedaction('Detect for review');
    await wizard.addTag(tag);
    await expect(page.getByRole('region', { name: 'Effect' })).toContainText('5 transcripts → 5 sessions');
    await shot('import-3-options');
    await wizard.next('Next: import');
    await wizard.start();
    await expect(wizard.finished).toContainText('5 sessions imported from 5 files', { timeout: 30_000 });
    await expect(wizard.fileReport('intake-session.txt')).toContainText('1 session imported');
    await expect(wizard.fileReport('group-notes.csv')).toContainText('1 session imported');
    await shot('import-4-report');
    await wizard.openInLibrary();
  });

  const session = await test.step('the imported sessions are in the library, the one with personal details waits for review', async () => {
    await expect(library.sessionRows).toHaveCount(5);
    await expect(library.row('intake-session')).toContainText('Needs review');
    return library.openSession('intake-session');
  });

  await test.step('review the personal details: keep the name, replace the rest', async () => {
    await expect(session.redactionPanel).toBeVisible();
    await expect(session.detection('555-867-5309')).toBeChecked();
    await expect(session.detection('maria.lopez@example.com')).toBeChecked();
    // Approving before the review is refused, and the message points at the review.
    await session.status('Approve').click();
    await expect(page.getByRole('alert').filter({ hasText: 'Review the detected personal details' })).toBeVisible();
    await session.detection('Maria Lopez').uncheck();
    await shot('editor-redaction-panel');
    await session.applyRedactions();
    await expect(session.conversation).toContainText('[PHONE_1]');
    await expect(session.conversation).toContainText('[EMAIL_1]');
    await expect(session.conversation).not.toContainText('555-867-5309');
    await expect(session.conversation).toContainText('Maria Lopez');
  });

  await test.step('edit a turn, approve, and the edits are saved', async () => {
    const last = await session.turns.count();
    await session.editTurn(last, "Let's sketch a quiet Saturday morning together, step by step.");
    await expect(session.saved).toBeVisible();
    await session.status('Approve').click();
    await expect(session.status('Approve')).toHaveAttribute('aria-pressed', 'true');
    await expect(session.saved).toBeVisible();
    await expect(session.history).toContainText('Set the status to Approved');
    await shot('editor');
  });

  await test.step('back in the library, a phrase from the edit finds it', async () => {
    await session.backToLibrary.click();
    await library.search.fill('"quiet Saturday morning"');
    await expect(library.sessionRows).toHaveCount(1);
    await expect(library.row('intake-session')).toContainText('Approved');
    const again = await library.openSession('intake-session');
    await expect(again.turn(await again.turns.count())).toContainText('quiet Saturday morning');
    await again.backToLibrary.click();
    await library.search.fill('');
  });

  await openSampleProject(page);
});
