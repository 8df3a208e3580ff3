import { Alert, Anchor, Badge, Button, Grid, Group, NavLink, Paper, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { IconDatabase, IconLock, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { defaultDatasetSpec, type DatasetMix, type DatasetSpec, type DatasetView } from '../../../../shared/api/datasets';
import { formatCount, formatWhen } from '../../lib/format';
import { href, navigate } from '../../lib/router';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { QueryView } from '../../ui/QueryView';
import { Section } from '../../ui/Section';
import { ComparePanel } from './ComparePanel';
import { ExamplesPanel } from './ExamplesPanel';
import { ExportPanel } from './ExportPanel';
import { SpecForm } from './SpecForm';
import { StatsView } from './StatsView';
import { useDatasetActions, useDatasets, useDatasetVersion } from './useDatasets';
import { ValidatePanel } from './ValidatePanel';

const mixLabel: Record<DatasetMix, string> = { 'real-only': 'Real only', 'synthetic-only': 'Synthetic only', hybrid: 'Hybrid' };
const describeMix = (spec: DatasetSpec) =>
  spec.mix === 'hybrid' ? `Hybrid, ${Math.round(spec.syntheticShare * 100)}% synthetic` : mixLabel[spec.mix];

/** Datasets: mix approved sessions, freeze versions, check, compare and export them. `#/datasets/<id>` selects one; `#/datasets/new` starts one. */
export function DatasetsScreen({ datasetId }: { datasetId: string | null }) {
  const datasets = useDatasets();
  return (
    <Stack gap="lg">
      <PageHeader
        title="Datasets"
        description="Mix approved real and synthetic sessions, freeze the mix as a version that never changes, check it against OpenAI's format, and export it."
        actions={
          <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => navigate('datasets', 'new')}>
            New dataset
          </Button>
        }
      />
      <QueryView query={datasets} loading="Loading datasets…">
        {(list) => (
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 3 }}>
              {list.length === 0 ? (
                <Paper p="md">
                  <Stack gap="xs" align="flex-start">
                    <IconDatabase aria-hidden />
                    <Text fw={600}>No dataset yet</Text>
                    <Text size="sm" c="dimmed">
                      Approve sessions in <Anchor href={href('review')}>Review</Anchor> or the{' '}
                      <Anchor href={href('library')}>Library</Anchor>, then create a dataset from them.
                    </Text>
                  </Stack>
                </Paper>
              ) : (
                <Stack gap={4} component="nav" aria-label="Datasets">
                  {list.map((d) => (
                    <NavLink
                      key={d.id}
                      href={href('datasets', d.id)}
                      active={d.id === datasetId}
                      aria-current={d.id === datasetId ? 'page' : undefined}
                      label={d.name}
                      description={`${describeMix(d.spec)} · ${d.versions.length} version${d.versions.length === 1 ? '' : 's'}`}
                    />
                  ))}
                </Stack>
              )}
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 9 }}>
              {datasetId === 'new' || datasetId?.startsWith('new:') || (list.length === 0 && !datasetId) ? (
                <NewDataset key={datasetId ?? 'new'} mix={mixFromRoute(datasetId)} />
              ) : (
                (() => {
                  const chosen = list.find((d) => d.id === datasetId) ?? (datasetId ? undefined : list[0]);
                  return chosen ? (
                    <DatasetDetail key={chosen.id} dataset={chosen} />
                  ) : (
                    <Text c="dimmed">That dataset is not in this project.</Text>
                  );
                })()
              )}
            </Grid.Col>
          </Grid>
        )}
      </QueryView>
    </Stack>
  );
}

function PreviewButton({ spec }: { spec: DatasetSpec }) {
  const { preview } = useDatasetActions();
  return (
    <Stack gap="md">
      <Group>
        <Button variant="default" loading={preview.isPending} onClick={() => preview.mutate(spec)}>
          Preview the mix
        </Button>
        {preview.data && (
          <Text size="sm" c="dimmed">
            The filters let in {formatCount(preview.data.pool.real)} real and {formatCount(preview.data.pool.synthetic)} synthetic sessions
            {preview.data.stats.withheldForDetails
              ? `; ${formatCount(preview.data.stats.withheldForDetails.count)} more ${preview.data.stats.withheldForDetails.count === 1 ? 'is' : 'are'} held back until their personal details are reviewed`
              : ''}
            .
          </Text>
        )}
      </Group>
      {preview.error && <ErrorAlert error={preview.error} />}
      {preview.data?.matched && (
        <Text size="sm">
          Same size as “{preview.data.matched.name}” v{preview.data.matched.version}: {formatCount(preview.data.matched.examples)} examples.
        </Text>
      )}
      {preview.data?.sizeWarning && (
        <Alert color="orange" title="Sizes differ" role="status">
          {preview.data.sizeWarning}
        </Alert>
      )}
      {preview.data && <StatsView stats={preview.data.stats} label="Preview" />}
    </Stack>
  );
}

/** `#/datasets/new:hybrid` opens the new-dataset form with that mix chosen (the Study home's buttons). */
function mixFromRoute(sub: string | null): DatasetMix | null {
  const mix = sub?.startsWith('new:') ? sub.slice(4) : null;
  return mix && mix in mixLabel ? (mix as DatasetMix) : null;
}

function NewDataset({ mix }: { mix: DatasetMix | null }) {
  const { create } = useDatasetActions();
  const [name, setName] = useState(mix ? mixLabel[mix] : '');
  const [spec, setSpec] = useState<DatasetSpec>(mix ? { ...defaultDatasetSpec, mix } : defaultDatasetSpec);
  return (
    <Section label="New dataset">
      <Title order={2} size="h3">
        New dataset
      </Title>
      <TextInput
        label="Name"
        placeholder="e.g. Hybrid 50/50"
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        maw={420}
        required
      />
      <SpecForm spec={spec} onChange={setSpec} />
      <PreviewButton spec={spec} />
      {create.error && <ErrorAlert error={create.error} />}
      <Group>
        <Button
          disabled={!name.trim()}
          loading={create.isPending}
          onClick={() => create.mutate({ name: name.trim(), spec }, { onSuccess: (d) => navigate('datasets', d.id) })}
        >
          Create dataset
        </Button>
      </Group>
    </Section>
  );
}

function DatasetDetail({ dataset }: { dataset: DatasetView }) {
  const { update, freeze } = useDatasetActions();
  const [spec, setSpec] = useState<DatasetSpec>(dataset.spec);
  const [note, setNote] = useState('');
  const dirty = JSON.stringify(spec) !== JSON.stringify(dataset.spec);
  const [versionId, setVersionId] = useState<string | null>(dataset.versions.at(-1)?.id ?? null);
  const next = (dataset.versions.at(-1)?.version ?? 0) + 1;
  const freezeNow = async () => {
    if (dirty) await update.mutateAsync({ id: dataset.id, spec });
    const v = await freeze.mutateAsync({ id: dataset.id, ...(note.trim() ? { note: note.trim() } : {}) });
    setNote('');
    setVersionId(v.id);
  };
  return (
    <Stack gap="lg">
      <Title order={2}>{dataset.name}</Title>
      <Section label="Mix">
        <Group justify="space-between">
          <Title order={3} size="h4">
            Mix{' '}
            {dirty && (
              <Badge color="yellow" variant="light">
                Unsaved changes
              </Badge>
            )}
          </Title>
          <Text size="sm" c="dimmed">
            Frozen versions keep the mix they were made with; changes apply to the next freeze.
          </Text>
        </Group>
        <SpecForm spec={spec} onChange={setSpec} selfId={dataset.id} />
        <PreviewButton spec={spec} />
        {(update.error ?? freeze.error) && <ErrorAlert error={update.error ?? freeze.error} />}
        <Group align="flex-end">
          <Button variant="default" disabled={!dirty} loading={update.isPending} onClick={() => update.mutate({ id: dataset.id, spec })}>
            Save the mix
          </Button>
          <TextInput
            label="Note for the version"
            placeholder="e.g. after the second review pass"
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            w={320}
          />
          <Button
            leftSection={<IconLock size={16} aria-hidden />}
            loading={freeze.isPending}
            onClick={() => void freezeNow().catch(() => undefined)}
          >
            Freeze as version {next}
          </Button>
        </Group>
      </Section>
      <Section label="Versions">
        <Title order={3} size="h4">
          Versions
        </Title>
        {dataset.versions.length === 0 ? (
          <Text size="sm" c="dimmed">
            No version yet. Freeze the mix to copy its examples into a version that later edits to sessions will not change; that version is
            what you validate, export and train on.
          </Text>
        ) : (
          <Table aria-label="Versions" highlightOnHover verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Version</Table.Th>
                <Table.Th>Frozen</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>Examples</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>Real / synthetic</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>Tokens</Table.Th>
                <Table.Th>Content hash</Table.Th>
                <Table.Th>Note</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {dataset.versions.map((v) => (
                <Table.Tr key={v.id} bg={v.id === versionId ? 'var(--mantine-color-sea-0)' : undefined}>
                  <Table.Td>
                    <Anchor component="button" type="button" onClick={() => setVersionId(v.id)} aria-pressed={v.id === versionId}>
                      v{v.version}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{formatWhen(v.createdAt)}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>
                    {formatCount(v.examples)}{' '}
                    <Text span size="xs" c="dimmed">
                      ({formatCount(v.train)} + {formatCount(v.validation)})
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>
                    {formatCount(v.real)} / {formatCount(v.synthetic)}
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{formatCount(v.tokens)}</Table.Td>
                  <Table.Td>
                    <Text ff="monospace" size="xs" title={v.contentHash}>
                      {v.contentHash.slice(0, 12)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{v.note ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
      {versionId && <VersionDetail versionId={versionId} dataset={dataset} />}
    </Stack>
  );
}

function VersionDetail({ versionId, dataset }: { versionId: string; dataset: DatasetView }) {
  const version = useDatasetVersion(versionId);
  return (
    <QueryView query={version} loading="Loading the version…">
      {(v) => (
        <Section label={`Version ${v.version}`}>
          <Group justify="space-between">
            <Title order={3} size="h4">
              Version {v.version}
            </Title>
            <Anchor href={href('finetune', `new:${versionId}`)}>Fine-tune on it</Anchor>
          </Group>
          <Tabs defaultValue="stats" keepMounted={false}>
            <Tabs.List mb="md">
              <Tabs.Tab value="stats">Statistics</Tabs.Tab>
              <Tabs.Tab value="examples">Examples</Tabs.Tab>
              <Tabs.Tab value="validate">Validate</Tabs.Tab>
              <Tabs.Tab value="export">Export</Tabs.Tab>
              <Tabs.Tab value="compare">Compare versions</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="stats">
              <StatsView stats={v.stats} label={`Statistics of version ${v.version}`} />
            </Tabs.Panel>
            <Tabs.Panel value="examples">
              <ExamplesPanel versionId={v.id} />
            </Tabs.Panel>
            <Tabs.Panel value="validate">
              <ValidatePanel version={v} />
            </Tabs.Panel>
            <Tabs.Panel value="export">
              <ExportPanel version={v} />
            </Tabs.Panel>
            <Tabs.Panel value="compare">
              <ComparePanel versions={dataset.versions} />
            </Tabs.Panel>
          </Tabs>
        </Section>
      )}
    </QueryView>
  );
}
