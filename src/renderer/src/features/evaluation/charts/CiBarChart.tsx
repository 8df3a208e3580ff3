import { CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { BarWithErrorBar, BarWithErrorBarsController } from 'chartjs-chart-error-bars';
import { useCallback } from 'react';
import type { DescriptiveStats, EvalCriterion } from '../../../../../shared/api/evaluation';
import { fileSafe, formatMeanCi, formatScore, modelColor } from '../evalFormat';
import { ChartFrame, whiteBackground } from './ChartFrame';

Chart.register(BarWithErrorBarsController, BarWithErrorBar, CategoryScale, LinearScale, Legend, Tooltip);

type Stats = Record<string, Record<string, DescriptiveStats>>;

/** Means with their 95% bootstrap intervals, one group of bars per criterion; a criterion nobody scored has no bar. */
export function CiBarChart({
  models,
  criteria,
  stats,
  title,
  fileStem,
}: {
  models: string[];
  criteria: EvalCriterion[];
  stats: Stats;
  title: string;
  fileStem: string;
}) {
  const scale = criteria[0]?.scale ?? { min: 0, max: 10 };
  const create = useCallback(
    (canvas: HTMLCanvasElement) =>
      new Chart<'barWithErrorBars'>(canvas, {
        type: 'barWithErrorBars',
        data: {
          labels: criteria.map((c) => c.label),
          datasets: models.map((m, i) => ({
            label: m,
            backgroundColor: `${modelColor(i)}b3`,
            borderColor: modelColor(i),
            borderWidth: 1,
            errorBarColor: '#222',
            errorBarWhiskerColor: '#222',
            errorBarLineWidth: 1.5,
            errorBarWhiskerSize: 12,
            data: criteria.map((c) => {
              const s = stats[m]?.[c.id];
              const y = s?.mean ?? Number.NaN;
              return { y, yMin: s?.ci?.low ?? y, yMax: s?.ci?.high ?? y };
            }),
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
                  `${item.dataset.label ?? ''}: ${formatMeanCi(stats[String(item.dataset.label)]?.[criteria[item.dataIndex]?.id ?? ''])}`,
              },
            },
          },
          scales: {
            x: { grid: { display: false } },
            y: { min: scale.min, max: scale.max, title: { display: true, text: `mean score (${scale.min}–${scale.max})` } },
          },
        },
        plugins: [whiteBackground],
      }),
    [models, criteria, stats, scale.min, scale.max],
  );
  const summary = `${title}: ${criteria
    .map((c) => `${c.label}: ${models.map((m) => `${m} ${formatMeanCi(stats[m]?.[c.id])}`).join(', ')}`)
    .join('; ')}.`;
  return (
    <ChartFrame
      title={title}
      summary={summary}
      create={create}
      fileName={`${fileSafe(fileStem)}-means.png`}
      note="Bars are means; the lines show each mean's 95% bootstrap interval."
      table={{
        caption: `${title}: data`,
        head: ['Model', ...criteria.flatMap((c) => [`${c.label} mean`, `${c.label} 95% interval`, `${c.label} n (missing)`])],
        rows: models.map((m) => [
          m,
          ...criteria.flatMap((c) => {
            const s = stats[m]?.[c.id];
            return [
              formatScore(s?.mean),
              s?.ci ? `${formatScore(s.ci.low)} – ${formatScore(s.ci.high)}` : '—',
              s ? `${s.n} (${s.missing})` : '—',
            ];
          }),
        ]),
      }}
    />
  );
}
