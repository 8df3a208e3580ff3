import { Anchor, Badge, EmptyState, Table, Text, Title } from '@mantine/core';
import { IconBrain } from '@tabler/icons-react';
import type { TrainingRunStatus, TrainingRunView } from '../../../../shared/api/training';
import { formatUsd, formatWhen } from '../../lib/format';
import { href } from '../../lib/router';
import { QueryView } from '../../ui/QueryView';
import { Section } from '../../ui/Section';
import { statusInfo, trainerLabels } from './trainingForm';
import { useTrainingRuns } from './useFineTune';
import { SelectedRow } from '../../ui/SelectedRow';
import { TableHeader } from '../../ui/TableHeader';

export function TrainingStatusBadge({ status }: { status: TrainingRunStatus }) {
  const s = statusInfo[status];
  return <Badge color={s.color}>{s.label}</Badge>;
}

/** Every run of the project, newest first; a run's link opens its monitor. */
export function RunsList({ selected }: { selected: string | null }) {
  const runs = useTrainingRuns();
  return (
    <Section label="Training runs">
      <Title order={2} size="h3">
        Training runs
      </Title>
      <QueryView query={runs} loading="Loading the training runs…">
        {(list) =>
          list.length === 0 ? (
            <EmptyState
              icon={<IconBrain aria-hidden />}
              withIndicatorBackground
              title="No training runs yet"
              description="Choose a frozen dataset version in “New training run” below, check it, and start; the run shows up here with its progress."
            />
          ) : (
            <Table.ScrollContainer minWidth={760}>
              <Table aria-label="Training runs" highlightOnHover verticalSpacing="xs">
                <TableHeader columns={['Run', 'Status', 'Dataset', 'Provider', 'Started', { label: 'Cost', numeric: true }]} />
                <Table.Tbody>
                  {list.map((run) => (
                    <RunRow key={run.id} run={run} selected={run.id === selected} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryView>
    </Section>
  );
}

function RunRow({ run, selected }: { run: TrainingRunView; selected: boolean }) {
  return (
    <SelectedRow selected={selected}>
      <Table.Td>
        <Anchor
          href={href('finetune', run.id)}
          ff="monospace"
          fz="sm"
          aria-label={`${run.baseModel}${run.suffix ? ` (${run.suffix})` : ''} on ${run.datasetName} v${run.datasetVersion}`}
        >
          {run.baseModel}
        </Anchor>
        {run.suffix && (
          <Text size="xs" c="dimmed">
            suffix {run.suffix}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <TrainingStatusBadge status={run.status} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {run.datasetName} v{run.datasetVersion}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{run.providerName ?? 'Removed provider'}</Text>
        <Text size="xs" c="dimmed">
          {trainerLabels[run.trainer]}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatWhen(run.startedAt ?? run.createdAt)}</Text>
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm">{formatUsd(run.costUsd)}</Text>
      </Table.Td>
    </SelectedRow>
  );
}
