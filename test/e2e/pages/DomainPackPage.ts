import type { Locator, Page } from '@playwright/test';
import { GeneratePage } from './GeneratePage';

/** Generate → Domain pack: the project's taxonomy as sections of labelled items. */
export class DomainPackPage {
  readonly actions: Locator;
  readonly saveState: Locator;
  readonly problems: Locator;
  readonly json: Locator;

  constructor(readonly page: Page) {
    this.actions = page.getByRole('region', { name: 'Domain pack actions' });
    this.saveState = page.getByRole('status', { name: 'Pack save state' });
    this.problems = page.getByRole('alert', { name: /^Not saved: .* to fix$/ });
    this.json = page.getByRole('textbox', { name: 'The whole pack as JSON' });
  }

  async goto(): Promise<void> {
    await new GeneratePage(this.page).goto();
    await this.page.getByRole('tab', { name: /Domain pack/ }).click();
  }

  /** The accordion button of a section ("Cognitive distortions 13"), inside its heading. */
  section(title: string): Locator {
    return this.page.getByRole('heading', { level: 3, name: new RegExp(`^${title}`) }).getByRole('button');
  }

  async openSection(title: string): Promise<void> {
    const control = this.section(title);
    if ((await control.getAttribute('aria-expanded')) !== 'true') await control.click();
  }

  /** One item's fieldset, by its legend: "Distortion 14", "Distortion 14: Hindsight Bias". */
  item(legend: string | RegExp): Locator {
    return this.page.getByRole('group', { name: legend });
  }

  async save(): Promise<void> {
    await this.actions.getByRole('button', { name: 'Save pack' }).click();
  }

  async toggleJson(): Promise<void> {
    await this.actions.getByRole('switch', { name: 'Advanced: edit as JSON' }).click();
  }

  async discard(): Promise<void> {
    await this.actions.getByRole('button', { name: 'Discard changes' }).click();
    await this.page.getByRole('dialog', { name: 'Discard your changes?' }).getByRole('button', { name: 'Discard changes' }).click();
  }

  async resetToBuiltIn(): Promise<void> {
    await this.actions.getByRole('button', { name: 'Reset to built-in CBT pack' }).click();
    await this.page
      .getByRole('dialog', { name: 'Reset to the built-in CBT pack?' })
      .getByRole('button', { name: 'Reset the pack' })
      .click();
  }
}
