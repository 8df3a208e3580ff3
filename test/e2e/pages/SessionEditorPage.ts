import type { Locator, Page } from '@playwright/test';

/** One session in the editor: the conversation, its turns, status, and the redaction review. */
export class SessionEditorPage {
  readonly conversation: Locator;
  readonly turns: Locator;
  readonly systemPrompt: Locator;
  readonly title: Locator;
  readonly saved: Locator;
  readonly redactionPanel: Locator;
  readonly history: Locator;
  readonly backToLibrary: Locator;

  constructor(readonly page: Page) {
    this.conversation = page.getByRole('list', { name: 'Conversation' });
    this.turns = this.conversation.getByRole('listitem');
    this.systemPrompt = page.getByRole('button', { name: 'System prompt' });
    this.title = page.getByRole('textbox', { name: 'Title' });
    this.saved = page.getByRole('status').filter({ hasText: /^Saved$/ });
    this.redactionPanel = page.getByRole('region', { name: 'Personal details to review' });
    this.history = page.getByRole('list', { name: 'Edit history' });
    this.backToLibrary = page.getByRole('link', { name: 'Back to the library' });
  }

  turnsBy(speaker: 'Client' | 'Counselor'): Locator {
    return this.conversation.getByRole('listitem', { name: new RegExp(`^Turn \\d+, ${speaker}$`) });
  }

  turn(n: number): Locator {
    return this.conversation.getByRole('listitem', { name: new RegExp(`^Turn ${n},`) });
  }

  /** Replaces a turn's text and leaves the text box. */
  async editTurn(n: number, text: string): Promise<void> {
    await this.turn(n)
      .getByRole('button', { name: `Edit turn ${n}` })
      .click();
    const box = this.page.getByRole('textbox', { name: `Text of turn ${n}` });
    await box.fill(text);
    await box.press('Escape');
  }

  status(label: 'Approve' | 'Needs review' | 'Reject'): Locator {
    return this.page.getByRole('group', { name: 'Status' }).getByRole('button', { name: label });
  }

  /** A detected personal detail in the review panel; ticked means it will be replaced. */
  detection(text: string): Locator {
    return this.redactionPanel.getByRole('checkbox', { name: text });
  }

  async applyRedactions(): Promise<void> {
    await this.redactionPanel.getByRole('button', { name: /^Apply:/ }).click();
    await this.redactionPanel.waitFor({ state: 'detached' });
  }
}
