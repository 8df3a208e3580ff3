import { Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import type { JobSummary } from '../../../../shared/domain/job';
import { canResume, outcomeCounts } from '../../../../shared/domain/job';
import { formatCount, formatDecimal, formatEta, formatUsd, formatWhen } from '../../lib/format';
import { JobStatusBadge } from '../../ui/badges';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { parseSpeedResult } from '../speedTest/speedResult';
import { SpeedTestFigures } from '../speedTest/SpeedTestFigures';
import { FailedItems } from './FailedItems';
import { ResumeButton } from './ResumeButton';
import { useJobControls } from './useJobs';

const cancellable: readonly JobSummary['status'][] = ['queued', 'running', 'paused', 'interrupted'];

export function JobCard({ job }: { job: JobSummary }) {
  const controls = useJobControls();
  const finished = job.done + job.failed;
  const pct = (n: number) => (job.total > 0 ? (n / job.total) * 100 : 0);
  const running = job.status === 'running';
  const eta = running ? formatEta(job.etaMs) : null;
  const speed = job.kind === 'speedTest' && job.status === 'succeeded' ? parseSpeedResult(job.result) : null;
  const error = controls.cancel.error ?? controls.pause.error ?? controls.resume.error;
  const busy = controls.cancel.isPending || controls.pause.isPending || controls.resume.isPending;
  return (
    <Paper component="article" aria-label={job.title} p="md">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Text fw={600}>{job.title}</Text>
          <JobStatusBadge status={job.status} />
        </Group>
        <Progress.Root
          size="lg"
          role="progressbar"
          aria-label={`Progress of ${job.title}`}
          aria-valuemin={0}
          aria-valuemax={job.total}
          aria-valuenow={finished}
          aria-valuetext={`${finished} of ${job.total} items finished`}
        >
          <Progress.Section
            withAria={false}
            value={pct(job.done)}
            color={job.status === 'cancelled' ? 'gray' : 'sea'}
            animated={running}
            striped={running}
          />
          <Progress.Section withAria={false} value={pct(job.failed)} color="red" />
        </Progress.Root>
        <Text size="sm">
          <Text span fw={600}>
            {formatCount(job.done)}
          </Text>{' '}
          done ·{' '}
          <Text span fw={600} c={job.failed > 0 ? 'red.8' : undefined}>
            {formatCount(job.failed)}
          </Text>{' '}
          failed · {formatCount(job.total)} total
          {job.running > 0 ? ` · ${formatCount(job.running)} in progress` : ''}
        </Text>
        <Text size="sm" c="dimmed">
          {[
            running && job.ratePerMinute !== null ? `${formatDecimal(job.ratePerMinute)} per minute` : null,
            eta,
            // Jobs that call no model (exports, imports of text) have no cost to speak of: "$0.00" would only puzzle.
            job.costUsd > 0 || job.budgetUsd !== null
              ? `cost so far ${formatUsd(job.costUsd)}${job.budgetUsd !== null ? ` of ${formatUsd(job.budgetUsd)} budget` : ''}`
              : null,
            job.finishedAt ? `finished ${formatWhen(job.finishedAt)}` : `started ${formatWhen(job.startedAt ?? job.createdAt)}`,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        {job.outcome && (
          <Text size="sm" fw={600} aria-label={`Outcome of ${job.title}`}>
            {outcomeCounts(job.outcome)}
          </Text>
        )}
        {job.message && (
          <Text size="sm" c={job.status === 'failed' ? 'red.8' : undefined}>
            {job.message}
          </Text>
        )}
        {speed && <SpeedTestFigures result={speed} />}
        <Group gap="xs">
          {running && !job.runningElsewhere && (
            <Button
              size="xs"
              variant="default"
              onClick={() => controls.pause.mutate(job.id)}
              loading={controls.pause.isPending}
              disabled={busy}
            >
              Pause
            </Button>
          )}
          {/* A job another window runs is controlled there; its message says so. */}
          {cancellable.includes(job.status) && !job.runningElsewhere && (
            <Button
              size="xs"
              variant="default"
              color="red"
              onClick={() => controls.cancel.mutate(job.id)}
              loading={controls.cancel.isPending}
              disabled={busy}
            >
              Cancel
            </Button>
          )}
          {canResume(job) && (
            <ResumeButton
              job={job}
              busy={controls.resume.isPending}
              onResume={(options) => controls.resume.mutate({ id: job.id, ...options })}
            />
          )}
        </Group>
        {error && <ErrorAlert error={error} />}
        <FailedItems job={job} />
      </Stack>
    </Paper>
  );
}
