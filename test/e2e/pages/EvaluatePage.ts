import type { Locator, Page } from '@playwright/test';
import { AppShellPage, choose } from './AppShellPage';

/** Evaluate: scenario sets (generate, import, edit, freeze, leakage), the new-run form, and a run with its results, conversations and report. */
export class EvaluatePage {
  readonly newSetForm: Locator;
  readonly setNav: Locator;
  readonly scenarios: Locator;
  readonly generate: Locator;
  readonly versions: Locator;
  readonly leakage: Locator;
  readonly runForm: Locator;
  readonly run: Locator;
  readonly runs: Locator;

  constructor(readonly page: Page) {
    this.newSetForm = page.getByRole('form', { name: 'New scenario set' });
    this.setNav = page.getByRole('navigation', { name: 'Scenario sets' });
    this.scenarios = page.getByRole('region', { name: 'Scenarios', exact: true });
    this.generate = page.getByRole('region', { name: 'Generate a stratified set' });
    this.versions = page.getByRole('region', { name: 'Versions', exact: true });
    this.leakage = page.getByRole('region', { name: 'Leakage check' });
    this.runForm = page.getByRole('form', { name: 'New run' });
    this.run = page.getByRole('region', { name: 'Evaluation run' });
    this.runs = page.getByRole('table', { name: 'Evaluation runs' });
  }

  async goto(): Promise<void> {
    await new AppShellPage(this.page).go('Evaluate');
  }

  async createSet(name: string): Promise<void> {
    await this.newSetForm.getByRole('textbox', { name: 'New set name' }).fill(name);
    await this.newSetForm.getByRole('button', { name: 'Create set' }).click();
  }

  /** A provider and a model typed into one of the forms' "<label> provider" / "<label> model" pairs. */
  async pickModel(scope: Locator, label: string, provider: string, model: string): Promise<void> {
    await choose(this.page, scope, `${label} provider`, provider);
    await scope.getByRole('combobox', { name: `${label} model` }).fill(model);
    await this.page.keyboard.press('Escape');
  }

  arm(n: number): Locator {
    return this.runForm.getByRole('group', { name: `Arm ${n}` });
  }

  async fillArm(n: number, model: string | RegExp, label: string): Promise<void> {
    const arm = this.arm(n);
    await choose(this.page, arm, 'Model', model);
    await arm.getByRole('combobox', { name: 'Label' }).fill(label);
    await this.page.keyboard.press('Escape');
  }

  /** A tab of the open scenario set. */
  setTab(name: string): Locator {
    return this.page.getByRole('tab', { name, exact: true });
  }

  get freezeButton(): Locator {
    return this.page.getByRole('button', { name: /^Freeze as version \d+$/ });
  }

  get status(): Locator {
    return this.run.getByRole('status', { name: 'Run status' });
  }

  async tab(name: 'Results' | 'Conversations' | 'Report' | 'Plan the next run'): Promise<void> {
    await this.run.getByRole('tab', { name }).click();
  }

  get resultsTable(): Locator {
    return this.run.getByRole('table', { name: 'Scores by model and criterion' });
  }

  get sideBySide(): Locator {
    return this.run.getByRole('table', { name: 'Conversations side by side' });
  }
}
