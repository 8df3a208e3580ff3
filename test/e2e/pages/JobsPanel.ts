import type { Locator, Page } from '@playwright/test';

/** The jobs drawer. */
export class JobsPanel {
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Jobs' });
  }

  job(title: string | RegExp): JobCard {
    return new JobCard(this.dialog.getByRole('article', { name: title }));
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.dialog.waitFor({ state: 'hidden' });
  }
}

export class JobCard {
  readonly progress: Locator;
  readonly cancelButton: Locator;
  readonly pauseButton: Locator;
  readonly resumeButton: Locator;
  readonly figures: Locator;

  constructor(readonly root: Locator) {
    this.progress = root.getByRole('progressbar');
    this.cancelButton = root.getByRole('button', { name: 'Cancel', exact: true });
    this.pauseButton = root.getByRole('button', { name: 'Pause', exact: true });
    this.resumeButton = root.getByRole('button', { name: 'Resume', exact: true });
    this.figures = root.getByLabel('Speed test figures');
  }

  status(label: 'Queued' | 'Running' | 'Paused' | 'Succeeded' | 'Failed' | 'Cancelled' | 'Interrupted'): Locator {
    return this.root.getByText(label, { exact: true });
  }

  /** Items finished so far (done + failed), from the progress bar's value. */
  async finished(): Promise<number> {
    return Number(await this.progress.getAttribute('aria-valuenow'));
  }
}
