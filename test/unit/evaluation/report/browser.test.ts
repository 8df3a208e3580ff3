// Opens the report in the real Chromium (Debian's, as the e2e tests use it) from a file:// URL and
// checks that every chart is drawn, with no console error, no CSP violation and no request leaving
// the file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../../../src/main/core/evaluation/report/html';
import type { ReportInput } from '../../../../src/main/core/evaluation/report/reportInput';
import { buildFixture } from './fixture';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

function chromiumPath(): string {
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const path = execFileSync('which', [name], { encoding: 'utf8' }).trim();
      if (path) return path;
    } catch {
      // try the next name
    }
  }
  throw new Error('No `chromium` on PATH. Install it (Debian: apt-get install chromium); Playwright does not download browsers here.');
}

// The page's globals as these tests use them (this project's Node tsconfig has no DOM types).
interface El {
  id: string;
  width: number;
  height: number;
  hidden: boolean;
  href: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
}
interface ChartLike {
  config: { type: string };
  data: { labels?: unknown[]; datasets: { label?: string; data: { v?: number | null }[] }[] };
}
interface PageGlobals {
  document: { querySelectorAll(selector: string): Iterable<El>; body: El };
  Chart: { getChart(canvasOrId: El | string): ChartLike | undefined };
}

interface Opened {
  page: Page;
  problems: string[];
  requests: string[];
}

describe('the report in Chromium', { timeout: 60_000 }, () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'report-browser-'));
    browser = await chromium.launch({ executablePath: chromiumPath(), args: ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(input: ReportInput, name: string): Promise<Opened> {
    const file = join(dir, `${name}.html`);
    writeFileSync(file, renderReportHtml(input));
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`${msg.type()}: ${msg.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.waitForSelector('html[data-charts]', { state: 'attached', timeout: 10_000 }).catch((error: Error) => {
      throw new Error(`The page script never finished: ${error.message}\n${problems.join('\n')}`);
    });
    return { page, problems, requests };
  }

  it('draws every chart with the right datasets, and nothing fails or leaves the file', async () => {
    const input = buildFixture();
    const { page, problems, requests } = await open(input, 'full');
    expect(await page.getAttribute('html', 'data-charts')).toBe('ready');

    const charts = await page.evaluate(() => {
      const w = globalThis as unknown as PageGlobals;
      return [...w.document.querySelectorAll('canvas')].map((canvas) => {
        const chart = w.Chart.getChart(canvas);
        return {
          id: canvas.id,
          type: chart?.config.type ?? null,
          labels: chart?.data.labels?.length ?? null,
          datasets: chart?.data.datasets.map((d) => ({ label: d.label, points: d.data.length })) ?? null,
          drawn: canvas.width > 0 && canvas.height > 0,
        };
      });
    });
    expect(charts.map((c) => [c.id, c.type])).toEqual([
      ['chart-bars-empathy-relevance', 'barWithErrorBars'],
      ['chart-bars-ctrs', 'barWithErrorBars'],
      ['chart-box-empathy-relevance', 'boxplot'],
      ['chart-box-ctrs', 'boxplot'],
      ['chart-heatmap-scenarios', 'matrix'],
      ['chart-radar-ctrs', 'radar'],
      ['chart-scatter-empathy-relevance', 'scatter'],
    ]);
    expect(charts.every((c) => c.drawn)).toBe(true);

    const byId = Object.fromEntries(charts.map((c) => [c.id, c]));
    // Box plots: one dataset per model, one box per criterion of the rubric.
    expect(byId['chart-box-empathy-relevance']!.datasets).toEqual(input.results.models.map((label) => ({ label, points: 2 })));
    expect(byId['chart-box-empathy-relevance']!.labels).toBe(2);
    expect(byId['chart-box-ctrs']!.datasets).toEqual(input.results.models.map((label) => ({ label, points: 3 })));
    expect(byId['chart-box-ctrs']!.labels).toBe(3);
    // Heatmap: one dataset with a cell per scenario × model.
    expect(byId['chart-heatmap-scenarios']!.datasets).toEqual([{ label: 'Empathy', points: 6 * 3 }]);
    expect(byId['chart-bars-empathy-relevance']!.datasets).toHaveLength(3);
    expect(byId['chart-scatter-empathy-relevance']!.datasets!.reduce((n, d) => n + d.points, 0)).toBe(36 - 1); // one conversation has no empathy score

    const pngLinks = await page.evaluate(() =>
      [...(globalThis as unknown as PageGlobals).document.querySelectorAll('a[data-png-for]')].map((a) => ({
        hidden: a.hidden,
        href: a.href.slice(0, 22),
      })),
    );
    expect(pngLinks).toHaveLength(7);
    expect(pngLinks.every((l) => !l.hidden && l.href === 'data:image/png;base64,')).toBe(true);

    // Choosing another criterion redraws the heatmap and shows that criterion's data table.
    await page.selectOption('select[data-heatmap-for="heatmap-scenarios"]', 'empathy-relevance.relevance');
    const after = await page.evaluate(() => {
      const w = globalThis as unknown as PageGlobals;
      const ds = w.Chart.getChart('chart-heatmap-scenarios')!.data.datasets[0]!;
      const visible = [...w.document.querySelectorAll('table[data-heatmap-table]')]
        .filter((t) => !t.hidden)
        .map((t) => t.getAttribute('data-heatmap-table'));
      return { label: ds.label, first: ds.data[0]!.v, visible };
    });
    const firstScenario = input.results.perScenario[0]!.means['Base + prompt']!['empathy-relevance.relevance']!;
    expect(after).toEqual({ label: 'Relevance', first: firstScenario, visible: ['empathy-relevance.relevance'] });

    // The escaped title is shown as text, and no script it carried ran.
    expect(
      await page.evaluate(() =>
        (globalThis as unknown as PageGlobals).document.body.textContent!.includes('Exam panic <script>alert(1)</script>'),
      ),
    ).toBe(true);

    expect(problems).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('file:') && !url.startsWith('data:'))).toEqual([]);
    await page.close();
  });

  it('leaves out the radar and scatter without CTRS or relevance, still without errors', async () => {
    const input = buildFixture();
    input.results.criteria = input.results.criteria.filter((c) => c.id === 'empathy-relevance.empathy');
    input.results.ctrs = null;
    const { page, problems } = await open(input, 'plain');
    expect(await page.getAttribute('html', 'data-charts')).toBe('ready');
    const ids = await page.evaluate(() => [...(globalThis as unknown as PageGlobals).document.querySelectorAll('canvas')].map((c) => c.id));
    expect(ids).toEqual(['chart-bars-empathy-relevance', 'chart-box-empathy-relevance', 'chart-heatmap-scenarios']);
    expect(
      await page.evaluate(() =>
        [...(globalThis as unknown as PageGlobals).document.querySelectorAll('canvas')].every(
          (c) => (globalThis as unknown as PageGlobals).Chart.getChart(c) != null,
        ),
      ),
    ).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('draws a criterion a model has no score on (an empty box, no bar, grey cells) without errors', async () => {
    const input = buildFixture();
    const id = 'ctrs.feedback';
    for (const p of input.results.points) if (p.model === 'Hybrid') p.scores[id] = null;
    input.results.stats.Hybrid![id] = {
      n: 0,
      missing: 12,
      mean: null,
      median: null,
      sd: null,
      q1: null,
      q3: null,
      iqr: null,
      min: null,
      max: null,
      ci: null,
    };
    for (const row of input.results.perScenario) row.means.Hybrid![id] = null;
    const { page, problems } = await open(input, 'empty');
    expect(problems).toEqual([]);
    expect(await page.getAttribute('html', 'data-charts')).toBe('ready');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('folds the chart data tables on screen and prints every section expanded', async () => {
    const { page, problems } = await open(buildFixture(), 'print');
    const visible = (selector: string) =>
      page.evaluate(
        (sel) =>
          [
            ...(
              globalThis as unknown as {
                document: { querySelectorAll(s: string): Iterable<{ getBoundingClientRect(): { height: number } }> };
              }
            ).document.querySelectorAll(sel),
          ].map((el) => el.getBoundingClientRect().height > 0),
        selector,
      );
    expect(await visible('details.data-table table')).toContain(false);
    expect(await visible('#scenarios-table')).toEqual([true]);
    await page.emulateMedia({ media: 'print' });
    const tables = await visible('details.data-table table');
    expect(tables.length).toBeGreaterThan(7);
    expect(tables.every(Boolean)).toBe(true); // every heatmap criterion's table too, not only the one picked
    expect(await visible('#scenarios-table')).toEqual([true]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
