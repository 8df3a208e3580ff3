import { Chart, Filler, Legend, LineElement, PointElement, RadarController, RadialLinearScale, Tooltip } from 'chart.js';
import { useCallback } from 'react';
import type { DescriptiveStats, EvalCriterion } from '../../../../../shared/api/evaluation';
import { fileSafe, formatScore, modelColor } from '../evalFormat';
import { ChartFrame, whiteBackground } from './ChartFrame';

Chart.register(RadarController, RadialLinearScale, LineElement, PointElement, Filler, Legend, Tooltip);

type Stats = Record<string, Record<string, DescriptiveStats>>;

/** The CTRS profile: each model's mean per item (0-6), to see which parts of a CBT session it does well. */
export function RadarChart({
  models,
  items,
  stats,
  fileStem,
}: {
  models: string[];
  items: EvalCriterion[];
  stats: Stats;
  fileStem: string;
}) {
  const max = items[0]?.scale.max ?? 6;
  const create = useCallback(
    (canvas: HTMLCanvasElement) =>
      new Chart<'radar', (number | null)[]>(canvas, {
        type: 'radar',
        data: {
          labels: items.map((c) => c.label),
          datasets: models.map((m, i) => ({
            label: m,
            data: items.map((c) => stats[m]?.[c.id]?.mean ?? null),
            borderColor: modelColor(i),
            backgroundColor: `${modelColor(i)}22`,
            pointBackgroundColor: modelColor(i),
            borderWidth: 2,
            fill: true,
            spanGaps: false,
          })),
        },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          plugins: { legend: { position: 'bottom' } },
          scales: { r: { min: 0, max, ticks: { stepSize: 1, backdropColor: 'transparent' }, pointLabels: { font: { size: 12 } } } },
        },
        plugins: [whiteBackground],
      }),
    [models, items, stats, max],
  );
  const weakest = (m: string) => {
    const scored = items.filter((c) => stats[m]?.[c.id]?.mean !== null && stats[m]?.[c.id]?.mean !== undefined);
    if (scored.length === 0) return 'no scores';
    const low = scored.reduce((a, c) => (stats[m]![c.id]!.mean! < stats[m]![a.id]!.mean! ? c : a));
    const high = scored.reduce((a, c) => (stats[m]![c.id]!.mean! > stats[m]![a.id]!.mean! ? c : a));
    return `strongest ${high.label} (${formatScore(stats[m]![high.id]!.mean)}), weakest ${low.label} (${formatScore(stats[m]![low.id]!.mean)})`;
  };
  return (
    <ChartFrame
      title="CTRS items"
      summary={`CTRS item means (0–${max}) per model: ${models.map((m) => `${m}: ${weakest(m)}`).join('; ')}.`}
      create={create}
      height={380}
      fileName={`${fileSafe(fileStem)}-ctrs-radar.png`}
      note={`Each axis is one CTRS item, scored 0–${max}; further out is better.`}
      table={{
        caption: 'CTRS items: data',
        head: ['Item', ...models],
        rows: items.map((c) => [c.label, ...models.map((m) => formatScore(stats[m]?.[c.id]?.mean))]),
      }}
    />
  );
}
