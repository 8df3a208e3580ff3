import { expect, test } from './fixtures';
import { openSampleProject } from './pages/AppShellPage';
import { LibraryPage } from './pages/LibraryPage';

// Edits a sample session and then undoes every saved change from its history, so the project is
// left as it was found.

test('edit turns from the keyboard, undo and redo them, and take saved changes back from the history', async ({ page }) => {
  await openSampleProject(page);
  const library = new LibraryPage(page);
  await library.goto();
  const editor = await library.openSession(/New city/);
  const count = await editor.turns.count();
  const firstText = await editor.turn(1).innerText();

  await test.step('split a turn at the cursor, undo, redo, undo', async () => {
    await editor.turn(2).getByRole('button', { name: 'Edit turn 2' }).click();
    const box = page.getByRole('textbox', { name: 'Text of turn 2' });
    // The caret goes after the twelfth character.
    await box.press('Control+Home');
    for (let i = 0; i < 12; i++) await box.press('ArrowRight');
    await box.press('Control+Shift+S');
    await expect(editor.turns).toHaveCount(count + 1);
    await expect(page.getByRole('textbox', { name: 'Text of turn 3' })).toBeFocused();
    await page.keyboard.press('Control+z');
    await expect(editor.turns).toHaveCount(count);
    await page.keyboard.press('Control+Shift+Z');
    await expect(editor.turns).toHaveCount(count + 1);
    await page.keyboard.press('Control+z');
    await expect(editor.turns).toHaveCount(count);
    await page.keyboard.press('Escape');
  });

  await test.step('move a turn down with Alt+↓ and merge it back from its menu', async () => {
    await editor.turn(1).getByRole('button', { name: 'Edit turn 1' }).click();
    await page.keyboard.press('Alt+ArrowDown');
    await expect(editor.turn(2)).toContainText(firstText.split('\n').pop() ?? '');
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect(editor.turn(1)).toContainText(firstText.split('\n').pop() ?? '');
    await page.keyboard.press('Escape');
    await editor.turn(1).hover();
    await editor.turn(1).getByRole('button', { name: 'More actions for turn 1' }).click();
    await page.getByRole('menuitem', { name: 'Merge with the next turn' }).click();
    await expect(editor.turns).toHaveCount(count - 1);
    await page.keyboard.press('Control+z');
    await expect(editor.turns).toHaveCount(count);
  });

  await test.step('insert a turn, write it, and it is saved with a summary', async () => {
    // A turn's tools show when the pointer is over it (or it is the one being worked on).
    await editor.turn(count).hover();
    await editor
      .turn(count)
      .getByRole('button', { name: `Insert a turn after turn ${count}` })
      .click();
    const box = page.getByRole('textbox', { name: `Text of turn ${count + 1}` });
    await expect(box).toBeFocused();
    await box.fill('A turn written in the editor.');
    await box.press('Escape');
    await expect(editor.saved).toBeVisible();
    await expect(editor.history.getByRole('listitem').first()).toContainText(`Inserted a turn after turn ${count}`);
    await editor.title.fill('New city, quiet lunches (edited)');
    await expect(editor.saved).toBeVisible();
    await expect(editor.history.getByRole('listitem').first()).toContainText('Renamed');
  });

  await test.step('undo the first saved change from the history: the session is as it was', async () => {
    // Other specs may have left older (undone) entries: pick this spec's first change by its words.
    const first = editor.history
      .getByRole('listitem')
      .filter({ hasText: `Inserted a turn after turn ${count}` })
      .first();
    await first.getByRole('button', { name: /^Undo this change/ }).click();
    await page
      .getByRole('dialog', { name: 'Undo an earlier change?' })
      .getByRole('button', { name: 'Undo it and the later changes' })
      .click();
    await expect(editor.turns).toHaveCount(count);
    await expect(editor.title).toHaveValue('New city, quiet lunches');
    await expect(editor.history.getByRole('listitem').first()).toContainText('Undid a change');
  });
});
