import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../../../src/main/core/evaluation/report/html';
import { buildFixture, MALICIOUS_TITLE } from './fixture';

/** The inline scripts that run (not the JSON data block), in order. */
function runnableScripts(html: string): string[] {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
}

function dataJson(html: string): string {
  const m = /<script type="application\/json" id="data">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('no data block');
  return m[1]!;
}

/** Results-table cells: model, criterion and the cell's inner HTML. */
function resultCells(html: string): { model: string; criterion: string; body: string }[] {
  const table = /<table id="results-table"[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
  return [...table.matchAll(/<td class="cell[^"]*" data-model="([^"]*)" data-criterion="([^"]*)">([\s\S]*?)<\/td>/g)].map((m) => ({
    model: m[1]!,
    criterion: m[2]!,
    body: m[3]!,
  }));
}

describe('renderReportHtml', () => {
  const input = buildFixture();
  const html = renderReportHtml(input);

  it('loads nothing from the network and has a strict CSP that allows exactly its own scripts', () => {
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/<(img|iframe|object|embed)\b/i);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toBeDefined();
    const directives = csp!.replace(/&#39;/g, "'");
    expect(directives).toContain("default-src 'none'");
    expect(directives).toContain('img-src data:');
    expect(directives).toContain("style-src 'unsafe-inline'");
    const scripts = runnableScripts(html);
    expect(scripts).toHaveLength(5); // chart.js, three plugins, the page script
    const allowed = /script-src ([^;]+)/.exec(directives)![1]!.trim().split(/\s+/);
    expect(allowed).toEqual(scripts.map((s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`));
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  });

  it('escapes text people and models wrote', () => {
    expect(html).not.toMatch(/<script>alert/i);
    expect(html).toContain('Exam panic &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Be warm &amp; &lt;precise&gt;.');
    expect(dataJson(html)).not.toContain('<');
  });

  it('embeds one data JSON that parses back to the results', () => {
    expect(html.match(/type="application\/json"/g)).toHaveLength(1);
    const data = JSON.parse(dataJson(html)) as { results: unknown; scenarios: { title: string }[] };
    expect(data.results).toEqual(input.results);
    expect(data.scenarios.map((s) => s.title)).toContain(MALICIOUS_TITLE);
  });

  it('marks the winner only where the lead is significant, with the Holm footnote', () => {
    const cells = resultCells(html);
    expect(cells).toHaveLength(3 * 5);
    const starred = cells.filter((c) => c.body.includes('★'));
    expect(starred.map((c) => [c.model, c.criterion])).toEqual([['Hybrid', 'empathy-relevance.empathy']]);
    const hybridEmpathy = input.results.stats.Hybrid!['empathy-relevance.empathy']!;
    expect(starred[0]!.body).toContain(
      `${hybridEmpathy.mean!.toFixed(2)}</span> <span class="ci">[${hybridEmpathy.ci!.low.toFixed(2)}, ${hybridEmpathy.ci!.high.toFixed(2)}]`,
    );
    expect(html).toContain('significant after Holm at α = 0.05');
    const realEmpathy = cells.find((c) => c.model === 'Real-only' && c.criterion === 'empathy-relevance.empathy')!;
    expect(realEmpathy.body).toContain('missing 1');
  });

  it('shows W beside p, median and IQR in the main table, one minus sign, and explains an interval that excludes 0 beside a non-significant test', () => {
    const input = buildFixture();
    const odd = input.results.comparisons.find((c) => !c.significant)!;
    odd.ci = { low: -0.9, high: -0.1 };
    odd.meanDifference = -0.5;
    const page = renderReportHtml(input);
    const comparisons = /<section id="comparisons">[\s\S]*?<\/section>/.exec(page)![0];
    expect(comparisons).toContain('<th scope="col">W</th><th scope="col">Wilcoxon p</th>');
    expect(comparisons).toContain('[\u22120.90, \u22120.10] <span class="mark"');
    expect(comparisons).toContain('the interval is a bootstrap of the <em>mean</em> difference');
    expect(resultCells(page)[0]!.body).toMatch(/median [\d.]+ \(IQR [\d.]+–[\d.]+\)/);
    // Tables use U+2212 for negative numbers, never a hyphen before a digit.
    const tables = [...page.matchAll(/<table[\s\S]*?<\/table>/g)].map((m) => m[0]).join('');
    expect(tables).not.toMatch(/[>\s[(]-\d/);
  });

  it('marks nothing when no lead is significant', () => {
    const noWinner = buildFixture();
    noWinner.results.winners['empathy-relevance.empathy'] = null;
    expect(resultCells(renderReportHtml(noWinner)).filter((c) => c.body.includes('★'))).toHaveLength(0);
  });

  it('has the sections and one canvas per chart, the radar and scatter only when their criteria exist', () => {
    for (const id of ['summary', 'results', 'comparisons', 'safety', 'ctrs', 'reliability', 'charts', 'method', 'scenarios'])
      expect(html).toContain(`<section id="${id}">`);
    const canvases = [...html.matchAll(/<canvas id="chart-([^"]+)"/g)].map((m) => m[1]);
    expect(canvases).toEqual([
      'bars-empathy-relevance',
      'bars-ctrs',
      'box-empathy-relevance',
      'box-ctrs',
      'heatmap-scenarios',
      'radar-ctrs',
      'scatter-empathy-relevance',
    ]);
    expect(html.match(/>Save as PNG</g)).toHaveLength(7);
    // Open in the file, so print shows them even without scripts; the page script folds them on screen.
    expect(html.match(/<details class="data-table" open>/g)).toHaveLength(7);

    const plain = buildFixture();
    plain.results.criteria = plain.results.criteria.filter((c) => c.id === 'empathy-relevance.empathy');
    plain.results.ctrs = null;
    const other = renderReportHtml(plain);
    expect([...other.matchAll(/<canvas id="chart-([^"]+)"/g)].map((m) => m[1])).toEqual([
      'bars-empathy-relevance',
      'box-empathy-relevance',
      'heatmap-scenarios',
    ]);
    expect(other).not.toContain('<section id="ctrs">');
  });

  it('states the method: hashes, model ids, lineage, prompt and rubric versions, seeds, simulator and judge', () => {
    const method = /<section id="method">[\s\S]*?<\/section>/.exec(html)![0];
    for (const text of [
      input.method.setHash,
      'ft:gpt-4o-mini-2024-07-18:lab::hyb01',
      'Real + synthetic v5',
      input.method.datasets[2]!.datasetHash!.slice(0, 12),
      'judge v4',
      'Cognitive Therapy Rating Scale (CTRS) (<code>ctrs</code>) v1',
      '(1, 2)',
      'gpt-4o-2024-08-06',
      'qwen2.5-72b-instruct',
      '2,000 resamples',
      'Hybrid Data Studio 0.1.0',
      '2026-11-24T14:05:00.000Z',
    ])
      expect(method).toContain(text);
  });
});
