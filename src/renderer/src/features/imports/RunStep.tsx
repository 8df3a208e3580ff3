import { Alert, Anchor, Badge, Button, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { IconBooks, IconCircleCheck, IconFileImport } from '@tabler/icons-react';
import { withoutFileName, type FileImportReport } from '../../../../shared/domain/importing';
import type { JobSummary } from '../../../../shared/domain/job';
import { terminalStatuses } from '../../../../shared/domain/job';
import { formatCount, formatEta, plural } from '../../lib/format';
import { notTranscriptsSkipped } from './skippedFiles';
import { href, navigate } from '../../lib/router';
import { JobStatusBadge } from '../../ui/badges';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useJobControls } from '../jobs/useJobs';
import { useLibraryState } from '../library/libraryState';
import { useImportWizard } from './importWizard';
import { Problems } from './PreviewStep';
import { summaryOf, useImportJobs } from './useImport';
import { usePendingDetailsCount } from './usePendingDetails';

/** A staged copy is kept as "<id>--name"; people should see the name they chose. */
export function shownName(path: string): string {
  return (path.split(/[\\/]/).pop() ?? path).replace(/^[0-9A-HJKMNP-TV-Z]{26}--/, '');
}

/** Step 4 once started: the import's progress, then what happened to each file. */
export function RunStep() {
  const { state, dispatch } = useImportWizard();
  const jobs = useImportJobs(state.jobs);
  const library = useLibraryState();
  const finished = jobs.length > 0 && jobs.every((j) => terminalStatuses.includes(j.status));
  const summaries = jobs.map(summaryOf);
  const reports = summaries.flatMap((s) => s.reports);
  const failed = summaries.flatMap((s) => s.failedFiles);
  const notImported = failed.length + state.leftOut.filter((f) => !f.notTranscript).length;
  const skippedFiles = state.leftOut.length + failed.length - notImported;
  const imported = reports.reduce((n, r) => n + r.imported, 0);
  // Whatever the privacy choice: sessions still waiting from an earlier import wait all the same.
  const pending = usePendingDetailsCount(finished && imported > 0);

  const openLibrary = () => {
    library.clearFilters();
    if (state.tags[0]) library.setFilter({ tag: state.tags[0] });
    library.setSort('updated', 'desc');
    library.showTop();
    navigate('library');
  };

  return (
    <Stack gap="md">
      <ImportProgress jobs={jobs} />
      {finished && (
        <>
          <Alert
            color={imported > 0 ? 'green' : 'yellow'}
            variant="light"
            icon={<IconCircleCheck aria-hidden />}
            title="Import finished"
            role="status"
          >
            <Group justify="space-between" wrap="nowrap" gap="md">
              <Text size="sm">
                {plural(imported, 'session')} imported from {plural(reports.length, 'file')}
                {notImported > 0 ? `; ${plural(notImported, 'file')} not imported` : ''}
                {skippedFiles > 0 ? `; ${notTranscriptsSkipped(skippedFiles)}` : ''}.
                {pending !== null && pending > 0
                  ? ` ${plural(pending, 'session')} in the project now ${pending === 1 ? 'waits' : 'wait'} for personal-detail review.`
                  : ''}
              </Text>
              <Group gap="xs" wrap="nowrap">
                <Button leftSection={<IconBooks size={18} aria-hidden />} onClick={openLibrary}>
                  Open in library
                </Button>
                <Button
                  variant="default"
                  leftSection={<IconFileImport size={18} aria-hidden />}
                  onClick={() => dispatch({ type: 'reset' })}
                >
                  Import more files
                </Button>
              </Group>
            </Group>
          </Alert>
          <Title order={2} size="h3">
            Report
          </Title>
          <Stack gap="sm" component="ul" aria-label="Import report" p={0} m={0} style={{ listStyle: 'none' }}>
            {reports.map((r) => (
              <FileReport key={r.path} report={r} />
            ))}
            {failed.map((f) => (
              <NotImported
                key={f.path}
                name={shownName(f.path)}
                reason={withoutFileName(shownName(f.path), f.error ?? 'It could not be read.')}
              />
            ))}
            {state.leftOut.map((f) => (
              <NotImported key={f.name} name={f.name} reason={f.reason} skipped={f.notTranscript} />
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}

/**
 * One progress bar for the whole import, even when it runs as several jobs (files given their own
 * format or CSV columns go in a job of their own).
 */
function ImportProgress({ jobs }: { jobs: JobSummary[] }) {
  const controls = useJobControls();
  const total = jobs.reduce((n, j) => n + j.total, 0);
  const done = jobs.reduce((n, j) => n + j.done, 0);
  const failed = jobs.reduce((n, j) => n + j.failed, 0);
  const active = jobs.filter((j) => j.status === 'running' || j.status === 'queued');
  const running = active.length > 0;
  const etas = active.map((j) => j.etaMs).filter((ms): ms is number => ms !== null);
  const eta = etas.length ? formatEta(Math.max(...etas)) : null;
  const status: JobSummary['status'] = running ? 'running' : (jobs.find((j) => j.status !== 'succeeded')?.status ?? 'succeeded');
  const title = `Import of ${plural(total, 'file')}`;
  // The sessions of the files being read: the bar moves with them, not only when a whole file is stored.
  const inFiles = active.flatMap((j) => (j.itemProgress ? [j.itemProgress] : []));
  const sessions = inFiles.length
    ? { done: inFiles.reduce((n, p) => n + p.done, 0), total: inFiles.reduce((n, p) => n + p.total, 0) }
    : null;
  const partial = inFiles.reduce((n, p) => n + (p.total > 0 ? p.done / p.total : 0), 0);
  const value = total > 0 ? (Math.min(done + failed + partial, total) / total) * 100 : 0;
  const reading = sessions ? `${formatCount(sessions.done)} of ${plural(sessions.total, 'session')} read and checked` : null;
  return (
    <Paper p="md" component="article" aria-label={title}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>{title}</Text>
          <JobStatusBadge status={status} />
        </Group>
        {/* Root and section, as in the Jobs panel: the simple Progress puts its own percentage on the role and hides these values. */}
        <Progress.Root
          size="lg"
          role="progressbar"
          aria-label={`Progress of the ${title.toLowerCase()}`}
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={done + failed}
          aria-valuetext={[reading, `${done + failed} of ${total} files done`].filter(Boolean).join('; ')}
        >
          <Progress.Section withAria={false} value={value} striped={running} animated={running} color={failed > 0 ? 'orange' : 'sea'} />
        </Progress.Root>
        <Group justify="space-between">
          <Text size="sm">
            {reading ? `${reading} · ` : ''}
            {formatCount(done)} of {plural(total, 'file')} imported
            {failed > 0 ? `, ${formatCount(failed)} failed` : ''}
            {eta ? ` · ${eta}` : ''}
          </Text>
          {running && (
            <Button
              size="xs"
              variant="default"
              color="red"
              onClick={() => active.forEach((j) => controls.cancel.mutate(j.id))}
              loading={controls.cancel.isPending}
            >
              Cancel
            </Button>
          )}
        </Group>
        {/* A file's session count is in the line above already; other messages (why a job stopped) show here. */}
        {jobs.map((j) =>
          j.message && !j.itemProgress ? (
            <Text key={j.id} size="sm">
              {j.message}
            </Text>
          ) : null,
        )}
        {controls.cancel.error ? <ErrorAlert error={controls.cancel.error} /> : null}
      </Stack>
    </Paper>
  );
}

function FileReport({ report }: { report: FileImportReport }) {
  return (
    <Paper component="li" p="md" aria-label={`Report for ${report.name}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={700} style={{ wordBreak: 'break-all' }}>
            {report.name}
          </Text>
          <Badge color={report.imported > 0 ? 'green' : 'gray'}>{plural(report.imported, 'session')} imported</Badge>
        </Group>
        {report.error && (
          <Text size="sm" c="red.8">
            {report.error}
          </Text>
        )}
        {report.sessionIds.length > 0 && report.sessionIds.length <= 10 && (
          <Group gap="xs">
            {report.sessionIds.map((id, i) => (
              <Anchor key={id} href={href('library', id)} size="sm">
                Open session{report.sessionIds.length > 1 ? ` ${i + 1}` : ''}
              </Anchor>
            ))}
          </Group>
        )}
        {report.skipped.length > 0 && (
          <Stack gap={2} component="ul" aria-label="Skipped" p={0} m={0} style={{ listStyle: 'none' }}>
            {report.skipped.map((s) => (
              <Text key={s.key} component="li" size="sm">
                Skipped “{s.title}”: it {s.reason}.
              </Text>
            ))}
          </Stack>
        )}
        {report.nearDuplicates.length > 0 && (
          <Stack gap={2} component="ul" aria-label="Near-duplicates" p={0} m={0} style={{ listStyle: 'none' }}>
            {report.nearDuplicates.map((d) => (
              <Text key={d.sessionId} component="li" size="sm">
                <Anchor href={href('library', d.sessionId)}>A new session</Anchor> is {Math.round(d.similarity * 100)}% like{' '}
                <Anchor href={href('library', d.similarTo)}>one already in the library</Anchor>; both were kept, compare them.
              </Text>
            ))}
          </Stack>
        )}
        {report.problems.length > 0 && <Problems problems={report.problems} />}
      </Stack>
    </Paper>
  );
}

/** A file the import left out: failed (red), or skipped as not a transcript when a chosen folder held it (grey). */
function NotImported({ name, reason, skipped = false }: { name: string; reason: string; skipped?: boolean }) {
  return (
    <Paper component="li" p="md" aria-label={`Report for ${name}`}>
      <Group justify="space-between" wrap="nowrap" gap="md">
        <Text fw={700} style={{ wordBreak: 'break-all' }}>
          {name}
        </Text>
        <Badge color={skipped ? 'gray' : 'red'}>{skipped ? 'Skipped' : 'Not imported'}</Badge>
      </Group>
      <Text size="sm" mt={4}>
        {reason}
      </Text>
    </Paper>
  );
}
