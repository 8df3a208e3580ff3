// One <figure> per chart spec: a canvas the page script draws into, a "Save as PNG" link it fills
// in, and the chart's numbers as a table for screen readers, print and copy-paste.
import type { BarsChart, BoxChart, ChartSpec, HeatmapChart, RadarChart, ScatterChart } from './chartSpecs';
import { esc, num } from './format';

const FIGURE_HEIGHT = 340;

export function chartsSection(specs: ChartSpec[], fileSlug: string): string {
  if (specs.length === 0) return '';
  return `<section id="charts">
<h2>Charts</h2>
<p>Each chart has its numbers in a table below it, and can be saved as a PNG.</p>
${specs.map((spec) => chartFigure(spec, fileSlug)).join('\n')}
</section>`;
}

function chartFigure(spec: ChartSpec, fileSlug: string): string {
  const height =
    spec.kind === 'heatmap' ? Math.max(FIGURE_HEIGHT, 60 + 28 * spec.scenarios.length) : spec.kind === 'radar' ? 420 : FIGURE_HEIGHT;
  const picker =
    spec.kind === 'heatmap'
      ? `<p class="picker"><label>Criterion <select data-heatmap-for="${esc(spec.id)}">${spec.criteria.map((c) => `<option value="${esc(c.id)}"${c.id === spec.initial ? ' selected' : ''}>${esc(c.label)}</option>`).join('')}</select></label></p>`
      : '';
  return `<figure class="chart" id="figure-${esc(spec.id)}">
<figcaption>${esc(spec.title)}</figcaption>
${picker}
<div class="canvas-box" style="height:${height}px"><canvas id="chart-${esc(spec.id)}" role="img" aria-label="${esc(spec.title)}. The same numbers are in the data table below."></canvas></div>
<p class="chart-actions"><a data-png-for="${esc(spec.id)}" download="${esc(`${fileSlug}-${spec.id}.png`)}" href="#" hidden>Save as PNG</a></p>
<details class="data-table" open><summary>Data table</summary>
${dataTables(spec)}
</details>
</figure>`;
}

function dataTables(spec: ChartSpec): string {
  switch (spec.kind) {
    case 'bars':
      return barsTable(spec);
    case 'box':
      return boxTable(spec);
    case 'heatmap':
      return heatmapTables(spec);
    case 'radar':
      return radarTable(spec);
    case 'scatter':
      return scatterTable(spec);
  }
}

function head(first: string, columns: string[]): string {
  return `<thead><tr><th scope="col">${esc(first)}</th>${columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr></thead>`;
}

function barsTable(spec: BarsChart): string {
  const rows = spec.series.map(
    (s) =>
      `<tr><th scope="row">${esc(s.model)}</th>${s.values.map((v) => `<td class="n">${v ? `${num(v.mean)} [${num(v.low)}, ${num(v.high)}]` : '—'}</td>`).join('')}</tr>`,
  );
  return `<table>${head(
    'Model',
    spec.criteria.map((c) => c.label),
  )}<tbody>${rows.join('')}</tbody></table>`;
}

function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

function boxTable(spec: BoxChart): string {
  const rows = spec.series.flatMap((s) =>
    s.values.map((values, i) => {
      const sorted = [...values].sort((a, b) => a - b);
      const cells = [sorted[0], quantile(sorted, 0.25), quantile(sorted, 0.5), quantile(sorted, 0.75), sorted.at(-1)]
        .map((v) => `<td class="n">${num(v)}</td>`)
        .join('');
      return `<tr><th scope="row">${esc(s.model)}</th><td>${esc(spec.criteria[i]?.label ?? '')}</td><td class="n">${values.length}</td>${cells}</tr>`;
    }),
  );
  return `<table>${head('Model', ['Criterion', 'n', 'Min', 'Q1', 'Median', 'Q3', 'Max'])}<tbody>${rows.join('')}</tbody></table>`;
}

function heatmapTables(spec: HeatmapChart): string {
  return spec.criteria
    .map((c) => {
      const rows = spec.scenarios.map(
        (s, r) =>
          `<tr><th scope="row">${esc(s.label)}</th>${spec.models.map((_, m) => `<td class="n">${num(spec.values[c.id]?.[r]?.[m])}</td>`).join('')}</tr>`,
      );
      return `<table data-heatmap-table="${esc(c.id)}"><caption>${esc(c.label)}</caption>${head('Scenario', spec.models)}<tbody>${rows.join('')}</tbody></table>`;
    })
    .join('\n');
}

function radarTable(spec: RadarChart): string {
  const rows = spec.criteria.map(
    (c, i) => `<tr><th scope="row">${esc(c.label)}</th>${spec.series.map((s) => `<td class="n">${num(s.values[i])}</td>`).join('')}</tr>`,
  );
  return `<table>${head(
    'CTRS item',
    spec.series.map((s) => s.model),
  )}<tbody>${rows.join('')}</tbody></table>`;
}

function scatterTable(spec: ScatterChart): string {
  const rows = spec.series.flatMap((s) =>
    s.points.map(
      (p) =>
        `<tr><th scope="row">${esc(s.model)}</th><td>${esc(p.scenarioTitle)}</td><td class="n">${p.seed}</td><td class="n">${num(p.x)}</td><td class="n">${num(p.y)}</td></tr>`,
    ),
  );
  return `<table>${head('Model', ['Scenario', 'Seed', spec.x.label, spec.y.label])}<tbody>${rows.join('')}</tbody></table>`;
}
