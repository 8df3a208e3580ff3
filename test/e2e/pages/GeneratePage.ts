import type { Locator, Page } from '@playwright/test';
import { AppShellPage, choose } from './AppShellPage';

export interface RunFields {
  provider: string;
  model: string;
}

/** Generate: personas, scenarios and sessions, one tab each. */
export class GeneratePage {
  readonly coverageGrid: Locator;
  readonly coverageSummary: Locator;
  readonly personaList: Locator;
  readonly scenarioList: Locator;

  constructor(readonly page: Page) {
    this.coverageGrid = page.getByRole('table', { name: 'Coverage grid' });
    this.coverageSummary = page.getByRole('status', { name: 'Coverage summary' });
    this.personaList = page.getByRole('region', { name: 'Personas' });
    this.scenarioList = page.getByRole('list', { name: 'Scenario list' });
  }

  async goto(): Promise<void> {
    await new AppShellPage(this.page).go('Generate');
  }

  async step(name: 'Personas' | 'Scenarios' | 'Sessions'): Promise<void> {
    await this.page.getByRole('tab', { name: new RegExp(name) }).click();
  }

  /** The form section of a step: "New personas", "New scenarios" or "New sessions". */
  form(name: 'New personas' | 'New scenarios' | 'New sessions'): Locator {
    return this.page.getByRole('region', { name });
  }

  async fillRun(form: Locator, run: RunFields): Promise<void> {
    await choose(this.page, form, 'Generator provider', run.provider);
    await form.getByRole('combobox', { name: 'Generator model' }).fill(run.model);
  }

  async choosePersonaCells(distortions: string[], styles: string[], count: number): Promise<void> {
    const form = this.form('New personas');
    for (const d of distortions) await form.getByRole('checkbox', { name: d, exact: true }).check();
    for (const s of styles) await form.getByRole('checkbox', { name: s, exact: true }).check();
    await form.getByRole('textbox', { name: 'How many personas' }).fill(String(count));
  }

  estimate(form: Locator): Locator {
    return form.getByRole('status', { name: /estimate$/ });
  }

  /** The job a step started, shown under its form. */
  job(form: Locator): Locator {
    return form.getByRole('article');
  }

  gaps(): Locator {
    return this.coverageGrid.getByRole('cell', { name: /: gap$/ });
  }
}
