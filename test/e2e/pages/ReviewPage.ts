import type { Locator, Page } from '@playwright/test';
import { AppShellPage, choose } from './AppShellPage';

/** Review: the queue (with its filters), the judge panel and the calibration, each on its own tab, and the selected session. */
export class ReviewPage {
  readonly judgePanel: Locator;
  readonly progress: Locator;
  readonly items: Locator;
  readonly current: Locator;
  readonly decision: Locator;
  readonly rationales: Locator;
  readonly reason: Locator;

  constructor(readonly page: Page) {
    this.judgePanel = page.getByRole('region', { name: 'Judge sessions' });
    this.progress = page.getByRole('status', { name: 'Queue progress' });
    this.items = page.getByRole('listbox', { name: 'Review queue items' }).getByRole('option');
    this.current = page.getByRole('listbox', { name: 'Review queue items' }).locator('[aria-selected="true"]');
    this.decision = page.getByRole('region', { name: 'Decision' });
    this.rationales = page.getByRole('region', { name: 'Judge rationales' });
    this.reason = this.decision.getByRole('textbox', { name: 'Reason' });
  }

  async goto(): Promise<void> {
    await new AppShellPage(this.page).go('Review');
  }

  async openTab(name: 'Queue' | 'Judge' | 'Calibrate the judge'): Promise<void> {
    await this.page.getByRole('tab', { name, exact: true }).click();
  }

  async chooseJudge(provider: string, model: string): Promise<void> {
    await this.openTab('Judge');
    await choose(this.page, this.judgePanel, 'Judge provider', provider);
    await this.judgePanel.getByRole('combobox', { name: 'Judge model' }).fill(model);
  }

  async decide(decision: 'Approve' | 'Reject' | 'Send back for regeneration', reason?: string): Promise<void> {
    if (reason !== undefined) await this.reason.fill(reason);
    await this.decision.getByRole('button', { name: new RegExp(`^${decision}`) }).click();
  }

  async waiting(): Promise<number> {
    return Number((await this.progress.innerText()).replace(/[^0-9].*$/s, ''));
  }
}
