import { expect, test } from './fixtures';
import { openSampleProject } from './pages/AppShellPage';
import { DatasetsPage } from './pages/DatasetsPage';

// Reads the sample project's datasets screen and changes nothing.

/** What the measuring function below uses of the page; these specs compile without the DOM's types. */
interface PageGlobals {
  getComputedStyle(el: unknown): { fontWeight: string; fontSize: string; fontFamily: string; paddingLeft: string; paddingRight: string };
  document: { createElement(tag: 'canvas'): { getContext(kind: '2d'): { font: string; measureText(text: string): { width: number } } } };
}

/** How far the text a person reads in a field (its value, else its placeholder) runs past the field's inner width. */
function overflowOf(el: unknown): number {
  const field = el as { clientWidth: number; value: string; placeholder: string };
  const page = globalThis as unknown as PageGlobals;
  const style = page.getComputedStyle(field);
  const context = page.document.createElement('canvas').getContext('2d');
  context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const room = field.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return context.measureText(field.value || field.placeholder).width - room;
}

test('the new-dataset form shows its size fields whole in a laptop-width window, placeholder included', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openSampleProject(page);
  const datasets = new DatasetsPage(page);
  await datasets.goto();
  await page.getByRole('button', { name: 'New dataset' }).click();
  const form = page.getByRole('region', { name: 'New dataset' });
  for (const name of ['Same size as…', 'Examples', 'Validation share', 'Seed']) {
    const input = form.getByRole(name === 'Same size as…' ? 'combobox' : 'textbox', { name });
    const overflow = await input.evaluate(overflowOf);
    expect(overflow, name).toBeLessThanOrEqual(0);
  }
});
