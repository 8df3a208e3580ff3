import type { Locator, Page } from '@playwright/test';
import { AppShellPage, choose } from './AppShellPage';

/** The import wizard: choose files → check speakers → cleaning and privacy → import and report. */
export class ImportPage {
  readonly chosenFiles: Locator;
  readonly report: Locator;
  readonly finished: Locator;

  constructor(readonly page: Page) {
    this.chosenFiles = page.getByRole('list', { name: 'Chosen files' }).getByRole('listitem');
    this.report = page.getByRole('list', { name: 'Import report' });
    this.finished = page.getByRole('status').filter({ hasText: /imported from/ });
  }

  async goto(): Promise<void> {
    await new AppShellPage(this.page).go('Import');
    await this.page.getByRole('heading', { name: 'Import', level: 1 }).waitFor();
  }

  /** Picks a whole folder, as the folder button's dialog would. */
  async chooseFolder(dir: string): Promise<void> {
    await this.page.locator('input[aria-label="Transcript folder"]').setInputFiles(dir);
  }

  async chooseFiles(files: string[]): Promise<void> {
    await this.page.locator('input[aria-label="Transcript files"]').setInputFiles(files);
  }

  chosen(name: string): Locator {
    return this.page.getByRole('list', { name: 'Chosen files' }).getByRole('listitem', { name });
  }

  async next(label: RegExp | string): Promise<void> {
    await this.page.getByRole('button', { name: label }).click();
  }

  /** One file's card in the preview step. */
  file(shownPath: string): Locator {
    return this.page.getByRole('region', { name: `Preview of ${shownPath}` });
  }

  async setRole(shownPath: string, fileName: string, speaker: string, role: 'Client' | 'Counselor' | 'Leave out'): Promise<void> {
    await choose(this.page, this.file(shownPath), `Role of ${speaker} in ${fileName}`, role);
  }

  speakers(shownPath: string, fileName: string): Locator {
    return this.file(shownPath).getByRole('table', { name: `Speakers in ${fileName}` });
  }

  /** Maps a CSV's columns in its preview card. */
  async mapCsv(shownPath: string, columns: { speaker: string; text: string; transcriptId?: string; order?: string }): Promise<void> {
    const group = this.file(shownPath).getByRole('group', { name: /^Columns of / });
    await choose(this.page, group, 'Speaker', columns.speaker);
    await choose(this.page, group, 'Text', columns.text);
    if (columns.transcriptId) await choose(this.page, group, 'Transcript id', columns.transcriptId);
    if (columns.order) await choose(this.page, group, 'Order', columns.order);
    await group.getByRole('button', { name: 'Use these columns' }).click();
  }

  async setRedaction(choice: 'Off' | 'Detect for review' | 'Apply all now'): Promise<void> {
    await this.page.getByRole('radiogroup', { name: 'Personal details' }).getByText(choice, { exact: true }).click();
  }

  async addTag(tag: string): Promise<void> {
    const input = this.page.getByRole('combobox', { name: 'Tags for the imported sessions' });
    await input.fill(tag);
    await input.press('Enter');
  }

  async start(): Promise<void> {
    await this.page.getByRole('button', { name: /^Import \d+ transcripts?$/ }).click();
  }

  fileReport(name: string): Locator {
    return this.report.getByRole('listitem', { name: `Report for ${name}` });
  }

  async openInLibrary(): Promise<void> {
    await this.page.getByRole('button', { name: 'Open in library' }).click();
  }
}
