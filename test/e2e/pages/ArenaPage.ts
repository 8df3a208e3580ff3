import type { Locator, Page } from '@playwright/test';
import { choose } from './AppShellPage';

export type Verdict = 'A is better' | 'B is better' | 'Tie' | 'Both are bad';

/** The Arena: saved chats and the new-chat form, a chat's columns and message box, the vote, the leaderboard. */
export class ArenaPage {
  readonly newChat: Locator;
  readonly savedChats: Locator;
  readonly messageBox: Locator;
  readonly sendButton: Locator;
  readonly voteSection: Locator;
  readonly leaderboard: Locator;

  constructor(readonly page: Page) {
    this.newChat = page.getByRole('form', { name: 'New chat' });
    this.savedChats = page.getByRole('region', { name: 'Saved chats' });
    this.messageBox = page.getByRole('textbox', { name: /^Your message/ });
    this.sendButton = page.getByRole('button', { name: /^Send( to all)?$/ });
    this.voteSection = page.getByRole('region', { name: 'Vote' });
    this.leaderboard = page.getByRole('table', { name: 'Leaderboard' });
  }

  /** A column of the new-chat form: "Column 2" in named mode, "Model 1" in blind mode. */
  formColumn(name: string): Locator {
    return this.newChat.getByRole('group', { name });
  }

  async pickModel(name: string, provider: string, model: string): Promise<void> {
    const group = this.formColumn(name);
    await choose(this.page, group, `${name} provider`, provider);
    await group.getByRole('combobox', { name: `${name} model` }).fill(model);
    await this.page.keyboard.press('Escape');
  }

  async mode(mode: 'Named' | 'Blind'): Promise<void> {
    await this.newChat.getByText(mode, { exact: true }).click();
  }

  /** Column n of the open chat (1-based). */
  column(n: number): Locator {
    return this.page.getByRole('region', { name: new RegExp(`^Column ${n}:`) });
  }

  status(n: number): Locator {
    return this.column(n).getByRole('status', { name: /^Status of/ });
  }

  messages(n: number): Locator {
    return this.column(n).getByRole('log');
  }

  /** The answers in column n's active thread, oldest first. */
  answers(n: number): Locator {
    return this.messages(n).getByRole('article', { name: 'Answer' });
  }

  /** Types a message and sends it with Ctrl+Enter, as a person at the keyboard would. */
  async send(text: string): Promise<void> {
    await this.messageBox.fill(text);
    await this.messageBox.press('Control+Enter');
    // The box empties once the backend has taken the turn.
    await this.messageBox.and(this.page.locator('textarea:placeholder-shown')).waitFor();
  }

  verdictButton(verdict: Verdict): Locator {
    return this.voteSection.getByRole('group', { name: 'Your verdict' }).getByRole('button', { name: verdict });
  }
}
