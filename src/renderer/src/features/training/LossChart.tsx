import { Box, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { useEffect, useRef, useState } from 'react';
import { saveCanvasAsPng, whiteBackground } from '../../ui/canvasPng';
import type { TrainingRunView } from '../../../../shared/api/training';
import { formatLoss } from './trainingForm';

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Tooltip);

type Point = TrainingRunView['metrics'][number];

const TRAIN_COLOR = '#2f7a6b';
const VALID_COLOR = '#b35c1e';

const toXY = (points: Point[], key: 'trainLoss' | 'validLoss') =>
  points.flatMap((p) => (p[key] === null ? [] : [{ x: p.step, y: p[key] }]));

/** One sentence for screen readers: how the losses moved from the first to the last step. */
export function lossSummary(points: Point[]): string {
  if (points.length === 0) return 'No loss points yet.';
  const part = (key: 'trainLoss' | 'validLoss', name: string) => {
    const xy = toXY(points, key);
    if (xy.length === 0) return null;
    const first = xy[0]!;
    const last = xy.at(-1)!;
    return `${name} from ${formatLoss(first.y)} at step ${first.x} to ${formatLoss(last.y)} at step ${last.x}`;
  };
  const parts = [part('trainLoss', 'training loss'), part('validLoss', 'validation loss')].filter(Boolean);
  return `Loss over ${points.length} step${points.length === 1 ? '' : 's'}: ${parts.join('; ')}.`;
}

/** Training and validation loss over steps, drawn with chart.js, with its numbers in a table too. */
export function LossChart({ points, fileName }: { points: Point[]; fileName: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'line', { x: number; y: number }[]> | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);

  useEffect(() => {
    if (!canvas.current) return;
    const created = new Chart<'line', { x: number; y: number }[]>(canvas.current, {
      type: 'line',
      data: {
        datasets: [
          {
            label: 'Training loss',
            data: [],
            borderColor: TRAIN_COLOR,
            backgroundColor: TRAIN_COLOR,
            borderWidth: 2,
            pointRadius: 0,
            pointHitRadius: 6,
            tension: 0.2,
          },
          {
            label: 'Validation loss',
            data: [],
            borderColor: VALID_COLOR,
            backgroundColor: VALID_COLOR,
            borderWidth: 2,
            borderDash: [6, 4],
            pointRadius: 2,
            pointHitRadius: 6,
            tension: 0.2,
            spanGaps: true,
          },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: { title: (items) => `Step ${items[0]?.parsed.x ?? ''}` } } },
        scales: {
          x: { type: 'linear', title: { display: true, text: 'step' }, ticks: { precision: 0 } },
          y: { type: 'linear', title: { display: true, text: 'loss' }, beginAtZero: true },
        },
      },
      plugins: [whiteBackground],
    });
    chart.current = created;
    return () => {
      created.destroy();
      chart.current = null;
    };
  }, []);

  // New points arrive with every poll: the chart is updated in place rather than drawn afresh.
  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.data.datasets[0]!.data = toXY(points, 'trainLoss');
    c.data.datasets[1]!.data = toXY(points, 'validLoss');
    c.update('none');
  }, [points]);

  const save = () => {
    setSaveError(null);
    saveCanvasAsPng(canvas.current, fileName, setSaveError);
  };

  return (
    <Stack gap="xs">
      <Box component="figure" m={0}>
        <div style={{ position: 'relative', height: 260 }}>
          <canvas ref={canvas} role="img" aria-label={lossSummary(points)} />
        </div>
      </Box>
      <Group gap="sm" justify="space-between" align="flex-start">
        <details>
          <summary style={{ cursor: 'pointer', fontSize: 'var(--mantine-font-size-sm)' }}>Show the loss points as a table</summary>
          <Table.ScrollContainer minWidth={320} maxHeight={260} mt="xs">
            <Table aria-label="Loss by step" striped withTableBorder stickyHeader>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Step</Table.Th>
                  <Table.Th scope="col">Training loss</Table.Th>
                  <Table.Th scope="col">Validation loss</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {points.map((p) => (
                  <Table.Tr key={p.step}>
                    <Table.Th scope="row" fw={400}>
                      {p.step}
                    </Table.Th>
                    <Table.Td>{formatLoss(p.trainLoss)}</Table.Td>
                    <Table.Td>{formatLoss(p.validLoss)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </details>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
          onClick={save}
          disabled={points.length === 0}
        >
          Save chart as PNG
        </Button>
      </Group>
      {saveError && (
        <Text size="sm" c="red.8" role="alert">
          {saveError}
        </Text>
      )}
    </Stack>
  );
}
