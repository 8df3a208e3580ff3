import { expect, type Locator, type Page } from '@playwright/test';
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
  readonly rating: Locator;

  constructor(readonly page: Page) {
    this.judgePanel = page.getByRole('region', { name: 'Judge sessions' });
    this.progress = page.getByRole('status', { name: 'Queue progress' });
    this.items = page.getByRole('listbox', { name: 'Review queue items' }).getByRole('option');
    this.current = page.getByRole('listbox', { name: 'Review queue items' }).locator('[aria-selected="true"]');
    this.decision = page.getByRole('region', { name: 'Decision' });
    this.rationales = page.getByRole('region', { name: 'Judge rationales' });
    this.reason = this.decision.getByRole('textbox', { name: 'Reason' });
    this.rating = page.getByRole('region', { name: 'Your rating' });
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

  /** Rates the selected session yourself: one score per criterion, in the rubric's order, then saves and waits for "Rating saved.". */
  async rate(scores: number[]): Promise<void> {
    await this.page.getByRole('button', { name: /^Rate this session yourself/ }).click();
    const inputs = this.rating.getByRole('textbox');
    await expect(inputs).toHaveCount(scores.length);
    for (const [i, score] of scores.entries()) await inputs.nth(i).fill(String(score));
    await this.rating.getByRole('button', { name: 'Save rating' }).click();
    await expect(this.rating.getByRole('status')).toHaveText('Rating saved.');
  }

  /**
   * Waits until no decision is being saved. The queue ignores a decision key while the last one saves (a second
   * press must not decide on a session nobody has seen yet), and its count can update from another change first.
   */
  async idle(): Promise<void> {
    await expect(this.decision.getByRole('button', { name: /^Approve/ })).toBeEnabled();
  }

  async waiting(): Promise<number> {
    return Number((await this.progress.innerText()).replace(/[^0-9].*$/s, ''));
  }
}
