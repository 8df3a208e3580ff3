import type { Locator, Page } from '@playwright/test';
import { AppShellPage, choose } from './AppShellPage';

/** Fine-tune: the new-run form, the runs list, the monitor of the selected run, and "Bring your own model". */
export class FineTunePage {
  readonly form: Locator;
  readonly checkResult: Locator;
  readonly runs: Locator;
  readonly monitor: Locator;
  readonly registerForm: Locator;
  readonly models: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'New training run' });
    this.checkResult = this.form.getByRole('status', { name: /format checks/ });
    this.runs = page.getByRole('table', { name: 'Training runs' });
    this.monitor = page.getByRole('region', { name: 'Training run', exact: true });
    this.registerForm = page.getByRole('form', { name: 'Register a model' });
    this.models = page.getByRole('table', { name: 'Trained and registered models' });
  }

  async goto(): Promise<void> {
    await new AppShellPage(this.page).go('Fine-tune');
  }

  async fillRun(run: {
    version: RegExp;
    trainer: 'OpenAI' | 'Together AI';
    provider: string;
    baseModel: string;
    suffix?: string;
  }): Promise<void> {
    await choose(this.page, this.form, 'Dataset version', run.version);
    await this.form.getByRole('radio', { name: run.trainer, exact: true }).check();
    await choose(this.page, this.form, 'Provider', run.provider);
    await this.baseModel.fill(run.baseModel);
    await this.form.getByRole('textbox', { name: 'Suffix (optional)' }).fill(run.suffix ?? '');
  }

  get baseModel(): Locator {
    return this.form.getByRole('combobox', { name: 'Base model' });
  }

  get checkButton(): Locator {
    return this.form.getByRole('button', { name: 'Check and estimate' });
  }

  get startButton(): Locator {
    return this.form.getByRole('button', { name: 'Start training' });
  }

  /** Start asks to confirm with the price; this confirms. */
  async start(): Promise<void> {
    await this.startButton.click();
    const dialog = this.page.getByRole('dialog', { name: 'Start this training run?' });
    await dialog.getByRole('button', { name: 'Start and pay' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  get status(): Locator {
    return this.monitor.getByRole('status', { name: 'Run status' });
  }

  /** One figure of the monitor's "Run details" list, by its label. */
  fact(label: string): Locator {
    return this.monitor
      .locator('dt')
      .filter({ hasText: new RegExp(`^${label}$`) })
      .locator('xpath=following-sibling::dd[1]');
  }

  get lossChart(): Locator {
    return this.monitor.getByRole('img', { name: /^Loss over/ });
  }

  get events(): Locator {
    return this.monitor.getByRole('log', { name: /^Provider event log/ });
  }

  async register(model: {
    provider: string;
    id: string;
    displayName: string;
    baseModel: string;
    version: RegExp;
    notes: string;
  }): Promise<void> {
    const form = this.registerForm;
    await choose(this.page, form, 'Provider', model.provider);
    await form.getByRole('textbox', { name: 'Model id' }).fill(model.id);
    await form.getByRole('textbox', { name: 'Display name (optional)' }).fill(model.displayName);
    await form.getByRole('textbox', { name: 'Base model (optional)' }).fill(model.baseModel);
    await choose(this.page, form, 'Dataset version (optional)', model.version);
    await form.getByRole('textbox', { name: 'Notes (optional)' }).fill(model.notes);
    await form.getByRole('button', { name: 'Register model' }).click();
  }
}
