import type { Locator, Page } from '@playwright/test';
import { AppShellPage } from './AppShellPage';

/** The Personal details queue: detected details grouped by entity across the sessions awaiting review. */
export class PersonalDetailsPage {
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Detected personal details by entity' });
  }

  async goto(): Promise<void> {
    await new AppShellPage(this.page).go('Personal details');
    await this.page.getByRole('heading', { name: 'Personal details', level: 1 }).waitFor();
  }

  entity(label: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('cell', { name: label, exact: true }) });
  }

  async decide(label: string, decision: 'Replace' | 'Keep'): Promise<void> {
    await this.page.getByRole('button', { name: `${decision} “${label}” everywhere` }).click();
  }
}
