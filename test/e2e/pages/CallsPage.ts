import type { Locator, Page } from '@playwright/test';
import { AppShellPage } from './AppShellPage';

/** The call ledger. */
export class CallsPage {
  readonly totals: Locator;
  readonly table: Locator;
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.totals = page.getByLabel('Call totals');
    this.table = page.getByRole('table', { name: 'Calls' });
    this.rows = this.table.getByRole('row').filter({ hasNot: page.getByRole('columnheader') });
  }

  async goto(): Promise<void> {
    await new AppShellPage(this.page).go('Calls');
  }

  /** A figure from the totals, e.g. total('Calls') → 32. */
  async total(label: 'Calls' | 'Errors' | 'Tokens in' | 'Tokens out'): Promise<number> {
    const text = await this.totals.getByRole('group', { name: label, exact: true }).innerText();
    return Number(text.replace(label, '').replace(/[^0-9.]/g, ''));
  }
}
