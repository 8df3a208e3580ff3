import { Anchor, Drawer, Stack, Text } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { href } from '../../lib/router';
import { Loading, QueryView } from '../../ui/QueryView';
import { useJobsPanel } from './jobsPanel';
import { useJobs } from './useJobs';

/**
 * A job card's code (its forms, result checks and their schema library) loads when the panel first shows
 * jobs, not with the first screen; the drawer itself stays in the first load so it can return focus.
 */
const JobCard = lazy(() => import('./JobCard').then((m) => ({ default: m.JobCard })));

export function JobsDrawer() {
  const panel = useJobsPanel();
  const jobs = useJobs();
  return (
    <Drawer
      opened={panel.opened}
      onClose={panel.close}
      position="right"
      size="lg"
      title={
        <Text fw={700} size="lg">
          Jobs
        </Text>
      }
    >
      <QueryView query={jobs} loading="Loading jobs…">
        {(list) =>
          list.length === 0 ? (
            <Text c="dimmed">
              No jobs yet. Long tasks show their progress here: speed tests now, generation and evaluation later. Try one under{' '}
              <Anchor href={href('settings', 'speed')} onClick={panel.close}>
                Settings → Speed test
              </Anchor>
              .
            </Text>
          ) : (
            <Suspense fallback={<Loading label="Loading jobs…" />}>
              <Stack gap="md">
                {list.map((job) => (
                  <JobCard key={job.id} job={job} />
                ))}
              </Stack>
            </Suspense>
          )
        }
      </QueryView>
    </Drawer>
  );
}
