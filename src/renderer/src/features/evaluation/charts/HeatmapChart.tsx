import { CategoryScale, Chart, Tooltip } from 'chart.js';
import { MatrixController, MatrixElement, type MatrixDataPoint } from 'chartjs-chart-matrix';
import { useCallback, useMemo } from 'react';
import type { EvalCriterion, EvalResults } from '../../../../../shared/api/evaluation';
import { fileSafe, formatScore } from '../evalFormat';
import { ChartFrame, whiteBackground } from './ChartFrame';

Chart.register(MatrixController, MatrixElement, CategoryScale, Tooltip);

type Cell = MatrixDataPoint & { v: number | undefined; scenario: string };

const MISSING = '#dee2e6';

/** White to deep teal over the criterion's scale: darker is better. */
function shade(v: number, min: number, max: number): string {
  const t = max > min ? Math.min(1, Math.max(0, (v - min) / (max - min))) : 0.5;
  const from = [247, 252, 250];
  const to = [11, 72, 65];
  const c = from.map((f, i) => Math.round(f + (to[i]! - f) * t));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

const shorten = (s: string, n = 34) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Each scenario's mean score per model for one criterion; a cell without a score is grey and says "missing", never 0. */
export function HeatmapChart({
  models,
  criterion,
  perScenario,
  fileStem,
}: {
  models: string[];
  criterion: EvalCriterion;
  perScenario: EvalResults['perScenario'];
  fileStem: string;
}) {
  const { min, max } = criterion.scale;
  // Scenario titles can repeat; the row label carries a number so each row is its own.
  const rows = useMemo(() => perScenario.map((s, i) => ({ ...s, label: `${i + 1}. ${s.title}` })), [perScenario]);
  const cells = useMemo<Cell[]>(
    () => rows.flatMap((s) => models.map((m) => ({ x: m, y: s.label, scenario: s.title, v: s.means[m]?.[criterion.id] ?? undefined }))),
    [rows, models, criterion.id],
  );
  const missing = cells.filter((c) => c.v === undefined).length;
  const create = useCallback(
    (canvas: HTMLCanvasElement) =>
      new Chart<'matrix', Cell[]>(canvas, {
        type: 'matrix',
        data: {
          datasets: [
            {
              label: criterion.label,
              data: cells,
              backgroundColor: (ctx) => {
                const v = (ctx.raw as Cell | undefined)?.v;
                return v === undefined ? MISSING : shade(v, min, max);
              },
              borderColor: '#ffffff',
              borderWidth: 1,
              width: ({ chart }) => Math.max(4, (chart.chartArea?.width ?? 0) / Math.max(1, models.length) - 1),
              height: ({ chart }) => Math.max(4, (chart.chartArea?.height ?? 0) / Math.max(1, rows.length) - 1),
            },
          ],
        },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          plugins: {
            legend: { display: false },
            tooltip: {
              callbacks: {
                title: (items) => (items[0]?.raw as Cell | undefined)?.scenario ?? '',
                label: (item) => {
                  const c = item.raw as Cell;
                  return `${c.x}: ${c.v === undefined ? 'missing (no score)' : formatScore(c.v)}`;
                },
              },
            },
          },
          // The matrix plugin reverses y by default; scenario 1 belongs at the top, as in the table.
          scales: {
            x: { type: 'category', labels: models, position: 'top', offset: true, grid: { display: false } },
            y: {
              type: 'category',
              labels: rows.map((r) => r.label),
              offset: true,
              reverse: false,
              grid: { display: false },
              ticks: { autoSkip: false, font: { size: 11 }, callback: (v) => shorten(rows[Number(v)]?.label ?? '') },
            },
          },
        },
        plugins: [whiteBackground],
      }),
    [cells, criterion.label, models, rows, min, max],
  );
  const scored = cells.filter((c): c is Cell & { v: number } => c.v !== undefined);
  const lowest = scored.reduce<(Cell & { v: number }) | null>((a, c) => (a === null || c.v < a.v ? c : a), null);
  const highest = scored.reduce<(Cell & { v: number }) | null>((a, c) => (a === null || c.v > a.v ? c : a), null);
  const summary =
    `${criterion.label} per scenario and model: ${rows.length} scenarios × ${models.length} models, ${missing} cell${missing === 1 ? '' : 's'} missing.` +
    (lowest && highest
      ? ` Lowest ${formatScore(lowest.v)} (${lowest.x}, ${lowest.scenario}); highest ${formatScore(highest.v)} (${highest.x}, ${highest.scenario}).`
      : '');
  return (
    <ChartFrame
      title={`${criterion.label} per scenario`}
      summary={summary}
      create={create}
      height={Math.max(260, rows.length * 16 + 60)}
      fileName={`${fileSafe(fileStem)}-heatmap-${fileSafe(criterion.id)}.png`}
      note={`Darker is a higher mean score (${min}–${max}). Grey cells have no score: the judge's answer could not be read or the conversation failed.`}
      table={{
        caption: `${criterion.label} per scenario: data`,
        head: ['Scenario', ...models],
        rows: rows.map((s) => [
          s.label,
          ...models.map((m) => {
            const v = s.means[m]?.[criterion.id];
            return v === null || v === undefined ? 'missing' : formatScore(v);
          }),
        ]),
      }}
    />
  );
}
