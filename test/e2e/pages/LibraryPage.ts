import type { Locator, Page } from '@playwright/test';
import { AppShellPage, choose } from './AppShellPage';
import { SessionEditorPage } from './SessionEditorPage';

/** The library: a virtualized table of sessions, its filters and the bulk actions on a selection. */
export class LibraryPage {
  readonly table: Locator;
  readonly sessionRows: Locator;
  readonly emptyState: Locator;
  readonly noResults: Locator;
  readonly search: Locator;
  readonly bulkBar: Locator;
  readonly lastChange: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Sessions' });
    this.sessionRows = this.table.getByRole('row').filter({ has: page.getByRole('link') });
    this.emptyState = page.getByText('No sessions yet');
    this.noResults = page.getByText('No sessions match');
    this.search = page.getByRole('searchbox', { name: 'Search' });
    this.bulkBar = page.getByRole('group', { name: 'Actions on the selected sessions' });
    this.lastChange = page.getByRole('status', { name: 'Last change' });
  }

  async goto(): Promise<void> {
    await new AppShellPage(this.page).go('Library');
    await this.table.or(this.emptyState).or(this.noResults).first().waitFor();
  }

  row(title: string | RegExp): Locator {
    return this.sessionRows.filter({ has: this.page.getByRole('link', { name: title }) });
  }

  async openSession(title: string | RegExp): Promise<SessionEditorPage> {
    await this.table.getByRole('link', { name: title }).click();
    const editor = new SessionEditorPage(this.page);
    await editor.conversation.waitFor();
    return editor;
  }

  async filter(label: 'Source' | 'Status' | 'Tag', option: string | RegExp): Promise<void> {
    await choose(this.page, this.page, label, option);
  }

  /** Ticks a row; with `range`, shift-clicks it to select everything from the last ticked row. */
  async select(title: string | RegExp, options: { range?: boolean } = {}): Promise<void> {
    const box = this.row(title).getByRole('checkbox');
    await box.click(options.range ? { modifiers: ['Shift'] } : undefined);
  }

  async selectAllMatching(): Promise<void> {
    await this.table.getByRole('checkbox', { name: /^Select all \d+ matching sessions$/ }).click();
  }

  async addTag(tag: string): Promise<void> {
    await this.bulkBar.getByRole('button', { name: 'Add tag' }).click();
    await this.page.getByRole('combobox', { name: 'Tag to add' }).fill(tag);
    await this.page.getByRole('button', { name: /^Add to \d+ sessions?$/ }).click();
  }

  async undoLastChange(): Promise<void> {
    await this.lastChange.getByRole('button', { name: 'Undo' }).click();
  }

  async findAndReplace(): Promise<FindReplaceDialog> {
    await this.bulkBar.getByRole('button', { name: 'Find and replace…' }).click();
    const dialog = new FindReplaceDialog(this.page);
    await dialog.root.waitFor();
    return dialog;
  }
}

export class FindReplaceDialog {
  readonly root: Locator;
  readonly changes: Locator;
  readonly summary: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog', { name: 'Find and replace' });
    this.changes = this.root.getByRole('list', { name: 'Changes' }).getByRole('listitem');
    this.summary = this.root.getByRole('status');
  }

  async preview(find: string, replace: string, options: { matchCase?: boolean; wholeWord?: boolean } = {}): Promise<void> {
    await this.root.getByRole('textbox', { name: 'Find' }).fill(find);
    await this.root.getByRole('textbox', { name: 'Replace with' }).fill(replace);
    if (options.matchCase) await this.root.getByRole('checkbox', { name: 'Match case' }).check();
    if (options.wholeWord) await this.root.getByRole('checkbox', { name: 'Whole words only' }).check();
    await this.root.getByRole('button', { name: 'Preview' }).click();
  }

  async apply(): Promise<void> {
    await this.root.getByRole('button', { name: /^Replace \d+ match(es)?$/ }).click();
    await this.root.waitFor({ state: 'hidden' });
  }
}

/** Kept for the specs written before the editor: the session screen is the editor now. */
export { SessionEditorPage as SessionPage };
