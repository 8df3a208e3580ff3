import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  CopyButton,
  Group,
  Paper,
  ScrollArea,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import type { TrainingRunView } from '../../../../shared/api/training';
import { formatCount, formatUsd, formatWhen } from '../../lib/format';
import { href } from '../../lib/router';
import { Fact } from '../../ui/Fact';
import { QueryView } from '../../ui/QueryView';
import { Section } from '../../ui/Section';
import { JobCard } from '../jobs/JobCard';
import { useJob } from '../jobs/useJobs';
import { LossChart } from './LossChart';
import { OtherRoutes } from './OtherRoutes';
import { TrainingStatusBadge } from './RunsList';
import { UseModel } from './UseModel';
import { formatDuration, formatLoss, isFinished, isRefusal, shortHash, trainerLabels } from './trainingForm';
import { useCancelTraining, useTrainingRun } from './useFineTune';
import { CancelRunModal } from '../../ui/CancelRunModal';

const statusHelp: Record<TrainingRunView['status'], string> = {
  preparing: 'Writing the training files from the frozen version and uploading them.',
  validating: 'The provider is checking the uploaded files.',
  queued: 'The provider has accepted the job and will start it when it has room.',
  running: 'Training. Loss points and events arrive as the provider reports them.',
  succeeded: 'Finished. The trained model is in the model registry with its lineage.',
  failed: 'The run stopped with an error (below).',
  cancelled: 'Cancelled; the provider stopped the job.',
};

/** The selected run: its state, loss curve, events and checkpoints, refreshed as each poll lands. */
export function RunMonitor({ runId }: { runId: string }) {
  const run = useTrainingRun(runId);
  return (
    <Section label="Training run">
      <QueryView query={run} loading="Loading the training run…">
        {(r) => <Monitor run={r} />}
      </QueryView>
      {run.isError && (
        <Text size="sm">
          <Anchor href={href('finetune')}>Back to all training runs</Anchor>
        </Text>
      )}
    </Section>
  );
}

/** Ticks once a second while `active`, for live elapsed times. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

function Monitor({ run }: { run: TrainingRunView }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const finished = isFinished(run.status);
  const now = useNow(!finished);
  const [confirming, setConfirming] = useState(false);
  const cancel = useCancelTraining();
  const job = useJob(run.jobId);
  const title = `${run.baseModel} on ${run.datasetName} v${run.datasetVersion}`;
  const begun = run.startedAt ?? run.createdAt;
  const elapsed = (run.finishedAt ?? Math.max(now, begun)) - begun;

  // Opening a run (from the list or after starting it) moves the focus to it.
  useEffect(() => {
    heading.current?.focus();
  }, [run.id]);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2} size="h3" ref={heading} tabIndex={-1} style={{ outlineOffset: 4 }}>
              {title}
            </Title>
            <span role="status" aria-label="Run status">
              <TrainingStatusBadge status={run.status} />
            </span>
          </Group>
          <Text size="sm" c="dimmed">
            {statusHelp[run.status]}
          </Text>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <Anchor href={href('finetune')} size="sm">
            Close
          </Anchor>
          {!finished && (
            <Button variant="default" color="red" onClick={() => setConfirming(true)}>
              Cancel run
            </Button>
          )}
        </Group>
      </Group>

      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" component="dl" m={0} aria-label="Run details">
        <Fact label="Elapsed">{run.startedAt || finished ? formatDuration(elapsed) : 'not started yet'}</Fact>
        <Fact label="Trained tokens">
          {run.trainedTokens === null ? (finished ? '—' : 'known when it finishes') : formatCount(run.trainedTokens)}
        </Fact>
        <Fact label="Cost">
          {run.costUsd === null
            ? finished
              ? run.status === 'succeeded'
                ? 'unknown (no training price)'
                : '—'
              : 'known when it finishes'
            : formatUsd(run.costUsd)}
        </Fact>
        <Fact label="Provider">
          {run.providerName ?? 'Removed provider'} · {trainerLabels[run.trainer]}
        </Fact>
        <Fact label="Provider job id">
          {run.providerJobId ? <Mono copyLabel="Copy the provider job id">{run.providerJobId}</Mono> : 'not created yet'}
        </Fact>
        <Fact label="Dataset">
          {run.datasetName} v{run.datasetVersion} · hash <span title={run.datasetHash}>{shortHash(run.datasetHash)}</span>
        </Fact>
        <Fact label="Settings">
          {[
            `${run.hyperparameters.epochs ?? 'auto'} epochs`,
            `batch ${run.hyperparameters.batchSize ?? 'auto'}`,
            run.trainer === 'openai' ? `LR × ${run.hyperparameters.learningRateMultiplier ?? 'auto'}` : null,
            `seed ${run.hyperparameters.seed ?? 'auto'}`,
            run.suffix ? `suffix ${run.suffix}` : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Fact>
      </SimpleGrid>

      {run.fineTunedModel && (
        <Paper withBorder p="sm" bg="var(--mantine-primary-color-light)" component="section" aria-label="Fine-tuned model">
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              Fine-tuned model
            </Text>
            <Mono copyLabel="Copy the model id">{run.fineTunedModel}</Mono>
            <Text size="sm">
              It is in the model registry with its lineage: see <Anchor href={href('settings', 'models')}>Settings › Models</Anchor>.
            </Text>
            {run.providerId && <UseModel run={{ ...run, fineTunedModel: run.fineTunedModel, providerId: run.providerId }} />}
          </Stack>
        </Paper>
      )}

      {run.status === 'failed' && <FailedNotice error={run.error} />}

      {job && (job.status === 'paused' || job.status === 'interrupted') && (
        <Stack gap="xs">
          <Text size="sm">The app stopped following this run; resume it to pick up from the provider's job.</Text>
          <JobCard job={job} />
        </Stack>
      )}

      <Stack gap="xs" component="section" aria-label="Loss">
        <Title order={3} size="h4">
          Loss
        </Title>
        {run.metrics.length === 0 ? (
          <Text size="sm" c="dimmed">
            {finished ? 'The provider reported no loss points for this run.' : 'The loss curve appears here once training starts.'}
          </Text>
        ) : (
          <LossChart
            points={run.metrics}
            fileName={`loss-${(run.fineTunedModel ?? `${run.baseModel}-${run.id}`).replace(/[^a-zA-Z0-9._-]+/g, '_')}.png`}
          />
        )}
      </Stack>

      <EventLog events={run.events} />
      <Checkpoints checkpoints={run.checkpoints} />

      <CancelRunModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title="Cancel this training run?"
        runId={run.id}
        cancel={cancel}
      >
        {`The job stops at ${run.providerName ?? 'the provider'} too, and no model comes out of it. A cancelled run cannot be continued; a new run starts from the beginning.`}
      </CancelRunModal>
    </Stack>
  );
}

function Mono({ children, copyLabel }: { children: string; copyLabel: string }) {
  return (
    <Group gap={4} wrap="nowrap" align="flex-start">
      <Text span ff="monospace" size="sm" style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
        {children}
      </Text>
      <CopyButton value={children}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow>
            <ActionIcon
              size="sm"
              variant="subtle"
              color={copied ? 'sea' : 'gray'}
              onClick={copy}
              aria-label={copied ? 'Copied' : copyLabel}
            >
              {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}

function FailedNotice({ error }: { error: string | null }) {
  const refused = isRefusal(error);
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle aria-hidden />}
      title={refused ? 'OpenAI would not start this fine-tune' : 'The training failed'}
      role="alert"
    >
      <Stack gap="sm">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {error ?? 'The provider ended the job as failed without saying why.'}
        </Text>
        {refused && (
          <>
            <Text size="sm" fw={600}>
              Other ways to train this dataset
            </Text>
            <OtherRoutes />
          </>
        )}
      </Stack>
    </Alert>
  );
}

function EventLog({ events }: { events: TrainingRunView['events'] }) {
  const viewport = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  // Follows new events like a terminal, unless the person has scrolled up to read.
  useEffect(() => {
    const v = viewport.current;
    if (v && atBottom.current) v.scrollTop = v.scrollHeight;
  }, [events.length]);
  return (
    <Stack gap="xs" component="section" aria-label="Provider events">
      <Title order={3} size="h4">
        Provider events
      </Title>
      {events.length === 0 ? (
        <Text size="sm" c="dimmed">
          No events yet. The provider's messages appear here as the run goes.
        </Text>
      ) : (
        <Paper withBorder p={0}>
          <ScrollArea.Autosize
            mah={240}
            viewportRef={viewport}
            viewportProps={{ tabIndex: 0, role: 'log', 'aria-label': 'Provider event log, oldest first' } as React.ComponentProps<'div'>}
            onScrollPositionChange={({ y }) => {
              const v = viewport.current;
              if (v) atBottom.current = y + v.clientHeight >= v.scrollHeight - 8;
            }}
          >
            <ol style={{ listStyle: 'none', margin: 0, padding: 'var(--mantine-spacing-xs) var(--mantine-spacing-sm)' }}>
              {events.map((e, i) => (
                <li key={i} style={{ display: 'flex', gap: 'var(--mantine-spacing-sm)', alignItems: 'baseline', padding: '2px 0' }}>
                  <Text span size="xs" c="dimmed" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                    {formatWhen(e.at, { seconds: true })}
                  </Text>
                  <Badge
                    size="xs"
                    variant={e.level === 'info' ? 'outline' : 'filled'}
                    color={e.level === 'error' ? 'red' : e.level === 'warn' ? 'yellow' : 'gray'}
                    style={{ flexShrink: 0 }}
                  >
                    {e.level}
                  </Badge>
                  <Text span size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {e.message}
                  </Text>
                </li>
              ))}
            </ol>
          </ScrollArea.Autosize>
        </Paper>
      )}
    </Stack>
  );
}

function Checkpoints({ checkpoints }: { checkpoints: TrainingRunView['checkpoints'] }) {
  return (
    <Stack gap="xs" component="section" aria-label="Checkpoints">
      <Title order={3} size="h4">
        Checkpoints
      </Title>
      {checkpoints.length === 0 ? (
        <Text size="sm" c="dimmed">
          No checkpoints yet. Providers save one at the end of some epochs; each can be used as a model of its own.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label="Checkpoints" striped verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Step</Table.Th>
                <Table.Th scope="col">Model</Table.Th>
                <Table.Th scope="col">Training loss</Table.Th>
                <Table.Th scope="col">Validation loss</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {checkpoints.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{c.step}</Table.Td>
                  <Table.Td>
                    <Mono copyLabel={`Copy the checkpoint model of step ${c.step}`}>{c.model}</Mono>
                  </Table.Td>
                  <Table.Td>{formatLoss(c.trainLoss)}</Table.Td>
                  <Table.Td>{formatLoss(c.validLoss)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
