import { Box, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { saveCanvasAsPng } from '../../../ui/canvasPng';
import { useEffect, useRef, useState } from 'react';

export { whiteBackground } from '../../../ui/canvasPng';

export interface DataTable {
  caption: string;
  head: string[];
  /** The first cell of each row is its header. */
  rows: string[][];
}

/**
 * One chart: the canvas (an image with a one-sentence summary for screen readers), the same numbers
 * as a table to open, and a PNG download. `create` draws the chart and must be stable (memoized) so
 * the chart is drawn again only when its data changes; the chart is destroyed on unmount.
 */
export function ChartFrame({
  title,
  summary,
  create,
  table,
  fileName,
  height = 300,
  note,
}: {
  title: string;
  summary: string;
  create: (canvas: HTMLCanvasElement) => { destroy(): void };
  table: DataTable;
  fileName: string;
  height?: number;
  note?: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [saveError, setSaveError] = useState<string | null>(null);

  useEffect(() => {
    if (!canvas.current) return;
    const chart = create(canvas.current);
    return () => chart.destroy();
  }, [create]);

  const save = () => {
    setSaveError(null);
    saveCanvasAsPng(canvas.current, fileName, setSaveError);
  };

  return (
    <Stack gap="xs" component="section" aria-label={title}>
      <Text fw={600}>{title}</Text>
      {note && (
        <Text size="sm" c="dimmed">
          {note}
        </Text>
      )}
      <Box component="figure" m={0}>
        <div style={{ position: 'relative', height }}>
          <canvas ref={canvas} role="img" aria-label={summary} />
        </div>
      </Box>
      <Group gap="sm" justify="space-between" align="flex-start">
        <details style={{ flex: 1, minWidth: 0 }}>
          <summary style={{ cursor: 'pointer', fontSize: 'var(--mantine-font-size-sm)' }}>Show the numbers as a table</summary>
          <Table.ScrollContainer minWidth={360} maxHeight={320} mt="xs">
            <Table aria-label={table.caption} striped withTableBorder stickyHeader verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  {table.head.map((h) => (
                    <Table.Th key={h} scope="col">
                      {h}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {table.rows.map((row, i) => (
                  <Table.Tr key={i}>
                    {row.map((cell, j) =>
                      j === 0 ? (
                        <Table.Th key={j} scope="row" fw={400}>
                          {cell}
                        </Table.Th>
                      ) : (
                        <Table.Td key={j}>{cell}</Table.Td>
                      ),
                    )}
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
          aria-label={`Save as PNG: ${title}`}
        >
          Save as PNG
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
