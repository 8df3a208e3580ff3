import type { Locator, Page } from '@playwright/test';
import { JobsPanel } from './JobsPanel';

export type AreaName =
  | 'Study'
  | 'Library'
  | 'Import'
  | 'Generate'
  | 'Review'
  | 'Personal details'
  | 'Datasets'
  | 'Fine-tune'
  | 'Evaluate'
  | 'Arena'
  | 'Calls'
  | 'Settings';

/** The frame around every screen: navigation, the project menu and the jobs button. */
export class AppShellPage {
  readonly nav: Locator;
  readonly projectButton: Locator;
  readonly jobsButton: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.projectButton = page.getByRole('button', { name: /^Project: / });
    this.jobsButton = page.getByRole('button', { name: /^Jobs:/ });
  }

  async go(area: AreaName): Promise<void> {
    await this.nav.getByRole('link', { name: new RegExp(`^${area}`) }).click();
  }

  async projectMenu(item: 'Project details' | 'New project…' | 'Open a project…' | 'Close project'): Promise<void> {
    await this.projectButton.click();
    await this.page.getByRole('menuitem', { name: item }).click();
  }

  async openJobs(): Promise<JobsPanel> {
    await this.jobsButton.click();
    const panel = new JobsPanel(this.page);
    await panel.dialog.waitFor();
    return panel;
  }
}

/** Picks an option of a Mantine Select by the field's label. */
export async function choose(page: Page, scope: Locator | Page, label: string, option: string | RegExp): Promise<void> {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

/** Makes the sample project the open one (other specs in the worker may have left theirs open). */
export async function openSampleProject(page: Page): Promise<void> {
  const shell = new AppShellPage(page);
  if ((await shell.projectButton.innerText()).includes('Sample project')) return;
  await shell.projectButton.click();
  await page.getByRole('menuitem', { name: 'Sample project' }).click();
  await expectText(shell.projectButton, 'Sample project');
}

async function expectText(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).waitFor();
}
