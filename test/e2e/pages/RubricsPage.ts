import type { Locator, Page } from '@playwright/test';

export interface CriterionFields {
  name: string;
  lookFor: string;
  /** Descriptions of the anchors the new criterion starts with (scores 1, 3 and 5). */
  anchors: string[];
}

/** Rubrics: the list (built-in and the project's own) and the editor or the read-only view. */
export class RubricsPage {
  readonly projectRubrics: Locator;
  readonly builtInRubrics: Locator;
  readonly editor: Locator;
  readonly details: Locator;
  readonly problems: Locator;
  readonly saved: Locator;

  constructor(readonly page: Page) {
    this.projectRubrics = page.getByRole('navigation', { name: 'Project rubrics' });
    this.builtInRubrics = page.getByRole('navigation', { name: 'Built-in rubrics' });
    this.editor = page.getByRole('region', { name: 'Rubric editor' });
    this.details = page.getByRole('region', { name: 'Rubric details' });
    this.problems = page.getByRole('alert', { name: /^Not saved: .* to fix$/ });
    this.saved = page.getByRole('status', { name: 'Rubric saved' });
  }

  async goto(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /^Rubrics/ })
      .click();
  }

  criterion(n: number): Locator {
    return this.editor.getByRole('group', { name: new RegExp(`^Criterion ${n}\\b`) });
  }

  async fillCriterion(n: number, fields: CriterionFields): Promise<void> {
    const c = this.criterion(n);
    await c.getByRole('textbox', { name: 'Name' }).fill(fields.name);
    await c.getByRole('textbox', { name: 'What the judge looks for' }).fill(fields.lookFor);
    const meanings = c.getByRole('textbox', { name: 'What this score means' });
    for (const [i, text] of fields.anchors.entries()) await meanings.nth(i).fill(text);
  }
}
