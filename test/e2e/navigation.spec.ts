import { expect, test } from './fixtures';
import { AppShellPage, type AreaName } from './pages/AppShellPage';

// Leaves the open project as it found it, so it can share a worker with any other spec.

const areas: AreaName[] = [
  'Study',
  'Library',
  'Import',
  'Generate',
  'Review',
  'Personal details',
  'Datasets',
  'Fine-tune',
  'Evaluate',
  'Arena',
  'Calls',
  'Settings',
];

test('every area is reachable from the navigation, opens on its own screen, and none is a placeholder', async ({ page }) => {
  const shell = new AppShellPage(page);
  for (const area of areas) {
    await shell.go(area);
    const main = page.getByRole('main');
    await expect(main.getByRole('heading', { level: 1 })).toHaveText(area);
    await expect(shell.nav.getByRole('link', { name: new RegExp(`^${area}`) })).toHaveAttribute('aria-current', 'page');
    await expect(main).not.toContainText('It is not built yet');
  }
  await shell.go('Settings');
  await expect(page.getByRole('tab', { name: 'Providers', selected: true })).toBeVisible();
  await shell.go('Calls');
  await expect(page.getByRole('heading', { name: 'Calls', level: 1 })).toBeVisible();
  await expect(page.getByText('A research tool, not a clinical service.')).toBeVisible();
});

test('the jobs panel opens and closes from the keyboard', async ({ page }) => {
  const shell = new AppShellPage(page);
  await shell.jobsButton.focus();
  await page.keyboard.press('Enter');
  const panel = page.getByRole('dialog', { name: 'Jobs' });
  await expect(panel).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(shell.jobsButton).toBeFocused();
});
