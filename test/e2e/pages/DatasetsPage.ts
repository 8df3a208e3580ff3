import type { Locator, Page } from '@playwright/test';
import { AppShellPage } from './AppShellPage';

/** Datasets: the list, the mix form, versions and the version tabs. */
export class DatasetsPage {
  readonly list: Locator;
  readonly versions: Locator;
  readonly preview: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByRole('navigation', { name: 'Datasets' });
    this.versions = page.getByRole('table', { name: 'Versions' });
    this.preview = page.getByRole('region', { name: 'Preview' });
  }

  async goto(): Promise<void> {
    await new AppShellPage(this.page).go('Datasets');
  }

  /** Fills a new dataset's name and mix and previews it; `share` is the synthetic percentage of a hybrid. */
  async startNew(
    name: string,
    mix: 'Real only' | 'Synthetic only' | 'Hybrid',
    options: { total?: number; share?: number } = {},
  ): Promise<void> {
    await this.page.getByRole('button', { name: 'New dataset' }).click();
    const form = this.page.getByRole('region', { name: 'New dataset' });
    await form.getByRole('textbox', { name: 'Name' }).fill(name);
    await form.getByRole('radiogroup', { name: 'Mix' }).getByText(mix, { exact: true }).click();
    if (options.share !== undefined) {
      const slider = form.getByRole('slider');
      await slider.focus();
      // The slider moves in steps of 5% from 50%.
      const steps = Math.round((options.share - 50) / 5);
      for (let i = 0; i < Math.abs(steps); i++) await slider.press(steps > 0 ? 'ArrowRight' : 'ArrowLeft');
    }
    if (options.total !== undefined) await form.getByRole('textbox', { name: 'Examples' }).fill(String(options.total));
    await form.getByRole('button', { name: 'Preview the mix' }).click();
    await this.preview.waitFor();
  }

  async confirmNew(): Promise<void> {
    await this.page.getByRole('region', { name: 'New dataset' }).getByRole('button', { name: 'Create dataset' }).click();
  }

  async freeze(note?: string): Promise<void> {
    const mix = this.page.getByRole('region', { name: 'Mix' });
    if (note) await mix.getByRole('textbox', { name: 'Note for the version' }).fill(note);
    await mix.getByRole('button', { name: /^Freeze as version/ }).click();
  }

  version(n: number): Locator {
    return this.page.getByRole('region', { name: `Version ${n}` });
  }

  async tab(n: number, name: 'Statistics' | 'Examples' | 'Validate' | 'Export' | 'Compare versions'): Promise<Locator> {
    const region = this.version(n);
    await region.getByRole('tab', { name }).click();
    return region;
  }
}
