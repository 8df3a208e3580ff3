import { BoxAndWiskers, BoxPlotController } from '@sgratzl/chartjs-chart-boxplot';
import { CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useCallback, useMemo } from 'react';
import type { DescriptiveStats, EvalCriterion, EvalResults } from '../../../../../shared/api/evaluation';
import { fileSafe, formatScore, modelColor } from '../evalFormat';
import { ChartFrame, whiteBackground } from './ChartFrame';

Chart.register(BoxPlotController, BoxAndWiskers, CategoryScale, LinearScale, Legend, Tooltip);

type Stats = Record<string, Record<string, DescriptiveStats>>;

/** The spread of scores per model and criterion: box plots show consistency better than bars. Missing scores are left out, never drawn as 0. */
export function BoxPlotChart({
  models,
  criteria,
  stats,
  points,
  title,
  fileStem,
}: {
  models: string[];
  criteria: EvalCriterion[];
  stats: Stats;
  points: EvalResults['points'];
  title: string;
  fileStem: string;
}) {
  const scale = criteria[0]?.scale ?? { min: 0, max: 10 };
  const values = useMemo(
    () =>
      models.map((m) =>
        criteria.map((c) =>
          points.flatMap((p) => {
            const v = p.model === m ? p.scores[c.id] : null;
            return v === null || v === undefined ? [] : [v];
          }),
        ),
      ),
    [models, criteria, points],
  );
  const create = useCallback(
    (canvas: HTMLCanvasElement) =>
      new Chart<'boxplot'>(canvas, {
        type: 'boxplot',
        data: {
          labels: criteria.map((c) => c.label),
          datasets: models.map((m, i) => ({
            label: m,
            data: values[i] ?? [],
            backgroundColor: `${modelColor(i)}40`,
            borderColor: modelColor(i),
            borderWidth: 1.5,
            outlierBackgroundColor: modelColor(i),
            medianColor: '#111',
            itemRadius: 0,
          })),
        },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          plugins: { legend: { position: 'bottom' } },
          scales: {
            x: { grid: { display: false } },
            y: { min: scale.min, max: scale.max, title: { display: true, text: `score (${scale.min}–${scale.max})` } },
          },
        },
        plugins: [whiteBackground],
      }),
    [models, criteria, values, scale.min, scale.max],
  );
  const describe = (s: DescriptiveStats | undefined) =>
    s && s.median !== null
      ? `median ${formatScore(s.median, 1)}, IQR ${formatScore(s.q1, 1)}–${formatScore(s.q3, 1)}, range ${formatScore(s.min, 1)}–${formatScore(s.max, 1)}`
      : 'no scores';
  const summary = `${title}: ${criteria.map((c) => `${c.label}: ${models.map((m) => `${m} ${describe(stats[m]?.[c.id])}`).join('; ')}`).join('. ')}.`;
  return (
    <ChartFrame
      title={title}
      summary={summary}
      create={create}
      fileName={`${fileSafe(fileStem)}-boxplots.png`}
      note="Each box spans the middle half of the conversations' scores (IQR) with the median as a line; whiskers reach the most extreme scores within 1.5 IQR, and dots beyond them are outliers."
      table={{
        caption: `${title}: data`,
        head: ['Model', 'Criterion', 'Median', 'Q1', 'Q3', 'Min', 'Max', 'SD', 'n', 'Missing'],
        rows: models.flatMap((m) =>
          criteria.map((c) => {
            const s = stats[m]?.[c.id];
            return [
              m,
              c.label,
              formatScore(s?.median, 1),
              formatScore(s?.q1, 1),
              formatScore(s?.q3, 1),
              formatScore(s?.min, 1),
              formatScore(s?.max, 1),
              formatScore(s?.sd),
              String(s?.n ?? 0),
              String(s?.missing ?? 0),
            ];
          }),
        ),
      }}
    />
  );
}
