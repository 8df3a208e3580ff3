import type { Locator, Page } from '@playwright/test';
import { AppShellPage, choose } from './AppShellPage';

export interface SpeedTestInput {
  provider?: string;
  model: string;
  calls: number;
  concurrency: number;
  maxTokens: number;
}

/** Settings → Speed test. */
export class SpeedTestPage {
  readonly form: Locator;
  readonly results: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Start a speed test' });
    this.results = page.getByRole('table', { name: 'Speed test results' });
  }

  async goto(): Promise<void> {
    await new AppShellPage(this.page).go('Settings');
    await this.page.getByRole('tab', { name: 'Speed test' }).click();
  }

  async start(input: SpeedTestInput): Promise<void> {
    if (input.provider) await choose(this.page, this.form, 'Provider', input.provider);
    await this.form.getByRole('combobox', { name: 'Model' }).fill(input.model);
    await this.form.getByRole('textbox', { name: 'Calls' }).fill(String(input.calls));
    await this.form.getByRole('textbox', { name: 'Concurrency' }).fill(String(input.concurrency));
    await this.form.getByRole('textbox', { name: 'Max tokens per answer' }).fill(String(input.maxTokens));
    await this.form.getByRole('button', { name: 'Start speed test' }).click();
  }
}
