import { expect, type Locator, type Page } from '@playwright/test';
import type { StudyStepId } from '../../../src/shared/api/study';
import { AppShellPage } from './AppShellPage';

/** The Study home: the experiment's checklist, one card per step, the next one marked as the current step. */
export class StudyPage {
  readonly steps: Locator;
  readonly current: Locator;

  constructor(readonly page: Page) {
    this.steps = page.getByRole('list', { name: 'Study steps' });
    this.current = this.steps.locator('[aria-current="step"]');
  }

  async goto(): Promise<void> {
    await new AppShellPage(this.page).go('Study');
    await this.steps.waitFor();
  }

  step(id: StudyStepId): Locator {
    return this.steps.locator(`[data-step="${id}"]`);
  }

  warnings(id: StudyStepId): Locator {
    return this.step(id).getByRole('note');
  }

  /** Goes to the Study home and presses the next step's button, which must say `label`. */
  async followNext(step: StudyStepId, label: string | RegExp): Promise<void> {
    await this.goto();
    await expect(this.current).toHaveAttribute('data-step', step);
    const button = this.current.getByRole('link', { name: label });
    await button.click();
  }
}
