import type { Locator, Page } from '@playwright/test';

/** The project screen (and the welcome screen, which shows the same forms). */
export class ProjectPage {
  readonly createForm: Locator;
  readonly openForm: Locator;
  readonly recent: Locator;

  constructor(readonly page: Page) {
    this.createForm = page.getByRole('form', { name: 'Create a project' });
    this.openForm = page.getByRole('form', { name: 'Open a project' });
    this.recent = page.getByRole('table', { name: 'Recent projects' });
  }

  async create(name: string, file?: string): Promise<void> {
    await this.createForm.getByRole('textbox', { name: 'Project name' }).fill(name);
    if (file) await this.createForm.getByRole('textbox', { name: /Project file/ }).fill(file);
    await this.createForm.getByRole('button', { name: 'Create project' }).click();
  }

  async open(file: string): Promise<void> {
    await this.openForm.getByRole('textbox', { name: /Project file/ }).fill(file);
    await this.openForm.getByRole('button', { name: 'Open project' }).click();
  }

  get openError(): Locator {
    return this.openForm.getByRole('alert');
  }
}
