import type { Locator, Page } from '@playwright/test';

export class LibraryPage {
  readonly table: Locator;
  readonly sessionRows: Locator;
  readonly emptyState: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Sessions' });
    this.sessionRows = this.table.getByRole('row').filter({ has: page.getByRole('link') });
    this.emptyState = page.getByText('No sessions yet');
  }

  async openSession(title: string | RegExp): Promise<SessionPage> {
    await this.table.getByRole('link', { name: title }).click();
    return new SessionPage(this.page);
  }
}

/** One session shown as a conversation. */
export class SessionPage {
  readonly conversation: Locator;
  readonly turns: Locator;
  readonly systemPrompt: Locator;

  constructor(readonly page: Page) {
    this.conversation = page.getByRole('list', { name: 'Conversation' });
    this.turns = this.conversation.getByRole('listitem');
    this.systemPrompt = page.getByRole('button', { name: 'System prompt' });
  }

  turnsBy(speaker: 'Client' | 'Counselor'): Locator {
    return this.turns.filter({ hasText: new RegExp(`^${speaker}`, 'i') });
  }
}
