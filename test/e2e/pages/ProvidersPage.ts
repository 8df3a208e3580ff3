import type { Locator, Page } from '@playwright/test';
import { AppShellPage, choose } from './AppShellPage';

export interface NewProvider {
  preset: string | RegExp;
  name: string;
  baseUrl?: string;
  concurrency?: number;
}

/** Settings → Providers. */
export class ProvidersPage {
  readonly addDialog: Locator;

  constructor(readonly page: Page) {
    this.addDialog = page.getByRole('dialog', { name: 'Add a provider' });
  }

  async goto(): Promise<void> {
    await new AppShellPage(this.page).go('Settings');
    await this.page.getByRole('tab', { name: 'Providers' }).click();
  }

  /** Fills and submits the add form; the dialog stays open when the app refuses the input. */
  async add(provider: NewProvider): Promise<void> {
    await this.page.getByRole('button', { name: 'Add provider' }).first().click();
    const form = this.addDialog;
    await choose(this.page, form, 'Kind of provider', provider.preset);
    await form.getByRole('textbox', { name: 'Name' }).fill(provider.name);
    if (provider.baseUrl !== undefined) await form.getByRole('textbox', { name: 'Base URL' }).fill(provider.baseUrl);
    if (provider.concurrency !== undefined) await form.getByRole('textbox', { name: 'Concurrency' }).fill(String(provider.concurrency));
    await form.getByRole('button', { name: 'Add provider' }).click();
  }

  card(name: string): ProviderCard {
    return new ProviderCard(this.page, this.page.getByRole('article', { name }));
  }
}

export class ProviderCard {
  readonly keyStatus: Locator;
  readonly models: Locator;

  constructor(
    readonly page: Page,
    readonly root: Locator,
  ) {
    this.keyStatus = root.getByTestId('key-status');
    this.models = root.getByRole('list', { name: /^Models at / });
  }

  async setKey(key: string, options: { remember?: boolean } = {}): Promise<void> {
    await this.root.getByRole('button', { name: /^(Set|Replace) key$/ }).click();
    const dialog = this.page.getByRole('dialog', { name: /^API key for / });
    await dialog.getByRole('textbox', { name: 'API key' }).fill(key);
    if (options.remember) await dialog.getByRole('checkbox', { name: 'Remember this key on this computer' }).check();
    await dialog.getByRole('button', { name: 'Save key' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  async testConnection(): Promise<void> {
    await this.root.getByRole('button', { name: 'Test connection' }).click();
  }
}
