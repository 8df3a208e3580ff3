import { Anchor, Button, Group, List, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { DatasetDiff, DatasetVersionSummary } from '../../../../shared/api/datasets';
import { formatCount } from '../../lib/format';
import { href } from '../../lib/router';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useDatasetActions } from './useDatasets';

function Changes({ title, rows }: { title: string; rows: { sessionId: string; title: string; detail: string }[] }) {
  return (
    <Stack gap={4} component="section" aria-label={title}>
      <Title order={3} size="h5">
        {title} ({formatCount(rows.length)})
      </Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          None.
        </Text>
      ) : (
        <List size="sm">
          {rows.slice(0, 100).map((r) => (
            <List.Item key={r.sessionId}>
              <Anchor href={href('library', r.sessionId)}>{r.title}</Anchor>{' '}
              <Text span size="xs" c="dimmed">
                {r.detail}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

/** Two frozen versions side by side: which sessions were added, removed, or changed in between. */
export function ComparePanel({ versions }: { versions: DatasetVersionSummary[] }) {
  const { diff } = useDatasetActions();
  const options = versions.map((v) => ({ value: v.id, label: `v${v.version} · ${formatCount(v.examples)} examples` }));
  const [from, setFrom] = useState<string | null>(versions.at(-2)?.id ?? null);
  const [to, setTo] = useState<string | null>(versions.at(-1)?.id ?? null);
  if (versions.length < 2) return <Text c="dimmed">Freeze a second version to compare it with the first.</Text>;
  const d: DatasetDiff | undefined = diff.data;
  return (
    <Stack gap="md">
      <Group align="flex-end">
        <Select label="From" data={options} value={from} onChange={setFrom} allowDeselect={false} w={240} />
        <Select label="To" data={options} value={to} onChange={setTo} allowDeselect={false} w={240} />
        <Button
          disabled={!from || !to || from === to}
          loading={diff.isPending}
          onClick={() => from && to && diff.mutate({ fromVersionId: from, toVersionId: to })}
        >
          Compare
        </Button>
      </Group>
      {diff.error && <ErrorAlert error={diff.error} />}
      {d && (
        <Stack gap="sm" role="region" aria-label="Differences">
          <Text size="sm">
            v{d.from.version} → v{d.to.version}: {formatCount(d.added.length)} added, {formatCount(d.removed.length)} removed,{' '}
            {formatCount(d.changed.length)} changed, {formatCount(d.unchanged)} unchanged.
            {d.from.contentHash === d.to.contentHash ? ' The content is identical.' : ''}
          </Text>
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <Changes title="Added" rows={d.added.map((r) => ({ ...r, detail: r.split }))} />
            <Changes title="Removed" rows={d.removed.map((r) => ({ ...r, detail: r.split }))} />
            <Changes title="Changed" rows={d.changed.map((r) => ({ ...r, detail: r.what }))} />
          </SimpleGrid>
        </Stack>
      )}
    </Stack>
  );
}
