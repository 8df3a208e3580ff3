import { Chart, Legend, LinearScale, PointElement, ScatterController, Tooltip } from 'chart.js';
import { useCallback, useMemo } from 'react';
import type { EvalCriterion, EvalResults } from '../../../../../shared/api/evaluation';
import { fileSafe, formatScore, modelColor } from '../evalFormat';
import { ChartFrame, whiteBackground } from './ChartFrame';

Chart.register(ScatterController, PointElement, LinearScale, Legend, Tooltip);

/** A small fixed offset per point, so conversations with the same pair of whole-number scores do not hide each other. */
function jitter(i: number): number {
  const x = Math.sin(i * 12.9898 + 78.233) * 43758.5453;
  return (x - Math.floor(x) - 0.5) * 0.3;
}

function pearson(xs: number[], ys: number[]): number | null {
  const n = xs.length;
  if (n < 3) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}

/** One point per conversation with both scores; conversations missing either are left out and counted. */
export function ScatterChart({
  models,
  x,
  y,
  points,
  fileStem,
}: {
  models: string[];
  x: EvalCriterion;
  y: EvalCriterion;
  points: EvalResults['points'];
  fileStem: string;
}) {
  const perModel = useMemo(
    () =>
      models.map((m) => {
        const mine = points.filter((p) => p.model === m);
        const both = mine.flatMap((p) => {
          const a = p.scores[x.id];
          const b = p.scores[y.id];
          return a === null || a === undefined || b === null || b === undefined ? [] : [{ x: a, y: b }];
        });
        return {
          model: m,
          both,
          missing: mine.length - both.length,
          r: pearson(
            both.map((p) => p.x),
            both.map((p) => p.y),
          ),
        };
      }),
    [models, points, x.id, y.id],
  );
  const create = useCallback(
    (canvas: HTMLCanvasElement) =>
      new Chart<'scatter'>(canvas, {
        type: 'scatter',
        data: {
          datasets: perModel.map((d, i) => ({
            label: d.model,
            data: d.both.map((p, j) => ({ x: p.x + jitter(j * 7 + i), y: p.y + jitter(j * 13 + i + 1) })),
            backgroundColor: `${modelColor(i)}99`,
            borderColor: modelColor(i),
            pointRadius: 4,
            pointStyle: (['circle', 'triangle', 'rect', 'rectRot', 'star', 'crossRot'] as const)[i % 6],
          })),
        },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          plugins: {
            legend: { position: 'bottom' },
            tooltip: {
              callbacks: {
                label: (item) =>
                  `${item.dataset.label ?? ''}: ${x.label} ${Math.round(item.parsed.x ?? 0)}, ${y.label} ${Math.round(item.parsed.y ?? 0)}`,
              },
            },
          },
          scales: {
            x: { min: x.scale.min - 0.5, max: x.scale.max + 0.5, title: { display: true, text: x.label }, ticks: { stepSize: 1 } },
            y: { min: y.scale.min - 0.5, max: y.scale.max + 0.5, title: { display: true, text: y.label }, ticks: { stepSize: 1 } },
          },
        },
        plugins: [whiteBackground],
      }),
    [perModel, x, y],
  );
  return (
    <ChartFrame
      title={`${x.label} and ${y.label}`}
      summary={`${x.label} against ${y.label}, one point per conversation: ${perModel.map((d) => `${d.model} ${d.both.length} points${d.r === null ? '' : `, r = ${d.r.toFixed(2)}`}`).join('; ')}.`}
      create={create}
      height={340}
      fileName={`${fileSafe(fileStem)}-scatter.png`}
      note="Points are nudged a little so equal scores stay visible; the table has the exact figures."
      table={{
        caption: `${x.label} and ${y.label}: data`,
        head: ['Model', 'Conversations with both scores', 'Missing either', `Mean ${x.label}`, `Mean ${y.label}`, 'Pearson r'],
        rows: perModel.map((d) => [
          d.model,
          String(d.both.length),
          String(d.missing),
          formatScore(d.both.length ? d.both.reduce((a, p) => a + p.x, 0) / d.both.length : null),
          formatScore(d.both.length ? d.both.reduce((a, p) => a + p.y, 0) / d.both.length : null),
          d.r === null ? '—' : d.r.toFixed(2),
        ]),
      }}
    />
  );
}
