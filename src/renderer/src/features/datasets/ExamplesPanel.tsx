import { Anchor, Badge, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { formatCount } from '../../lib/format';
import { href } from '../../lib/router';
import { Pager } from '../../ui/Pager';
import { QueryView } from '../../ui/QueryView';
import { EXAMPLES_PAGE, useDatasetExamples } from './useDatasets';

/** The frozen examples of a version, numbered as in their file, each linked to its session. */
export function ExamplesPanel({ versionId }: { versionId: string }) {
  const [split, setSplit] = useState<'train' | 'validation'>('train');
  const [offset, setOffset] = useState(0);
  const page = useDatasetExamples(versionId, split, offset);
  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label="Split"
        value={split}
        onChange={(v) => {
          setSplit(v as 'train' | 'validation');
          setOffset(0);
        }}
        data={[
          { value: 'train', label: 'Training file' },
          { value: 'validation', label: 'Validation file' },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      <QueryView query={page} loading="Loading examples…">
        {({ rows, total }) =>
          total === 0 ? (
            <Text c="dimmed">This split is empty.</Text>
          ) : (
            <>
              <Table aria-label="Examples" striped verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>#</Table.Th>
                    <Table.Th>Session</Table.Th>
                    <Table.Th>Source</Table.Th>
                    <Table.Th>Labels</Table.Th>
                    <Table.Th style={{ textAlign: 'right' }}>Turns</Table.Th>
                    <Table.Th style={{ textAlign: 'right' }}>Tokens</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={`${r.split}-${r.line}`}>
                      <Table.Td>{r.line}</Table.Td>
                      <Table.Td>
                        <Anchor href={href('library', r.sessionId)}>{r.title}</Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={r.source === 'real' ? 'sea' : 'grape'}>
                          {r.source}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {r.labels.map((l) => (
                            <Text key={l} size="xs">
                              {l.replace(/-/g, ' ')}
                            </Text>
                          ))}
                        </Group>
                      </Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>{r.turns}</Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>{formatCount(r.tokens)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Pager label="Example pages" offset={offset} limit={EXAMPLES_PAGE} total={total} onChange={setOffset} />
            </>
          )
        }
      </QueryView>
    </Stack>
  );
}
