import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { VisuallyHidden } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { Histogram as HistogramData } from '../../../../shared/api/datasets';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

const binLabel = (edges: number[], i: number) => (edges[i + 1]! - edges[i]! <= 1 ? `${edges[i]}` : `${edges[i]}–${edges[i + 1]! - 1}`);

/** A histogram drawn with chart.js; its numbers are also in a table for screen readers. */
export function Histogram({ data, label, unit }: { data: HistogramData; label: string; unit: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current || data.counts.length === 0) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: data.counts.map((_, i) => binLabel(data.edges, i)),
        datasets: [{ label: 'Examples', data: data.counts, backgroundColor: '#2f7a6b', borderRadius: 2 }],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: false }, tooltip: { callbacks: { title: (items) => `${items[0]?.label ?? ''} ${unit}` } } },
        scales: {
          x: { title: { display: true, text: unit }, grid: { display: false } },
          y: { title: { display: true, text: 'examples' }, beginAtZero: true, ticks: { precision: 0 } },
        },
      },
    });
    return () => chart.destroy();
  }, [data, unit]);
  if (data.counts.length === 0) return null;
  const total = data.counts.reduce((a, b) => a + b, 0);
  return (
    <figure style={{ margin: 0 }}>
      <div style={{ position: 'relative', height: 180 }}>
        <canvas
          ref={canvas}
          role="img"
          aria-label={`${label}: ${total} examples from ${data.edges[0]} to ${data.edges.at(-1)! - 1} ${unit}`}
        />
      </div>
      <figcaption style={{ fontSize: 'var(--mantine-font-size-sm)', color: 'var(--mantine-color-dimmed)' }}>{label}</figcaption>
      <VisuallyHidden>
        <table aria-label={`${label} data`}>
          <tbody>
            {data.counts.map((c, i) => (
              <tr key={i}>
                <th scope="row">
                  {binLabel(data.edges, i)} {unit}
                </th>
                <td>{c}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </VisuallyHidden>
    </figure>
  );
}
